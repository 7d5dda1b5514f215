import { afterEach, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../src/core/deps.ts';
import { DEFAULT_RULES } from '../../../src/core/rules.ts';
import { CLAIM_LEASE_MS } from '../../../src/core/sweep/recover-stale-claims.ts';
import { claimDueNudges, deliverNudge, queueDueNudges } from '../../../src/core/sweep/send-due-nudges.ts';
import { DEFAULT_RETRY } from '../../../src/core/sweep/deliver.ts';
import { DeliveryQueue } from '../../../src/core/sweep/delivery-queue.ts';
import { recoverStaleClaims } from '../../../src/core/sweep/recover-stale-claims.ts';
import { createGroupWorld, createTestCore, type GroupWorld, isNudge } from '../../helpers/world.ts';

let h: GroupWorld;
afterEach(() => h?.close());
const policy = { ...DEFAULT_RETRY, wait: async () => {} };
/** What another process's core hands its use cases: the same store, chat and clock. */
const otherProcess = (): CoreDeps => ({
  store: h.store,
  chat: h.chat,
  clock: h.clock,
  logger: h.logs,
  rules: DEFAULT_RULES,
});

/** Alice and bob each have a step due now (Thursday 10:00 Berlin). */
async function twoMembersDue(): Promise<void> {
  h = await createGroupWorld({
    start: new Date('2026-11-25T12:00:00Z'),
    zone: 'Europe/Berlin',
    members: [{ userId: 'alice' }, { userId: 'bob' }],
  });
  await h.command('alice', 'rejected', 'Acme | SRE | final');
  await h.command('bob', 'rejected', 'Globex | SRE | final');
  h.clock.set(new Date('2026-11-26T09:00:00Z'));
}

const nudgesTo = (user: string) => h.chat.dmsTo(user).filter((d) => isNudge(d.text));

describe('exactly once', () => {
  it('releases the claims of a process that died before sending, and the next sweep after the lease sends them', async () => {
    await twoMembersDue();
    const { planned } = await claimDueNudges(otherProcess(), 'dead-process');
    expect(planned).toHaveLength(2);
    await h.rebound.sweep();
    expect(h.chat.sent.filter((s) => isNudge(s.text))).toHaveLength(0); // still within the lease: held
    h.clock.advance(CLAIM_LEASE_MS + 60_000);
    await h.rebound.sweep(); // releases
    await h.rebound.sweep(); // claims and sends
    expect(nudgesTo('alice')).toHaveLength(1);
    expect(nudgesTo('bob')).toHaveLength(1);
    await h.rebound.sweep();
    expect(h.chat.sent.filter((s) => isNudge(s.text))).toHaveLength(2);
  });

  it('abandons, logs and never resends a claim whose send had started when its process died', async () => {
    await twoMembersDue();
    const { planned } = await claimDueNudges(otherProcess(), 'dead-process');
    const alice = planned.find((p) => p.member.userId === 'alice');
    if (!alice) throw new Error('alice was not planned');
    await h.store.transaction(async (tx) => tx.deliveries.startAttempt(alice.keys, 'dead-process', h.clock.now()));
    h.clock.advance(CLAIM_LEASE_MS + 60_000);
    await h.rebound.sweep();
    await h.rebound.sweep();
    expect(nudgesTo('alice')).toHaveLength(0);
    expect(nudgesTo('bob')).toHaveLength(1);
    const statuses = await Promise.all(alice.keys.map(async (k) => (await h.store.deliveries.get(k))?.status));
    expect(statuses).toEqual(alice.keys.map(() => 'abandoned'));
    expect(h.logs.lines.some((l) => l.level === 'warn' && l.fields.outcome === 'abandoned')).toBe(true);
  });

  it('does not send a claim that another process released after the lease and sent itself', async () => {
    await twoMembersDue();
    const slow = (await claimDueNudges(otherProcess(), 'slow-process')).planned;
    h.clock.advance(CLAIM_LEASE_MS + 60_000);
    await h.rebound.sweep();
    await h.rebound.sweep();
    expect(h.chat.sent.filter((s) => isNudge(s.text))).toHaveLength(2);
    for (const nudge of slow)
      expect((await deliverNudge(otherProcess(), nudge, 'slow-process', policy)).outcome).toBe('lost');
    expect(nudgesTo('alice')).toHaveLength(1);
    expect(nudgesTo('bob')).toHaveLength(1);
  });

  it('sends everything once when two cores sweep one store at the same time', async () => {
    await twoMembersDue();
    const other = createTestCore({
      chat: h.chat,
      clock: h.clock,
      database: h.database,
      logger: h.logs,
      owner: 'other',
    }).rebound;
    await Promise.all([h.rebound.sweep(), other.sweep(), h.rebound.sweep(), other.sweep()]);
    expect(nudgesTo('alice')).toHaveLength(1);
    expect(nudgesTo('bob')).toHaveLength(1);
    expect(h.chat.sent.filter((s) => s.kind === 'thread-starter')).toHaveLength(1);
  });

  it('sends a claim once when its own process released it as stale while it still waited in the queue, and claimed it again', async () => {
    // A process that stalled past the lease (its renewals late) finds its own waiting claims
    // released by its recovery; its next sweep claims them again while the first jobs still wait.
    await twoMembersDue();
    const deps = otherProcess();
    const queue = new DeliveryQueue({ perLane: 4, total: 4 }, (e) => {
      throw e;
    });
    // The queue is full with other sends; once they end, the waiting jobs all start at once.
    let open = () => {};
    const blocker = new Promise<void>((resolve) => (open = resolve));
    for (let i = 0; i < 4; i++) queue.push('elsewhere', { keys: [], run: () => blocker, release: async () => {} });
    expect((await queueDueNudges(deps, 'stalled', policy, queue)).claimed).toBe(2);
    h.clock.advance(CLAIM_LEASE_MS + 60_000);
    expect((await recoverStaleClaims(deps)).released).toBe(2);
    expect((await queueDueNudges(deps, 'stalled', policy, queue)).claimed).toBe(2);
    open();
    await queue.idle();
    await h.rebound.sweep();
    await queue.idle();
    expect(nudgesTo('alice')).toHaveLength(1);
    expect(nudgesTo('bob')).toHaveLength(1);
  });
});
