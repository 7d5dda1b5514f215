/**
 * The repository contract: what every Store implementation must do, as behaviour. Run against
 * each store (SQLite in memory and on a file today) by `runRepositoryContract`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports/index.ts';
import type { MessageRef, WorkspaceRef } from '../../src/core/types.ts';

export interface StoreUnderTest {
  readonly store: Store;
  close(): void;
}

const WS: WorkspaceRef = { platform: 'slack', workspaceId: 'T1' };
const OTHER: WorkspaceRef = { platform: 'discord', workspaceId: 'T1' };
const t0 = new Date('2026-11-25T12:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const ref = (workspace: WorkspaceRef, channelId: string, messageId: string): MessageRef => ({
  workspace,
  channelId,
  messageId,
});

export function runRepositoryContract(name: string, open: () => StoreUnderTest): void {
  describe(`repository contract: ${name}`, () => {
    let s: StoreUnderTest;
    let store: Store;
    beforeEach(() => {
      s = open();
      store = s.store;
    });
    afterEach(() => s.close());

    const newGroup = (ws = WS, channelId = 'C1') =>
      store.groups.create(
        {
          workspace: ws,
          channelId,
          name: 'job-hunt',
          timezone: 'Europe/Berlin',
          checkInMinute: 540,
          checkInDays: [1, 2, 3, 4, 5],
          reminderMinute: 960,
          adminUserIds: ['U1'],
        },
        t0,
      );
    const newMember = (groupId: number, userId = 'U1', ws = WS) =>
      store.members.create({ groupId, workspace: ws, userId, displayName: userId, timezone: null }, t0);

    it('finds a group by its channel only within its workspace', () => {
      const g = newGroup();
      expect(store.groups.findByChannel(WS, 'C1')?.id).toBe(g.id);
      expect(store.groups.findByChannel(OTHER, 'C1')).toBeNull();
      expect(g.checkInDays).toEqual([1, 2, 3, 4, 5]);
      expect(store.groups.update(g.id, { ruleSettings: { connect: { enabled: false } } }).ruleSettings).toEqual({
        connect: { enabled: false },
      });
    });

    it('refuses a second group on the same channel of the same workspace', () => {
      newGroup();
      expect(() => newGroup()).toThrow();
      expect(newGroup(OTHER).workspace).toEqual(OTHER);
    });

    it("keeps member defaults and lists a person's memberships in one workspace", () => {
      const g = newGroup();
      const m = newMember(g.id);
      expect(m).toMatchObject({
        quietStartMinute: 21 * 60,
        quietEndMinute: 8 * 60,
        visibility: 'shared',
        active: true,
        dmUnreachable: false,
        pausedUntil: null,
      });
      const other = newGroup(OTHER);
      newMember(other.id, 'U1', OTHER);
      expect(store.members.listByUser(WS, 'U1').map((x) => x.id)).toEqual([m.id]);
      const paused = store.members.update(m.id, { pausedUntil: at(60), visibility: 'private' });
      expect(paused.pausedUntil?.getTime()).toBe(at(60).getTime());
      expect(paused.visibility).toBe('private');
    });

    it("lists a member's recent rejections from one company, newest first, with the application's role", () => {
      const m = newMember(newGroup().id);
      const other = newMember(m.groupId, 'U2');
      const app = (memberId: number, company: string, role: string) =>
        store.applications.create(
          { workspace: WS, memberId, company, role, link: null, status: 'rejected', visibility: 'shared' },
          at(0),
        );
      const reject = (memberId: number, applicationId: number, minutes: number) =>
        store.rejections.create(
          { workspace: WS, applicationId, memberId, stage: 'interview', note: null, rejectedOn: at(minutes) },
          at(minutes),
        );
      reject(m.id, app(m.id, 'Acme', 'SRE').id, 1);
      reject(m.id, app(m.id, ' acme ', 'Data Engineer').id, 5);
      reject(m.id, app(m.id, 'Globex', 'SRE').id, 6);
      reject(other.id, app(other.id, 'Acme', 'SRE').id, 7);
      expect(store.rejections.listRecentForCompany(m.id, 'ACME', at(0))).toEqual([
        { createdAt: at(5), role: 'Data Engineer' },
        { createdAt: at(1), role: 'SRE' },
      ]);
      expect(store.rejections.listRecentForCompany(m.id, 'Acme', at(1))).toEqual([
        { createdAt: at(5), role: 'Data Engineer' },
      ]);
    });

    it('matches applications by company without regard to case, newest first', () => {
      const m = newMember(newGroup().id);
      store.applications.create(
        {
          workspace: WS,
          memberId: m.id,
          company: 'Acme',
          role: 'SRE',
          link: null,
          status: 'applied',
          visibility: 'shared',
        },
        at(0),
      );
      const second = store.applications.create(
        {
          workspace: WS,
          memberId: m.id,
          company: 'ACME',
          role: 'PM',
          link: null,
          status: 'applied',
          visibility: 'shared',
        },
        at(5),
      );
      expect(store.applications.findByCompany(m.id, 'acme').map((a) => a.id)[0]).toBe(second.id);
      expect(store.applications.setStatus(second.id, 'rejected', at(6)).status).toBe('rejected');
    });

    it('lists due follow-ups in due order and stops listing them once nudged', () => {
      const m = newMember(newGroup().id);
      const [a, b, c] = store.followUps.createMany(
        [
          { workspace: WS, memberId: m.id, applicationId: null, ruleId: 'connect', dueAt: at(10), occurrence: 1 },
          { workspace: WS, memberId: m.id, applicationId: null, ruleId: 'engage', dueAt: at(5), occurrence: 1 },
          { workspace: WS, memberId: m.id, applicationId: null, ruleId: 'network', dueAt: at(60), occurrence: 1 },
        ],
        t0,
      );
      expect(store.followUps.listDue(at(10), 100).map((f) => f.id)).toEqual([b?.id, a?.id]);
      expect(store.followUps.nextDueAfter(at(10))?.getTime()).toBe(at(60).getTime());
      store.followUps.markNudged([b?.id ?? 0], at(10));
      expect(store.followUps.listDue(at(10), 100).map((f) => f.id)).toEqual([a?.id]);
      // Moving the due time makes it due for a nudge again.
      store.followUps.update(b?.id ?? 0, { status: 'snoozed', dueAt: at(20) }, at(11));
      expect(store.followUps.listDue(at(30), 100).map((f) => f.id)).toEqual([a?.id, b?.id]);
      store.followUps.update(c?.id ?? 0, { status: 'done' }, at(12));
      expect(store.followUps.listDue(at(120), 100).map((f) => f.id)).not.toContain(c?.id);
    });

    it('cancels only the open follow-ups of the named rules for an application', () => {
      const m = newMember(newGroup().id);
      const app = store.applications.create(
        {
          workspace: WS,
          memberId: m.id,
          company: 'Acme',
          role: 'SRE',
          link: null,
          status: 'rejected',
          visibility: 'shared',
        },
        t0,
      );
      const [fb, stay] = store.followUps.createMany(
        [
          {
            workspace: WS,
            memberId: m.id,
            applicationId: app.id,
            ruleId: 'request-feedback',
            dueAt: at(10),
            occurrence: 1,
          },
          {
            workspace: WS,
            memberId: m.id,
            applicationId: app.id,
            ruleId: 'stay-in-touch',
            dueAt: at(10),
            occurrence: 1,
          },
        ],
        t0,
      );
      expect(store.followUps.cancelOpen(app.id, ['request-feedback'], at(1))).toBe(1);
      expect(store.followUps.get(fb?.id ?? 0)?.status).toBe('cancelled');
      expect(store.followUps.get(stay?.id ?? 0)?.status).toBe('pending');
    });

    it('grants a delivery key to exactly one claimant, and releases a stale claim nothing was sent for', () => {
      const m = newMember(newGroup().id);
      const claim = (owner: string) =>
        store.deliveries.claim(
          { key: 'nudge:1:1', kind: 'nudge', workspace: WS, memberId: m.id, subjectId: 1, localDate: null, owner },
          t0,
        );
      expect(claim('a')).toBe(true);
      expect(claim('b')).toBe(false);
      expect(store.deliveries.listStaleClaims(at(1), 10).map((d) => d.key)).toEqual(['nudge:1:1']);
      store.deliveries.release('nudge:1:1');
      expect(claim('b')).toBe(true);
      expect(store.deliveries.startAttempt(['nudge:1:1'], 'b', t0)).toBe(true);
      store.deliveries.markSent('nudge:1:1', { channelId: 'D1', messageId: 'M1' }, at(1));
      expect(store.deliveries.get('nudge:1:1')).toMatchObject({ status: 'sent', attempts: 1, owner: 'b' });
      expect(store.deliveries.listByMessage(ref(WS, 'D1', 'M1')).map((d) => d.subjectId)).toEqual([1]);
      expect(store.deliveries.listStaleClaims(at(60), 10)).toEqual([]);
      // A sent delivery is never released.
      store.deliveries.release('nudge:1:1');
      expect(store.deliveries.get('nudge:1:1')?.status).toBe('sent');
    });

    it("lists the local dates of one member's deliveries of one kind, claimed in bulk or alone", () => {
      const g = newGroup();
      const m = newMember(g.id);
      const other = newMember(g.id, 'U2');
      const paused = (memberId: number, localDate: string) => ({
        key: `reminder:${memberId}:${localDate}`,
        kind: 'reminder-paused' as const,
        workspace: WS,
        memberId,
        subjectId: g.id,
        localDate,
        owner: 'a',
      });
      store.deliveries.claimMany([paused(m.id, '2026-11-23'), paused(other.id, '2026-11-23')], t0);
      store.deliveries.claim(paused(m.id, '2026-11-24'), t0);
      store.deliveries.claim({ ...paused(m.id, '2026-11-25'), key: 'reminder:x', kind: 'reminder' }, t0);
      expect(store.deliveries.localDatesForMember(m.id, 'reminder-paused').sort()).toEqual([
        '2026-11-23',
        '2026-11-24',
      ]);
      expect(store.deliveries.get(`reminder:${m.id}:2026-11-24`)?.kind).toBe('reminder-paused');
    });

    it('finds the deliveries of one message by workspace, channel and message id, never by the id alone', () => {
      const g = newGroup();
      const other = newGroup(OTHER);
      const alice = newMember(g.id, 'U1');
      const bob = newMember(g.id, 'U2');
      const carol = newMember(other.id, 'U1', OTHER);
      // A Slack `ts` is unique only per channel: three messages, three DMs, one id.
      const sends = [
        { key: 'nudge:1:1', ws: WS, memberId: alice.id, subjectId: 1, channelId: 'D1' },
        { key: 'nudge:2:1', ws: WS, memberId: alice.id, subjectId: 2, channelId: 'D1' },
        { key: 'nudge:3:1', ws: WS, memberId: bob.id, subjectId: 3, channelId: 'D2' },
        { key: 'nudge:4:1', ws: OTHER, memberId: carol.id, subjectId: 4, channelId: 'D1' },
      ];
      for (const s of sends) {
        store.deliveries.claim(
          {
            key: s.key,
            kind: 'nudge',
            workspace: s.ws,
            memberId: s.memberId,
            subjectId: s.subjectId,
            localDate: null,
            owner: 'a',
          },
          t0,
        );
        store.deliveries.markSent(s.key, { channelId: s.channelId, messageId: '1700000000.000100' }, at(1));
      }
      const subjects = (m: MessageRef) => store.deliveries.listByMessage(m).map((d) => d.subjectId);
      expect(subjects(ref(WS, 'D1', '1700000000.000100'))).toEqual([1, 2]);
      expect(subjects(ref(WS, 'D2', '1700000000.000100'))).toEqual([3]);
      expect(subjects(ref(OTHER, 'D1', '1700000000.000100'))).toEqual([4]);
      expect(subjects(ref(WS, 'D3', '1700000000.000100'))).toEqual([]);
      expect(subjects(ref(WS, 'D1', '1700000000.000200'))).toEqual([]);
    });

    it('records a peer reaction once and finds posts by message id within the workspace', () => {
      const g = newGroup();
      const m = newMember(g.id);
      const post = store.posts.create(
        {
          workspace: WS,
          groupId: g.id,
          memberId: m.id,
          subject: 'application',
          subjectId: 1,
          channelId: 'C1',
          messageId: '171.001',
        },
        t0,
      );
      expect(store.posts.findByMessage(ref(WS, 'C1', '171.001'))?.id).toBe(post.id);
      expect(store.posts.findByMessage(ref(OTHER, 'C1', '171.001'))).toBeNull();
      expect(store.reactions.add(post.id, 'U2', 'tada', t0)).toBe(true);
      expect(store.reactions.add(post.id, 'U2', 'tada', t0)).toBe(false);
      expect(store.insights.memberFacts(m.id).reactionsReceived).toBe(1);
      expect(store.reactions.remove(post.id, 'U2', 'tada')).toBe(true);
      expect(store.reactions.remove(post.id, 'U2', 'tada')).toBe(false);
    });

    it('keeps posts in two channels apart when their message ids are the same', () => {
      const g1 = newGroup(WS, 'C1');
      const g2 = newGroup(WS, 'C2');
      const post = (groupId: number, channelId: string) =>
        store.posts.create(
          { workspace: WS, groupId, memberId: null, subject: 'update', subjectId: 1, channelId, messageId: '171.001' },
          t0,
        );
      const first = post(g1.id, 'C1');
      const second = post(g2.id, 'C2');
      expect(store.posts.findByMessage(ref(WS, 'C1', '171.001'))?.id).toBe(first.id);
      expect(store.posts.findByMessage(ref(WS, 'C2', '171.001'))?.id).toBe(second.id);
      expect(store.posts.findByMessage(ref(WS, 'C3', '171.001'))).toBeNull();
      // Within one channel a message is one post.
      expect(() => post(g1.id, 'C1')).toThrow();
    });

    it('finds a check-in thread by workspace, channel and thread id', () => {
      const g1 = newGroup(WS, 'C1');
      const g2 = newGroup(WS, 'C2');
      const g3 = newGroup(OTHER, 'C1');
      const thread = (workspace: WorkspaceRef, groupId: number, channelId: string, localDate: string) =>
        store.checkIns.saveThread({ workspace, groupId, localDate, channelId, messageId: '1.1', threadId: '1.1' }, t0);
      thread(WS, g1.id, 'C1', '2026-11-26');
      thread(WS, g2.id, 'C2', '2026-11-27');
      thread(OTHER, g3.id, 'C1', '2026-11-28');
      expect(store.checkIns.findThreadById(ref(WS, 'C1', '1.1'))?.groupId).toBe(g1.id);
      expect(store.checkIns.findThreadById(ref(WS, 'C2', '1.1'))?.groupId).toBe(g2.id);
      expect(store.checkIns.findThreadById(ref(OTHER, 'C1', '1.1'))?.groupId).toBe(g3.id);
      expect(store.checkIns.findThreadById(ref(WS, 'C3', '1.1'))).toBeNull();
    });

    it('keeps one check-in thread per group and date, and adds a second check-in of the day to the first', () => {
      const g = newGroup();
      const m = newMember(g.id);
      const thread = {
        workspace: WS,
        groupId: g.id,
        localDate: '2026-11-26',
        channelId: 'C1',
        messageId: '1.1',
        threadId: '1.1',
      };
      store.checkIns.saveThread(thread, t0);
      expect(store.checkIns.saveThread({ ...thread, messageId: '2.2', threadId: '2.2' }, t0).threadId).toBe('1.1');
      expect(store.checkIns.findThreadById(ref(WS, 'C1', '1.1'))?.localDate).toBe('2026-11-26');
      const entry = {
        workspace: WS,
        memberId: m.id,
        groupId: g.id,
        localDate: '2026-11-26',
        source: 'form' as const,
        applications: 2,
        networking: 1,
        followUpsDone: 0,
        note: null,
      };
      expect(store.checkIns.record(entry, t0).first).toBe(true);
      const second = store.checkIns.record({ ...entry, applications: 1 }, t0);
      expect(second.first).toBe(false);
      expect(second.checkIn.applications).toBe(1);
    });

    it('takes an inbound id in once per platform, workspace and kind', () => {
      expect(store.inbound.firstDelivery(WS, 'event', 'Ev1', t0)).toBe(true);
      expect(store.inbound.firstDelivery(WS, 'event', 'Ev1', at(5))).toBe(false);
      expect(store.inbound.firstDelivery(OTHER, 'event', 'Ev1', t0)).toBe(true);
      expect(store.inbound.firstDelivery({ platform: 'slack', workspaceId: 'T2' }, 'event', 'Ev1', t0)).toBe(true);
      expect(store.inbound.firstDelivery(WS, 'command', 'Ev1', t0)).toBe(true);
    });

    it('prunes only inbound ids recorded before the cut, which are then taken in again', () => {
      store.inbound.firstDelivery(WS, 'event', 'Ev-old', t0);
      store.inbound.firstDelivery(WS, 'event', 'Ev-new', at(30));
      expect(store.inbound.prune(at(30))).toBe(1);
      expect(store.inbound.firstDelivery(WS, 'event', 'Ev-new', at(31))).toBe(false);
      expect(store.inbound.firstDelivery(WS, 'event', 'Ev-old', at(31))).toBe(true);
      expect(store.inbound.prune(at(30))).toBe(0);
    });

    it('writes nothing at all when a transaction throws', () => {
      const g = newGroup();
      expect(() =>
        store.transaction(() => {
          newMember(g.id, 'U9');
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(store.members.find(g.id, 'U9')).toBeNull();
    });

    it('sets weekly goals and replaces them', () => {
      const m = newMember(newGroup().id);
      store.goals.set(WS, m.id, { applications: 5, networking: 2 }, t0);
      store.goals.set(WS, m.id, { applications: 8, networking: 1 }, at(1));
      expect(store.goals.get(m.id)).toMatchObject({ applications: 8, networking: 1 });
    });
  });
}
