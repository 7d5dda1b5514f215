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

  it('backs off on transient failures a bounded number of times, then marks the nudge failed and logs it', async () => {
    const key = await oneNudgeDue();
    for (let i = 0; i < 4; i++) h.chat.failNext(DeliveryError.transient('timeout'), 'dm');
    await h.rebound.sweep();
    expect(h.waits).toEqual([1000, 4000, 16000]);
    expect(h.chat.dmsTo('alice')).toHaveLength(0);
    expect(await h.store.deliveries.get(key)).toMatchObject({ status: 'failed', attempts: 4 });
    expect((await h.store.deliveries.get(key))?.error).toMatch(/^transient/);
    expect(
      h.logs.lines.some(
        (l) => l.level === 'error' && l.message === 'nudge not delivered' && l.fields.failure === 'transient',
      ),
    ).toBe(true);
    await h.rebound.sweep();
    expect(h.chat.sent.filter((s) => isNudge(s.text))).toHaveLength(0);
  });

  it('recovers from a transient failure within the bound and sends once', async () => {
    const key = await oneNudgeDue();
    h.chat.failNext(DeliveryError.transient('502'), 'dm');
    await h.rebound.sweep();
    expect(h.waits).toEqual([1000]);
    expect(await h.store.deliveries.get(key)).toMatchObject({ status: 'sent', attempts: 2 });
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
    expect(h.logs.lines.some((l) => l.level === 'error' && l.message === 'check-in post not delivered')).toBe(true);
    await h.rebound.sweep();
    expect(h.chat.sent.filter((s) => s.kind === 'thread-starter')).toHaveLength(0);
  });
});
