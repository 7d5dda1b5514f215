/** The store's side of Undo and of held repeats: what goes, and what stays. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports/index.ts';
import type { WorkspaceRef } from '../../src/core/types.ts';
import { describeEachStore, type TestStore } from '../helpers/stores.ts';

const WS: WorkspaceRef = { platform: 'slack', workspaceId: 'T1' };
const OTHER: WorkspaceRef = { platform: 'discord', workspaceId: 'T1' };
const t0 = new Date('2026-11-25T12:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describeEachStore('removing entries from the store', (open) => {
  let s: TestStore;
  let store: Store;
  let memberId: number;
  /** Rows left in a table, read straight from the database. */
  const count = async (table: string, column: string, value: number) =>
    Number((await s.rows(`select count(*) as n from ${table} where ${column} = ?`, [value]))[0]?.n);
  beforeEach(async () => {
    s = await open();
    store = s.store;
    const g = await store.groups.create(
      {
        workspace: WS,
        channelId: 'C1',
        name: 'job-hunt',
        timezone: 'UTC',
        checkInMinute: 540,
        checkInDays: [1, 2, 3, 4, 5],
        reminderMinute: 960,
        adminUserIds: ['U1'],
      },
      t0,
    );
    memberId = (
      await store.members.create({ groupId: g.id, workspace: WS, userId: 'U1', displayName: 'U1', timezone: null }, t0)
    ).id;
  });
  afterEach(() => s.close());

  const application = () =>
    store.applications.create(
      { workspace: WS, memberId, company: 'Acme', role: 'SRE', link: null, status: 'applied', visibility: 'shared' },
      t0,
    );
  const steps = (applicationId: number | null, ruleId: string, created: Date) =>
    store.followUps.createMany(
      [{ workspace: WS, memberId, applicationId, ruleId, dueAt: at(60 * 24), occurrence: 1 }],
      created,
    );

  it('deletes an application with its rejections, feedback and follow-ups, and nothing of other applications', async () => {
    const a = await application();
    const kept = await application();
    await store.rejections.create(
      { workspace: WS, applicationId: a.id, memberId, stage: 'screen', note: null, rejectedOn: t0 },
      t0,
    );
    await store.feedback.create({ workspace: WS, memberId, applicationId: a.id, text: 'more system design' }, t0);
    await steps(a.id, 'connect', t0);
    await steps(kept.id, 'connect', t0);
    expect(await store.applications.delete(a.id)).toBe(true);
    expect(await store.applications.delete(a.id)).toBe(false);
    expect((await store.applications.listByMember(memberId)).map((x) => x.id)).toEqual([kept.id]);
    expect(await store.rejections.listByMember(memberId)).toEqual([]);
    expect(await count('feedback', 'member_id', memberId)).toBe(0);
    expect((await store.followUps.listByMember(memberId, ['pending'])).map((f) => f.applicationId)).toEqual([kept.id]);
  });

  it("removes an application's follow-ups created since a moment, and keeps the earlier ones", async () => {
    const a = await application();
    await steps(a.id, 'interview-prep', t0);
    await steps(a.id, 'connect', at(5));
    await steps(a.id, 'log-feedback', at(90));
    expect(await store.followUps.deleteForApplicationSince(a.id, at(5))).toBe(2);
    expect((await store.followUps.listByMember(memberId, ['pending'])).map((f) => f.ruleId)).toEqual([
      'interview-prep',
    ]);
  });

  it('reopens only the steps set done at exactly that moment', async () => {
    const [ticked] = await steps(null, 'keep-applying', t0);
    const [earlier] = await steps(null, 'keep-applying', t0);
    if (!ticked || !earlier) throw new Error('no steps');
    await store.followUps.update(earlier.id, { status: 'done' }, at(1));
    await store.followUps.update(ticked.id, { status: 'done' }, at(2));
    expect(await store.followUps.reopenDoneAt(memberId, ['keep-applying'], at(2))).toBe(1);
    expect((await store.followUps.get(ticked.id))?.status).toBe('pending');
    expect((await store.followUps.get(earlier.id))?.status).toBe('done');
  });

  it('finds a post by its subject within its workspace, and deletes it with its reactions', async () => {
    const post = await store.posts.create(
      { workspace: WS, groupId: null, memberId, subject: 'update', subjectId: 7, channelId: 'C1', messageId: 'm1' },
      t0,
    );
    await store.reactions.add(post.id, 'U2', 'tada', t0);
    await store.reactions.add(post.id, 'U3', 'heart', t0);
    expect((await store.posts.findBySubject(WS, 'update', 7))?.id).toBe(post.id);
    expect(await store.posts.findBySubject(OTHER, 'update', 7)).toBeNull();
    expect(await store.posts.findBySubject(WS, 'rejection', 7)).toBeNull();
    expect(await store.posts.delete(post.id)).toBe(2);
    expect(await count('posts', 'id', post.id)).toBe(0);
    expect(await count('reactions', 'post_id', post.id)).toBe(0);
  });

  it('holds an entry with its typed input, and drops held entries older than a moment', async () => {
    const held = await store.pendingEntries.create(
      WS,
      memberId,
      { kind: 'rejected', input: { company: 'Acme', role: null, stage: 'final', note: 'so close' } },
      t0,
    );
    const later = await store.pendingEntries.create(
      WS,
      memberId,
      { kind: 'applied', input: { company: 'Acme', role: 'SRE', link: null } },
      at(10),
    );
    expect(await store.pendingEntries.get(held.id)).toEqual({
      id: held.id,
      memberId,
      createdAt: t0,
      kind: 'rejected',
      input: { company: 'Acme', role: null, stage: 'final', note: 'so close' },
    });
    expect(await store.pendingEntries.deleteOlderThan(at(5))).toBe(1);
    expect(await store.pendingEntries.get(held.id)).toBeNull();
    expect(await store.pendingEntries.delete(later.id)).toBe(true);
    expect(await store.pendingEntries.delete(later.id)).toBe(false);
  });
});
