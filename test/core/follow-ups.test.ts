import { mentionedUsers } from '../../src/core/messages.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/core/errors.ts';
import { buttonsOf, createWorld, replyText, type World } from '../helpers/world.ts';

describe('a rejection turns into a plan of follow-ups', () => {
  let h: World;
  const aliceId = async () => (await h.store.members.find(1, 'alice'))?.id ?? 0;
  const open = async () => h.store.followUps.listByMember(await aliceId(), ['pending', 'snoozed']);
  /** Nudges only: reminders and other DMs are the scheduler's business. */
  const nudges = () => h.chat.dmsTo('alice').filter((d) => /from your plan/.test(d.text));

  beforeEach(async () => {
    // Wednesday 25 November 2026, 13:00 in Berlin.
    h = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await h.command({ userId: 'alice', timezone: 'Europe/Berlin' }, 'rebound', 'setup 09:00 Europe/Berlin');
  });
  afterEach(() => h.close());

  it('answers a rejection warmly, naming the company and the scheduled plan', async () => {
    const reply = await h.command('alice', 'rejected', 'Acme | Backend Engineer | interview');
    const text = replyText(reply);
    expect(reply.type).toBe('private');
    expect(text).toMatch(/sorry about Acme/);
    expect(text).toMatch(/Thu 26 Nov, 10:00: Ask for feedback at Acme/);
    expect(text).toMatch(/Sat 28 Nov, 10:00: Connect with people at Acme/);
    expect(text).toMatch(/Right now: pick the next role/);
    expect((await open()).map((f) => f.ruleId).sort()).toEqual(
      [
        'connect',
        'engage',
        'keep-applying',
        'request-feedback',
        'stay-in-touch',
        'stay-in-touch',
        'stay-in-touch',
      ].sort(),
    );
  });

  it('creates the application when it did not exist, and marks an existing one rejected', async () => {
    await h.command('alice', 'applied', 'Globex | SRE');
    await h.command('alice', 'rejected', 'globex | SRE | screen');
    await h.command('alice', 'rejected', 'Initech');
    const apps = await h.store.applications.listByMember(await aliceId());
    expect(apps.map((a) => [a.company, a.status])).toEqual([
      ['Globex', 'rejected'],
      ['Initech', 'rejected'],
    ]);
  });

  it('nudges by DM when steps come due, with Done / Snooze 2d / Skip for each', async () => {
    await h.command('alice', 'rejected', 'Acme | Backend Engineer | interview');
    await h.advanceTo(new Date('2026-11-29T12:00:00Z'));
    const dms = nudges();
    expect(dms).toHaveLength(2);
    expect(dms[0]?.text).toMatch(/Ask for feedback at Acme[\s\S]*draft[\s\S]*Backend Engineer role at Acme/);
    expect(dms[1]?.text).toMatch(/Connect with people at Acme/);
    expect(dms[0]?.buttons).toEqual([
      expect.stringMatching(/^fu:done:/),
      expect.stringMatching(/^fu:snooze:/),
      expect.stringMatching(/^fu:skip:/),
    ]);
  });

  it('marks a step done from the nudge, so /followups no longer lists it, and redraws the nudge', async () => {
    await h.command('alice', 'rejected', 'Acme | Backend Engineer | interview');
    await h.advanceTo(new Date('2026-11-26T10:00:00Z'));
    const nudge = nudges()[0];
    const done = nudge?.buttons[0] ?? '';
    const reply = await h.click('alice', done, { messageId: nudge?.sent.messageId, channelId: nudge?.sent.channelId });
    expect(reply.type).toBe('replace');
    expect(replyText(reply)).toMatch(/✓ Done: Ask for feedback at Acme/);
    expect(buttonsOf(reply)).toEqual([]);
    const list = await h.command('alice', 'followups');
    expect(replyText(list)).not.toMatch(/Ask for feedback/);
    expect(replyText(list)).toMatch(/Note what you heard at Acme/); // log-feedback chained after it
  });

  it("redraws only the clicked member's steps when another member's nudge has the same message id", async () => {
    // Slack numbers messages per channel: two members' DMs can carry the same `ts`.
    h.chat.messageIds = 'per-channel';
    await h.command({ userId: 'bob', timezone: 'Europe/Berlin' }, 'rejected', 'Globex | SRE | interview');
    await h.command('alice', 'rejected', 'Acme | Backend Engineer | interview');
    await h.advanceTo(new Date('2026-11-26T10:00:00Z'));
    const nudge = nudges()[0];
    const bobs = h.chat.dmsTo('bob').filter((d) => /from your plan/.test(d.text))[0];
    expect(bobs?.sent.messageId).toBe(nudge?.sent.messageId);
    expect(bobs?.sent.channelId).not.toBe(nudge?.sent.channelId);
    const reply = await h.click('alice', nudge?.buttons[0] ?? '', {
      messageId: nudge?.sent.messageId,
      channelId: nudge?.sent.channelId,
    });
    expect(replyText(reply)).toMatch(/✓ Done: Ask for feedback at Acme/);
    expect(replyText(reply)).not.toMatch(/Globex/);
  });

  it('snoozes a step by two days and nudges again then', async () => {
    await h.command('alice', 'rejected', 'Acme | SRE | interview');
    await h.advanceTo(new Date('2026-11-26T10:00:00Z'));
    const first = nudges()[0];
    await h.click('alice', first?.buttons[1] ?? '');
    await h.advanceTo(new Date('2026-11-28T09:59:00Z')); // snoozed to Sat 11:00 Berlin = 10:00Z
    expect(nudges().filter((d) => /Ask for feedback/.test(d.text))).toHaveLength(1);
    await h.advanceTo(new Date('2026-11-28T10:01:00Z'));
    expect(nudges().filter((d) => /Ask for feedback/.test(d.text))).toHaveLength(2);
  });

  it('stops stay-in-touch for that company when it is skipped', async () => {
    await h.command('alice', 'rejected', 'Acme | SRE');
    const stay = (await open()).filter((f) => f.ruleId === 'stay-in-touch');
    expect(stay).toHaveLength(3);
    await h.click('alice', `fu:skip:${stay[0]?.id}`);
    expect((await open()).filter((f) => f.ruleId === 'stay-in-touch')).toEqual([]);
  });

  it('closes the feedback steps when feedback is logged for that application', async () => {
    await h.command('alice', 'rejected', 'Acme | SRE | interview');
    const reply = await h.command('alice', 'feedback', 'acme | wanted more system design depth');
    expect(replyText(reply)).toMatch(/saved to your lessons/);
    expect((await open()).map((f) => f.ruleId)).not.toContain('request-feedback');
  });

  it('drops the +7 day keep-applying step when an application was logged since', async () => {
    await h.command('alice', 'rejected', 'Acme | SRE');
    await h.command('alice', 'applied', 'Globex | SRE');
    expect((await open()).map((f) => f.ruleId)).not.toContain('keep-applying');
    await h.advanceTo(new Date('2026-12-03T12:00:00Z'));
    expect(nudges().some((d) => /Line up your next application/.test(d.text))).toBe(false);
  });

  it('sends keep-applying at +7 days when nothing was logged since', async () => {
    await h.command('alice', 'rejected', 'Acme | SRE');
    await h.advanceTo(new Date('2026-12-03T12:00:00Z'));
    expect(nudges().some((d) => /Line up your next application/.test(d.text))).toBe(true);
  });

  it('holds a nudge during quiet hours and sends it when they end', async () => {
    await h.command('alice', 'rebound', 'quiet 08-11');
    await h.command('alice', 'rejected', 'Acme | SRE');
    await h.advanceTo(new Date('2026-11-26T09:30:00Z')); // 10:30 Berlin, quiet
    expect(nudges()).toHaveLength(0);
    await h.advanceTo(new Date('2026-11-26T10:30:00Z'));
    expect(nudges()).toHaveLength(1);
  });

  it('sends nothing while paused, then everything that came due in one nudge', async () => {
    await h.command('alice', 'rebound', 'pause 5');
    await h.command('alice', 'rejected', 'Acme | SRE | interview');
    await h.advanceTo(new Date('2026-11-30T11:00:00Z'));
    expect(nudges()).toHaveLength(0);
    await h.advanceTo(new Date('2026-11-30T13:00:00Z'));
    const dms = nudges();
    expect(dms).toHaveLength(1);
    expect(dms[0]?.text).toMatch(/Ask for feedback[\s\S]*Connect with people/);
  });

  it('nudges in the group channel after DMs failed for good, and by DM again once the member rejoins', async () => {
    await h.command('alice', 'rejected', 'Acme | SRE');
    h.chat.failNext(DeliveryError.permanent('cannot_dm_bot'), 'dm');
    await h.advanceTo(new Date('2026-11-26T10:00:00Z'));
    const fallback = h.chat.sent.filter((s) => s.kind === 'channel' && /from your plan/.test(s.text));
    expect(fallback).toHaveLength(1);
    expect(mentionedUsers(fallback[0]?.message ?? { blocks: [] })).toEqual(['alice']);
    expect((await h.store.members.find(1, 'alice'))?.dmUnreachable).toBe(true);
    await h.command('alice', 'rebound', 'join');
    expect((await h.store.members.find(1, 'alice'))?.dmUnreachable).toBe(false);
    await h.advanceTo(new Date('2026-11-28T10:00:00Z'));
    expect(nudges().some((d) => /Connect with people/.test(d.text))).toBe(true);
  });

  it('answers a click on an already-done step with what happened to it', async () => {
    await h.command('alice', 'rejected', 'Acme | SRE');
    const step = (await open())[0];
    await h.click('alice', `fu:done:${step?.id}`);
    expect(replyText(await h.click('alice', `fu:skip:${step?.id}`))).toMatch(/already done/);
  });
});
