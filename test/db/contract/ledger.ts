/** The contract's part on what keeps work exactly-once: the delivery ledger, inbound ids and leases. */
import { expect, it } from 'vitest';
import type { NewDelivery } from '../../../src/core/ports/index.ts';
import { OTHER, WS, at, ref, t0, type Fixture } from './fixtures.ts';

const nudge = (key: string, memberId: number | null, owner = 'a'): NewDelivery => ({
  key,
  kind: 'nudge',
  workspace: WS,
  memberId,
  subjectId: 1,
  localDate: null,
  owner,
});

export function ledgerContract(f: Fixture): void {
  it('grants a delivery key to exactly one claimant, and releases a stale claim nothing was sent for', async () => {
    const m = await f.newMember((await f.newGroup()).id);
    const claim = (owner: string) => f.store.deliveries.claim(nudge('nudge:1:1', m.id, owner), t0);
    expect(await claim('a')).toBe(true);
    expect(await claim('b')).toBe(false);
    expect((await f.store.deliveries.listStaleClaims(at(1), 10)).map((d) => d.key)).toEqual(['nudge:1:1']);
    expect(await f.store.deliveries.release('nudge:1:1')).toBe(true);
    expect(await claim('b')).toBe(true);
    expect(await f.store.deliveries.startAttempt(['nudge:1:1'], 'b', t0)).toBe(true);
    await f.store.deliveries.markSent('nudge:1:1', { channelId: 'D1', messageId: 'M1' }, at(1));
    expect(await f.store.deliveries.get('nudge:1:1')).toMatchObject({
      status: 'sent',
      attempts: 1,
      owner: 'b',
      sentAt: at(1),
      channelId: 'D1',
      error: null,
    });
    expect((await f.store.deliveries.listByMessage(ref(WS, 'D1', 'M1'))).map((d) => d.subjectId)).toEqual([1]);
    expect(await f.store.deliveries.listStaleClaims(at(60), 10)).toEqual([]);
    // A sent delivery is never released.
    expect(await f.store.deliveries.release('nudge:1:1')).toBe(false);
    expect((await f.store.deliveries.get('nudge:1:1'))?.status).toBe('sent');
  });

  it('claims many keys at once and reports only those this caller got', async () => {
    const m = await f.newMember((await f.newGroup()).id);
    const keys = Array.from({ length: 1200 }, (_, i) => `nudge:${i}:1`);
    expect(
      (
        await f.store.deliveries.claimMany(
          keys.slice(0, 700).map((k) => nudge(k, m.id, 'a')),
          t0,
        )
      ).size,
    ).toBe(700);
    const second = await f.store.deliveries.claimMany(
      [...keys.slice(500).map((k) => nudge(k, m.id, 'b')), nudge('nudge:1199:1', m.id, 'b')],
      t0,
    );
    expect(second).toEqual(new Set(keys.slice(700)));
    expect(await f.store.deliveries.heldKeys(['nudge:0:1', 'nudge:1199:1', 'nudge:x'], t0)).toEqual(
      new Set(['nudge:0:1', 'nudge:1199:1']),
    );
    expect((await f.store.deliveries.get('nudge:600:1'))?.owner).toBe('a');
    expect(await f.store.deliveries.claimMany([], t0)).toEqual(new Set());
  });

  it('starts an attempt only while the owner still holds every key, and writes nothing otherwise', async () => {
    const m = await f.newMember((await f.newGroup()).id);
    await f.store.deliveries.claimMany([nudge('k1', m.id), nudge('k2', m.id), nudge('k3', m.id, 'b')], t0);
    expect(await f.store.deliveries.startAttempt(['k1', 'k3'], 'a', at(1))).toBe(false);
    expect(await f.store.deliveries.get('k1')).toMatchObject({ attempts: 0, claimedAt: t0 });
    expect(await f.store.deliveries.startAttempt(['k1', 'k2', 'k1'], 'a', at(2))).toBe(true);
    expect(await f.store.deliveries.get('k2')).toMatchObject({ attempts: 1, claimedAt: at(2) });
    expect(await f.store.deliveries.startAttempt([], 'a', at(3))).toBe(false);
    // Inside a transaction the refusal undoes only its own writes.
    await f.store.transaction(async (tx) => {
      await tx.deliveries.markFailed('k3', 'boom', at(3));
      expect(await tx.deliveries.startAttempt(['k1', 'k3'], 'a', at(3))).toBe(false);
    });
    expect(await f.store.deliveries.get('k3')).toMatchObject({ status: 'failed', error: 'boom' });
    expect(await f.store.deliveries.get('k1')).toMatchObject({ attempts: 1 });
    // Attempted claims stay; unattempted ones of the owner go.
    expect(await f.store.deliveries.releaseUnattempted(['k1', 'k2', 'k3'], 'a')).toBe(0);
    await f.store.deliveries.claim(nudge('k4', m.id), t0);
    expect(await f.store.deliveries.releaseUnattempted(['k4', 'k3'], 'a')).toBe(1);
    await f.store.deliveries.markAbandoned('k1', 'unknown outcome');
    expect(await f.store.deliveries.get('k1')).toMatchObject({ status: 'abandoned', error: 'unknown outcome' });
  });

  it('knows when an attempt is in flight, and lets a transiently refused key be claimed again only from its retry time', async () => {
    const m = await f.newMember((await f.newGroup()).id);
    await f.store.deliveries.claimMany([nudge('r1', m.id), nudge('r2', m.id)], t0);
    expect(await f.store.deliveries.startAttempt(['r1', 'r2'], 'a', at(1))).toBe(true);
    expect(await f.store.deliveries.get('r1')).toMatchObject({ inFlight: true, attempts: 1 });
    await f.store.deliveries.markRefused(['r1', 'r2'], 'a');
    expect(await f.store.deliveries.get('r1')).toMatchObject({ inFlight: false, status: 'claimed' });
    // Only the owner's claims move to retry; the first failure's time is kept from the first time.
    expect(await f.store.deliveries.scheduleRetry(['r1', 'r2'], 'b', { at: at(5), error: 'x', now: at(2) })).toBe(0);
    expect(
      await f.store.deliveries.scheduleRetry(['r1', 'r2'], 'a', { at: at(5), error: 'HTTP 500', now: at(2) }),
    ).toBe(2);
    expect(await f.store.deliveries.get('r1')).toMatchObject({
      status: 'retry',
      retryAt: at(5),
      firstFailedAt: at(2),
      error: 'HTTP 500',
    });
    expect(await f.store.deliveries.heldKeys(['r1', 'r2'], at(4))).toEqual(new Set(['r1', 'r2']));
    expect(await f.store.deliveries.heldKeys(['r1', 'r2'], at(5))).toEqual(new Set());
    // Not before its time, by anyone; from then, by one claimant, with its history kept.
    expect(await f.store.deliveries.claimMany([nudge('r1', m.id, 'b')], at(4))).toEqual(new Set());
    expect(await f.store.deliveries.claimMany([nudge('r1', m.id, 'b'), nudge('r2', m.id, 'b')], at(5))).toEqual(
      new Set(['r1', 'r2']),
    );
    expect(await f.store.deliveries.claim(nudge('r1', m.id, 'c'), at(6))).toBe(false);
    expect(await f.store.deliveries.get('r1')).toMatchObject({
      status: 'claimed',
      owner: 'b',
      attempts: 1,
      retryAt: null,
      firstFailedAt: at(2),
      claimedAt: at(5),
    });
    expect(await f.store.deliveries.startAttempt(['r1'], 'b', at(6))).toBe(true);
    await f.store.deliveries.scheduleRetry(['r1'], 'b', { at: at(9), error: 'again', now: at(7) });
    expect(await f.store.deliveries.get('r1')).toMatchObject({ firstFailedAt: at(2), attempts: 2 });
    // A sent key is never claimable again.
    await f.store.deliveries.markSent('r2', null, at(6));
    expect(await f.store.deliveries.get('r2')).toMatchObject({ status: 'sent', inFlight: false });
    expect(await f.store.deliveries.claim(nudge('r2', m.id, 'c'), at(60))).toBe(false);
  });

  it('renews the lease of every claim a live process holds, and only its own', async () => {
    const m = await f.newMember((await f.newGroup()).id);
    await f.store.deliveries.claimMany([nudge('l1', m.id), nudge('l2', m.id), nudge('l3', m.id, 'b')], t0);
    await f.store.deliveries.markSent('l2', null, t0);
    expect(await f.store.deliveries.renewClaims('a', at(3))).toBe(1);
    expect(await f.store.deliveries.get('l1')).toMatchObject({ claimedAt: at(3) });
    expect(await f.store.deliveries.get('l3')).toMatchObject({ claimedAt: t0 });
  });

  it("lists the local dates of one member's deliveries of one kind, claimed in bulk or alone", async () => {
    const g = await f.newGroup();
    const m = await f.newMember(g.id);
    const other = await f.newMember(g.id, 'U2');
    const paused = (memberId: number, localDate: string): NewDelivery => ({
      key: `reminder:${memberId}:${localDate}`,
      kind: 'reminder-paused',
      workspace: WS,
      memberId,
      subjectId: g.id,
      localDate,
      owner: 'a',
    });
    await f.store.deliveries.claimMany([paused(m.id, '2026-11-23'), paused(other.id, '2026-11-23')], t0);
    await f.store.deliveries.claim(paused(m.id, '2026-11-24'), t0);
    await f.store.deliveries.claim({ ...paused(m.id, '2026-11-25'), key: 'reminder:x', kind: 'reminder' }, t0);
    expect((await f.store.deliveries.localDatesForMember(m.id, 'reminder-paused')).sort()).toEqual([
      '2026-11-23',
      '2026-11-24',
    ]);
    expect((await f.store.deliveries.get(`reminder:${m.id}:2026-11-24`))?.kind).toBe('reminder-paused');
  });

  it('finds the deliveries of one message by workspace, channel and message id, never by the id alone', async () => {
    const g = await f.newGroup();
    const other = await f.newGroup(OTHER);
    const alice = await f.newMember(g.id, 'U1');
    const bob = await f.newMember(g.id, 'U2');
    const carol = await f.newMember(other.id, 'U1', OTHER);
    // A Slack `ts` is unique only per channel: three messages, three DMs, one id.
    const sends = [
      { key: 'nudge:1:1', ws: WS, memberId: alice.id, subjectId: 1, channelId: 'D1' },
      { key: 'nudge:2:1', ws: WS, memberId: alice.id, subjectId: 2, channelId: 'D1' },
      { key: 'nudge:3:1', ws: WS, memberId: bob.id, subjectId: 3, channelId: 'D2' },
      { key: 'nudge:4:1', ws: OTHER, memberId: carol.id, subjectId: 4, channelId: 'D1' },
    ];
    for (const s of sends) {
      await f.store.deliveries.claim({ ...nudge(s.key, s.memberId), workspace: s.ws, subjectId: s.subjectId }, t0);
      await f.store.deliveries.markSent(s.key, { channelId: s.channelId, messageId: '1700000000.000100' }, at(1));
    }
    const subjects = async (m: ReturnType<typeof ref>) =>
      (await f.store.deliveries.listByMessage(m)).map((d) => d.subjectId);
    expect(await subjects(ref(WS, 'D1', '1700000000.000100'))).toEqual([1, 2]);
    expect(await subjects(ref(WS, 'D2', '1700000000.000100'))).toEqual([3]);
    expect(await subjects(ref(OTHER, 'D1', '1700000000.000100'))).toEqual([4]);
    expect(await subjects(ref(WS, 'D3', '1700000000.000100'))).toEqual([]);
    expect(await subjects(ref(WS, 'D1', '1700000000.000200'))).toEqual([]);
  });

  it('takes an inbound id in once per platform, workspace and kind', async () => {
    expect(await f.store.inbound.firstDelivery(WS, 'event', 'Ev1', t0)).toBe(true);
    expect(await f.store.inbound.firstDelivery(WS, 'event', 'Ev1', at(5))).toBe(false);
    expect(await f.store.inbound.firstDelivery(OTHER, 'event', 'Ev1', t0)).toBe(true);
    expect(await f.store.inbound.firstDelivery({ platform: 'slack', workspaceId: 'T2' }, 'event', 'Ev1', t0)).toBe(
      true,
    );
    expect(await f.store.inbound.firstDelivery(WS, 'command', 'Ev1', t0)).toBe(true);
  });

  it('prunes only inbound ids recorded before the cut, which are then taken in again', async () => {
    await f.store.inbound.firstDelivery(WS, 'event', 'Ev-old', t0);
    await f.store.inbound.firstDelivery(WS, 'event', 'Ev-new', at(30));
    expect(await f.store.inbound.prune(at(30))).toBe(1);
    expect(await f.store.inbound.firstDelivery(WS, 'event', 'Ev-new', at(31))).toBe(false);
    expect(await f.store.inbound.firstDelivery(WS, 'event', 'Ev-old', at(31))).toBe(true);
    expect(await f.store.inbound.prune(at(30))).toBe(0);
  });

  it('gives a lease to one holder at a time until it lapses, and renews it for its holder', async () => {
    const ttl = 30_000;
    expect(await f.store.leases.acquire('discord-gateway', 'a', t0, ttl)).toBe(true);
    expect(await f.store.leases.acquire('discord-gateway', 'b', at(0.25), ttl)).toBe(false);
    // Renewing moves the expiry: at t0 + 40 s the lease (renewed at +20 s) still runs.
    expect(await f.store.leases.acquire('discord-gateway', 'a', new Date(t0.getTime() + 20_000), ttl)).toBe(true);
    expect(await f.store.leases.acquire('discord-gateway', 'b', new Date(t0.getTime() + 40_000), ttl)).toBe(false);
    // Lapsed (expired at or before now): the next holder to ask takes it.
    expect(await f.store.leases.acquire('discord-gateway', 'b', new Date(t0.getTime() + 50_000), ttl)).toBe(true);
    expect(await f.store.leases.acquire('discord-gateway', 'a', new Date(t0.getTime() + 51_000), ttl)).toBe(false);
    // Another lease is another name.
    expect(await f.store.leases.acquire('other', 'a', t0, ttl)).toBe(true);
  });

  it('releases a lease only for its holder, and a released lease is free at once', async () => {
    expect(await f.store.leases.acquire('discord-gateway', 'a', t0, 60_000)).toBe(true);
    await f.store.leases.release('discord-gateway', 'b');
    expect(await f.store.leases.acquire('discord-gateway', 'b', at(0.1), 60_000)).toBe(false);
    await f.store.leases.release('discord-gateway', 'a');
    expect(await f.store.leases.acquire('discord-gateway', 'b', at(0.2), 60_000)).toBe(true);
    await f.store.leases.release('nothing', 'a');
  });

  it('hands a lease to exactly one of several holders asking at once', async () => {
    const holders = ['a', 'b', 'c', 'd', 'e'];
    const got = await Promise.all(holders.map((h) => f.store.leases.acquire('discord-gateway', h, t0, 60_000)));
    expect(got.filter(Boolean)).toHaveLength(1);
  });

  it('issues forget-me confirmations, decides them once, and forgets whose they were', async () => {
    const c = await f.store.forgetConfirmations.create(WS, 'U1', at(15), t0);
    expect(c).toMatchObject({ workspace: WS, userId: 'U1', state: 'open', expiresAt: at(15), decidedAt: null });
    await f.store.forgetConfirmations.decide(c.id, 'deleting', at(1));
    expect(await f.store.forgetConfirmations.get(c.id)).toMatchObject({ state: 'deleting', decidedAt: at(1) });
    await f.store.forgetConfirmations.markForgotten(WS, 'U1', at(2));
    expect(await f.store.forgetConfirmations.get(c.id)).toMatchObject({ state: 'deleted', userId: null });
    // Long-expired confirmations of the workspace go when a new one is issued.
    await f.store.forgetConfirmations.create(WS, 'U2', at(60 * 24 * 40), at(60 * 24 * 40));
    expect(await f.store.forgetConfirmations.get(c.id)).toBeNull();
  });

  it("exports everything about a person and forgets it, leaving others' rows", async () => {
    const g = await f.newGroup();
    const me = await f.newMember(g.id, 'U1');
    const you = await f.newMember(g.id, 'U2');
    for (const m of [me, you]) {
      const a = await f.store.applications.create(
        {
          workspace: WS,
          memberId: m.id,
          company: 'Acme',
          role: 'SRE',
          link: null,
          status: 'applied',
          visibility: 'shared',
        },
        t0,
      );
      const post = await f.store.posts.create(
        {
          workspace: WS,
          groupId: g.id,
          memberId: m.id,
          subject: 'application',
          subjectId: a.id,
          channelId: 'C1',
          messageId: `p${m.id}`,
        },
        t0,
      );
      await f.store.reactions.add(post.id, m.id === me.id ? 'U2' : 'U1', 'tada', t0);
      await f.store.goals.set(WS, m.id, { applications: 3, networking: 1 }, t0);
      await f.store.deliveries.claim(nudge(`nudge:${m.id}`, m.id), t0);
    }
    const data = await f.store.privacy.exportMember(WS, 'U1');
    expect(data.memberships.map((m) => m.id)).toEqual([me.id]);
    expect(data.groups).toEqual([
      { id: g.id, name: 'job-hunt', channelId: 'C1', timezone: 'Europe/Berlin', adminUserIds: ['U1'] },
    ]);
    expect([data.applications.length, data.posts.length, data.goals.length, data.deliveries.length]).toEqual([
      1, 1, 1, 1,
    ]);
    expect(data.applicationEvents.map((e) => [e.applicationId, e.status])).toEqual([
      [data.applications[0]?.id, 'applied'],
    ]);
    expect([data.reactionsGiven.length, data.reactionsReceived.length]).toEqual([1, 1]);
    const report = await f.store.privacy.forgetMember(WS, 'U1');
    expect(report).toMatchObject({
      members: 1,
      applications: 1,
      applicationEvents: 1,
      posts: 1,
      reactions: 2,
      goals: 1,
      deliveries: 1,
      adminEntries: 1,
    });
    expect((await f.store.groups.get(g.id))?.adminUserIds).toEqual([]);
    expect((await f.store.privacy.exportMember(WS, 'U2')).applications).toHaveLength(1);
    expect((await f.store.privacy.exportMember(WS, 'U2')).applicationEvents).toHaveLength(1);
    expect((await f.store.privacy.exportMember(WS, 'U1')).memberships).toEqual([]);
  });
}
