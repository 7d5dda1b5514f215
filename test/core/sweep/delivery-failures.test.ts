import { mentionedUsers } from '../../../src/core/messages.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/core/errors.ts';
import { createGroupWorld, type GroupWorld, isNudge } from '../../helpers/world.ts';

let h: GroupWorld;
afterEach(() => h?.close());

/** Alice has one step due on Thursday at 10:00 Berlin; the clock is then. */
async function oneNudgeDue(): Promise<string> {
  h = await createGroupWorld({ start: new Date('2026-11-25T12:00:00Z'), zone: 'Europe/Berlin' });
  await h.command('alice', 'rejected', 'Acme | SRE | final');
  const step = (await h.store.followUps.listByMember(await h.memberId('alice'), ['pending']))[0];
  if (!step) throw new Error('no step planned');
  h.clock.set(step.dueAt);
  return `nudge:${step.id}:${step.dueAt.getTime()}`;
}

describe('delivery failures', () => {
  it('waits the time a rate-limited platform gave, then sends once', async () => {
    const key = await oneNudgeDue();
    h.chat.failNext(DeliveryError.rateLimited(7000), 'dm');
    await h.rebound.sweep();
    expect(h.waits).toEqual([7000]);
    expect(h.chat.dmsTo('alice').filter((d) => isNudge(d.text))).toHaveLength(1);
    expect(await h.store.deliveries.get(key)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('leaves a transiently refused nudge for a later sweep, which sends it once when its retry time has come', async () => {
    const key = await oneNudgeDue();
    const due = h.clock.now();
    h.chat.failNext(DeliveryError.transient('HTTP 500'), 'dm');
    await h.rebound.sweep();
    expect(h.waits).toEqual([]);
    expect(h.chat.dmsTo('alice')).toHaveLength(0);
    expect(await h.store.deliveries.get(key)).toMatchObject({
      status: 'retry',
      attempts: 1,
      inFlight: false,
      retryAt: new Date(due.getTime() + 5_000),
      firstFailedAt: due,
    });
    expect(h.logs.lines.some((l) => l.level === 'warn' && l.fields.outcome === 'retry')).toBe(true);
    // Not before its time.
    h.clock.advance(4_000);
    await h.rebound.sweep();
    expect(h.chat.dmsTo('alice')).toHaveLength(0);
    h.clock.advance(1_000);
    await h.rebound.sweep();
    await h.rebound.sweep();
    expect(h.chat.dmsTo('alice').filter((d) => isNudge(d.text))).toHaveLength(1);
    expect(await h.store.deliveries.get(key)).toMatchObject({ status: 'sent', attempts: 2, inFlight: false });
  });

  it('retries with growing backoff for the retry window, then marks the nudge failed and logs it', async () => {
    const key = await oneNudgeDue();
    for (let i = 0; i < 200; i++) h.chat.failNext(DeliveryError.transient('HTTP 503'), 'dm');
    const gaps: number[] = [];
    for (let sweeps = 0; sweeps < 200; sweeps++) {
      const before = await h.store.deliveries.get(key);
      await h.rebound.sweep();
      const row = await h.store.deliveries.get(key);
      if (row?.status !== 'retry' || !row.retryAt) break;
      if (row.attempts !== before?.attempts) gaps.push(row.retryAt.getTime() - h.clock.now().getTime());
      // To the retry's time; an hour on when quiet hours hold it back past that.
      h.clock.set(
        row.retryAt.getTime() > h.clock.now().getTime() ? row.retryAt : new Date(h.clock.now().getTime() + 3_600_000),
      );
    }
    expect(gaps.slice(0, 5)).toEqual([5_000, 10_000, 20_000, 40_000, 80_000]);
    expect(Math.max(...gaps)).toBe(60 * 60_000);
    expect(h.chat.dmsTo('alice')).toHaveLength(0);
    const row = await h.store.deliveries.get(key);
    expect(row).toMatchObject({ status: 'failed' });
    expect(row?.error).toMatch(/^transient/);
    expect(
      h.logs.lines.some(
        (l) => l.level === 'error' && l.message.startsWith('nudge not delivered') && l.fields.outcome === 'given-up',
      ),
    ).toBe(true);
  });

  it('abandons a nudge whose request left without an answer, and never sends it again', async () => {
    const key = await oneNudgeDue();
    h.chat.failNext(DeliveryError.unknown('no answer within 10 s'), 'dm');
    await h.rebound.sweep();
    expect(await h.store.deliveries.get(key)).toMatchObject({ status: 'abandoned', attempts: 1 });
    h.clock.advance(24 * 60 * 60_000);
    await h.rebound.sweep();
    expect(h.chat.sent.filter((s) => isNudge(s.text))).toHaveLength(0);
    expect(h.logs.lines.some((l) => l.level === 'error' && l.fields.outcome === 'unknown')).toBe(true);
  });

  it('on a permanent DM failure mentions the member once in the group channel and marks them unreachable by DM', async () => {
    const key = await oneNudgeDue();
    h.chat.failNext(DeliveryError.permanent('DMs closed'), 'dm');
    await h.rebound.sweep();
    const mentions = h.chat.sent.filter((s) => s.kind === 'channel' && isNudge(s.text));
    expect(mentions).toHaveLength(1);
    expect(mentionedUsers(mentions[0]?.message ?? { blocks: [] })).toEqual(['alice']);
    expect(h.waits).toEqual([]);
    expect((await h.store.members.get(await h.memberId('alice')))?.dmUnreachable).toBe(true);
    expect((await h.store.deliveries.get(key))?.status).toBe('sent');
    // The next nudge goes to the channel directly, without trying the DM again.
    h.clock.set(new Date('2026-11-28T09:00:00Z'));
    await h.rebound.sweep();
    expect(h.chat.dmsTo('alice')).toHaveLength(0);
    expect(h.chat.sent.filter((s) => s.kind === 'channel' && isNudge(s.text))).toHaveLength(2);
  });

  it('marks a check-in post failed and logs it when the channel refuses it for good', async () => {
    h = await createGroupWorld({ start: new Date('2026-11-25T12:00:00Z'), zone: 'Europe/Berlin' });
    h.chat.failNext(DeliveryError.permanent('channel archived'), 'thread-starter');
    h.clock.set(new Date('2026-11-26T08:00:00Z'));
    await h.rebound.sweep();
    expect((await h.store.deliveries.get(`checkin:${h.groupId}:2026-11-26`))?.status).toBe('failed');
    expect(h.logs.lines.some((l) => l.level === 'error' && l.message.startsWith('check-in post not delivered'))).toBe(
      true,
    );
    await h.rebound.sweep();
    expect(h.chat.sent.filter((s) => s.kind === 'thread-starter')).toHaveLength(0);
  });
});
