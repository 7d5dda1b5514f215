import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf, createGroupWorld, isNudge, replyText, type GroupWorld } from '../helpers/world.ts';

const DAY = 24 * 3_600_000;

/**
 * An application with no news: one gentle follow-up after 14 days, and after 30 the offer to mark
 * it ghosted, with a button. Both are scheduled when the application is logged and moved by each
 * piece of news; the periods are group settings like every rule.
 */
describe('silence on an application', () => {
  let h: GroupWorld;
  beforeEach(async () => {
    // Wednesday 25 November 2026, 12:00 in Berlin.
    h = await createGroupWorld({
      zone: 'Europe/Berlin',
      start: new Date('2026-11-25T11:00:00Z'),
      members: [{ userId: 'alice' }],
    });
    await h.run('alice', '/rebound quiet off');
    await h.run('alice', '/rebound reminders off');
    // The weekly networking step would nudge on Mondays: only the silence steps are under test.
    await h.run('alice', '/rebound config network off');
  });
  afterEach(() => h.close());

  const silence = async (statuses: ('pending' | 'cancelled' | 'done')[] = ['pending']) =>
    (await h.store.followUps.listByMember(await h.memberId('alice'), statuses))
      .filter((f) => f.ruleId.startsWith('silence-'))
      .map((f) => [f.ruleId, f.dueAt.toISOString()]);
  const nudges = () => h.chat.sent.filter((s) => s.kind === 'dm' && isNudge(s.text));
  const statusOf = async (company: string) =>
    (await h.store.applications.findByCompany(await h.memberId('alice'), company))[0]?.status;

  it('schedules a follow-up 14 days and a ghosting offer 30 days after the application, at 10:00 local', async () => {
    await h.run('alice', '/applied Acme | SRE');
    expect(await silence()).toEqual([
      ['silence-follow-up', '2026-12-09T09:00:00.000Z'],
      ['silence-ghosted', '2026-12-25T09:00:00.000Z'],
    ]);
  });

  it('sends the follow-up with a draft when nothing happened, and nothing before', async () => {
    await h.run('alice', '/applied Acme | SRE');
    await h.advanceTo(new Date('2026-12-09T08:59:00Z'));
    expect(nudges()).toEqual([]);
    await h.advanceTo(new Date('2026-12-09T09:01:00Z'));
    expect(nudges()).toHaveLength(1);
    expect(nudges()[0]?.text).toContain('Two weeks without news at Acme');
    expect(nudges()[0]?.text).toContain('I applied for the SRE role at Acme a little while ago');
  });

  it('news moves both steps: a stage move on day 5 makes them day 19 and day 35', async () => {
    await h.run('alice', '/applied Acme | SRE');
    await h.advance(5 * DAY);
    await h.run('alice', '/stage Acme | screening');
    expect(await silence()).toEqual([
      ['silence-follow-up', '2026-12-14T09:00:00.000Z'],
      ['silence-ghosted', '2026-12-30T09:00:00.000Z'],
    ]);
    await h.advanceTo(new Date('2026-12-10T12:00:00Z'));
    expect(nudges()).toEqual([]);
  });

  it('an interview ahead counts as news at its own time', async () => {
    await h.run('alice', '/applied Acme | SRE');
    await h.run('alice', '/interview Acme | 2026-12-20 10:00 | onsite');
    expect(await silence()).toEqual([
      ['silence-follow-up', '2027-01-03T09:00:00.000Z'],
      ['silence-ghosted', '2027-01-19T09:00:00.000Z'],
    ]);
  });

  it('offers to mark it ghosted after 30 days; the button does it, and later news revives it', async () => {
    await h.run('alice', '/applied Acme | SRE');
    await h.advanceTo(new Date('2026-12-25T09:01:00Z'));
    const offer = nudges().find((n) => n.text.includes('A month without news at Acme'));
    if (!offer) throw new Error('no ghosting offer was sent');
    const ghost = offer.buttons.find((b) => b.startsWith('fu:ghost:')) ?? '';
    expect(ghost).not.toBe('');
    const pressed = await h.click('alice', ghost, { messageId: offer.sent.messageId });
    expect(replyText(pressed)).toContain('✓ Done: No answer at Acme for a month');
    expect(await statusOf('Acme')).toBe('ghosted');
    expect(await silence()).toEqual([]);
    // Weeks later they write back: any news brings it back, with silence counted from then.
    await h.advance(10 * DAY);
    const revived = await h.run('alice', '/stage Acme | interviewing');
    expect(replyText(revived)).toContain('It was ghosted: good to see it moving again.');
    expect(await silence()).toEqual([
      ['silence-follow-up', '2027-01-18T09:00:00.000Z'],
      ['silence-ghosted', '2027-02-03T09:00:00.000Z'],
    ]);
  });

  it('an application that no longer waits has no silence: a rejection closes it, and its Undo reopens it', async () => {
    await h.run('alice', '/applied Acme | SRE');
    await h.advance(DAY);
    const rejection = await h.run('alice', '/rejected Acme | SRE');
    expect(await silence()).toEqual([]);
    await h.click('alice', buttonsOf(rejection).find((b) => b.startsWith('undo:')) ?? '');
    expect(await silence()).toEqual([
      ['silence-follow-up', '2026-12-09T09:00:00.000Z'],
      ['silence-ghosted', '2026-12-25T09:00:00.000Z'],
    ]);
  });

  it('a withdrawal closes it for good, and nothing is sent', async () => {
    await h.run('alice', '/applied Acme | SRE');
    await h.run('alice', '/stage Acme | withdrawn');
    await h.advanceTo(new Date('2026-12-26T12:00:00Z'));
    expect(nudges()).toEqual([]);
  });

  it('follows the group settings: a longer period, or off', async () => {
    await h.run('alice', '/rebound config silence-follow-up 21');
    await h.run('alice', '/rebound config silence-ghosted off');
    await h.run('alice', '/applied Acme | SRE');
    expect(await silence()).toEqual([['silence-follow-up', '2026-12-16T09:00:00.000Z']]);
  });

  it('a step timed before news it missed waits for its new time instead of going out early', async () => {
    await h.run('alice', '/applied Acme | SRE');
    // News that moved nothing (recorded straight in the store, as an older process would have).
    const [app] = await h.store.applications.findByCompany(await h.memberId('alice'), 'Acme');
    await h.store.applications.setStatus(app?.id ?? 0, 'screening', new Date('2026-12-01T11:00:00Z'));
    await h.advanceTo(new Date('2026-12-10T12:00:00Z'));
    expect(nudges()).toEqual([]);
    expect(await silence()).toEqual([
      ['silence-follow-up', '2026-12-15T09:00:00.000Z'],
      ['silence-ghosted', '2026-12-25T09:00:00.000Z'],
    ]);
  });
});
