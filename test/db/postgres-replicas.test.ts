/**
 * Two replicas on one PostgreSQL database (a store, and a pool, each): the sweep's due-work claim
 * splits the due steps between them (FOR UPDATE … SKIP LOCKED), the delivery ledger gives each key
 * to one, a forget-me confirmation is decided once, and a lease has one holder. Runs on the real server only: PGlite is a single connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports/index.ts';
import type { WorkspaceRef } from '../../src/core/types.ts';
import { openStore, type OpenedStore } from '../../src/db/open-store.ts';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../helpers/stores.ts';

const WS: WorkspaceRef = { platform: 'slack', workspaceId: 'T1' };
const t0 = new Date('2026-11-25T12:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

/** A promise and the function that settles it. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

describe.skipIf(!TEST_DATABASE_URL)('two replicas on one PostgreSQL database', () => {
  let database: TestDatabase;
  let replicas: OpenedStore[];
  let a: Store;
  let b: Store;
  let memberId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    replicas = [];
    for (let i = 0; i < 2; i++) replicas.push(await openStore({ databaseUrl: database.url, dbPath: ':memory:' }));
    [a, b] = replicas.map((r) => r.store) as [Store, Store];
    const g = await a.groups.create(
      {
        workspace: WS,
        channelId: 'C1',
        name: 'job-hunt',
        timezone: 'UTC',
        checkInMinute: 540,
        checkInDays: [1, 2, 3, 4, 5],
        reminderMinute: 960,
        adminUserIds: [],
      },
      t0,
    );
    memberId = (
      await a.members.create({ groupId: g.id, workspace: WS, userId: 'U1', displayName: 'U1', timezone: null }, t0)
    ).id;
  });
  afterAll(async () => {
    for (const r of replicas ?? []) await r.close();
    await database?.drop();
  });

  const dueSteps = (count: number, minutes: number) =>
    a.followUps.createMany(
      Array.from({ length: count }, (_, i) => ({
        workspace: WS,
        memberId,
        applicationId: null,
        ruleId: `rule-${minutes}-${i}`,
        dueAt: at(minutes),
        occurrence: 1,
      })),
      t0,
    );

  /** The sweep's claim: read the due steps inside a transaction and mark them nudged there. */
  const claim = (store: Store, limit: number, meanwhile: () => Promise<void> = async () => undefined) =>
    store.transaction(async () => {
      const due = await store.followUps.listDueWithContext(at(1000), limit);
      await meanwhile();
      const ids = due.map((d) => d.followUp.id);
      await store.followUps.markNudged(ids, at(1000));
      return ids;
    });

  it('skips the due steps another replica holds, rather than waiting for it or taking them too', async () => {
    const steps = await dueSteps(100, 1);
    const aRead = signal();
    const bDone = signal();
    const first = claim(a, 60, async () => {
      aRead.fire();
      // Holds its locks until the other replica has claimed: a plain FOR UPDATE would wait here forever.
      await bDone.promise;
    });
    await aRead.promise;
    const second = await claim(b, 60);
    bDone.fire();
    const firstIds = await first;
    expect(firstIds).toHaveLength(60);
    expect(second).toHaveLength(40);
    expect(new Set([...firstIds, ...second])).toEqual(new Set(steps.map((s) => s.id)));
    expect(await a.followUps.listDue(at(1000), 1000)).toEqual([]);
  });

  it('splits the due work between replicas sweeping at the same moment', async () => {
    const steps = await dueSteps(400, 2);
    const claims = await Promise.all([claim(a, 150), claim(b, 150), claim(a, 150), claim(b, 150)]);
    const all = claims.flat();
    expect(all).toHaveLength(400);
    expect(new Set(all)).toEqual(new Set(steps.map((s) => s.id)));
  });

  it('gives each delivery key to exactly one replica claiming at the same time', async () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `nudge:race:${i}`);
    const claimFor = (store: Store, owner: string, from: number) =>
      store.deliveries.claimMany(
        [...keys.slice(from), ...keys.slice(0, from)].map((key) => ({
          key,
          kind: 'nudge' as const,
          workspace: WS,
          memberId,
          subjectId: null,
          localDate: null,
          owner,
        })),
        t0,
      );
    const [ofA, ofB] = await Promise.all([claimFor(a, 'a', 0), claimFor(b, 'b', 1500)]);
    expect(ofA.size + ofB.size).toBe(keys.length);
    expect([...ofA].filter((key) => ofB.has(key))).toEqual([]);
    const sample = await b.deliveries.get('nudge:race:10');
    expect(sample?.owner).toBe(ofA.has('nudge:race:10') ? 'a' : 'b');
  });

  it('decides a forget-me confirmation once when both replicas get a press of it', async () => {
    const confirmation = await a.forgetConfirmations.create(WS, 'U1', at(15), t0);
    const aRead = signal();
    const decide = (store: Store, meanwhile: () => Promise<void> = async () => undefined) =>
      store.transaction(async () => {
        const seen = await store.forgetConfirmations.get(confirmation.id);
        await meanwhile();
        if (seen?.state !== 'open') return seen?.state;
        await store.forgetConfirmations.decide(confirmation.id, 'deleting', at(1));
        return 'decided';
      });
    const first = decide(a, async () => {
      aRead.fire();
      await new Promise((resolve) => setTimeout(resolve, 100));
    });
    await aRead.promise;
    // The second read waits for the first transaction, then reads what it decided.
    const second = await decide(b);
    expect([await first, second]).toEqual(['decided', 'deleting']);
  });

  it('gives a lease to one replica at a time', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).leases.acquire('discord-gateway', `r${i}`, t0, 60_000)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
