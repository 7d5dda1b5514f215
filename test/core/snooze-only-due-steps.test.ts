import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, replyText, type World } from '../helpers/world.ts';

describe('Snooze 2d applies only to a step that is due', () => {
  let h: World;
  const aliceId = async () => (await h.store.members.find(1, 'alice'))?.id ?? 0;
  const open = async () => h.store.followUps.listByMember(await aliceId(), ['pending', 'snoozed']);
  const stayInTouchNudges = () =>
    h.chat.dmsTo('alice').filter((d) => /from your plan/.test(d.text) && /touch/i.test(d.text));

  beforeEach(async () => {
    // Wednesday 25 November 2026, 13:00 in Berlin.
    h = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await h.command({ userId: 'alice', timezone: 'Europe/Berlin' }, 'rebound', 'setup 09:00 Europe/Berlin');
    await h.command('alice', 'rejected', 'Acme | SRE | interview');
  });
  afterEach(() => h.close());

  it('leaves a distant step where it is and does not DM it two days later', async () => {
    const distant = (await open())
      .filter((f) => f.ruleId === 'stay-in-touch')
      .sort((a, b) => b.dueAt.getTime() - a.dueAt.getTime())[0];
    expect(distant).toBeDefined();
    const dueAt = distant?.dueAt.getTime() ?? 0;
    expect(dueAt).toBeGreaterThan(new Date('2027-01-01T00:00:00Z').getTime());
    const reply = await h.click('alice', `fu:snooze:${distant?.id}`);
    expect(replyText(reply)).toMatch(/not due until/);
    const after = await h.store.followUps.get(distant?.id ?? 0);
    expect(after?.dueAt.getTime()).toBe(dueAt);
    expect(after?.status).toBe('pending');
    await h.advanceTo(new Date('2026-11-28T12:00:00Z'));
    expect(stayInTouchNudges()).toHaveLength(0);
  });

  it('moves a due step to two days from now', async () => {
    await h.advanceTo(new Date('2026-11-26T10:00:00Z'));
    const feedback = (await open()).find((f) => f.ruleId === 'request-feedback');
    await h.click('alice', `fu:snooze:${feedback?.id}`);
    expect((await h.store.followUps.get(feedback?.id ?? 0))?.dueAt.toISOString()).toBe('2026-11-28T10:00:00.000Z');
  });
});
