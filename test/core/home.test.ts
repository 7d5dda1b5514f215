import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf, createGroupWorld, textOf, type GroupWorld } from '../helpers/world.ts';

const DAY = 24 * 3_600_000;

describe('/rebound home', () => {
  let h: GroupWorld;
  beforeEach(async () => {
    // Wednesday 25 November 2026, 12:00 in Berlin; the group checks in at 09:00 on weekdays.
    h = await createGroupWorld({
      zone: 'Europe/Berlin',
      start: new Date('2026-11-25T11:00:00Z'),
      members: [{ userId: 'alice' }, { userId: 'bob' }],
    });
    await h.run('alice', '/rebound quiet off');
  });
  afterEach(() => h.close());

  it('shows what is due with its buttons, what comes next, the applications, the week, the streak and the check-in time', async () => {
    await h.run('alice', '/goal applications 5 | networking 2');
    await h.run('alice', '/applied Acme | SRE');
    await h.run('alice', '/applied Globex | QA');
    await h.run('alice', '/stage Globex | interviewing');
    await h.run('alice', '/interview Globex | 2026-11-30 14:00 | technical');
    await h.run('alice', '/rejected Initech | QA | interview');
    await h.advance(DAY + 2 * 3_600_000); // Thursday 26, 14:00: the feedback request is due
    const reply = await h.run('alice', '/rebound home');
    expect(reply.type).toBe('private');
    const text = textOf(reply);
    expect(text).toContain('Your Rebound home, alice');
    expect(text).toContain('Due now (1):');
    expect(text).toContain('Ask for feedback at Initech');
    expect(text).toContain('Coming up:');
    expect(text).toContain('Your applications under way: applied 1 · interviewing 1 (/applications lists them)');
    expect(text).toContain('Interviews ahead:\n• Mon 30 Nov, 14:00: technical interview, QA at Globex');
    expect(text).toContain('This week: 2 of 5 applications, 0 of 2 networking steps');
    expect(text).toContain('Check-in streak: 0 days');
    expect(text).toContain('job-hunt checks in at 09:00 (Europe/Berlin) on Monday to Friday.');
    // The due step's buttons work as in /followups.
    const done = buttonsOf(reply).find((b) => b.startsWith('fu:done:')) ?? '';
    expect(done).not.toBe('');
    expect(textOf(await h.click('alice', done))).toContain('✓ Done: Ask for feedback at Initech');
  });

  it('works in a DM, and says kindly when there is nothing yet', async () => {
    const text = textOf(await h.run('bob', '/rebound home', { channelId: 'D-bob' }));
    expect(text).toContain('No open follow-ups');
    expect(text).toContain('No applications under way: log the next one with /applied.');
    expect(text).toContain('(set goals with /goal)');
  });

  it('answers someone who never joined without making them a member', async () => {
    const reply = await h.run('mallory', '/rebound home');
    expect(textOf(reply)).not.toContain('Your Rebound home');
    expect(await h.store.members.find(h.groupId, 'mallory')).toBeNull();
  });

  it('answers a refresh of the home opened (asked again after a change) with the home for a member, with nothing for someone in no group', async () => {
    const refresh = (user: string) =>
      h.rebound.handle({ kind: 'home-opened', refresh: true, source: h.source(user, { channelId: '' }) });
    expect(textOf(await refresh('alice'))).toContain('Your Rebound home, alice');
    expect(await refresh('mallory')).toEqual({ type: 'none' });
    const opened = await h.rebound.handle({ kind: 'home-opened', source: h.source('mallory', { channelId: '' }) });
    expect(textOf(opened)).toContain('Welcome to Rebound.');
  });
});
