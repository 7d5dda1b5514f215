/** The store's side of Undo and of held repeats: what goes, and what stays. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports/index.ts';
import type { WorkspaceRef } from '../../src/core/types.ts';
import { openDatabase, type OpenedDatabase } from '../../src/db/open.ts';
import { createSqliteStore } from '../../src/db/sqlite-store.ts';

const WS: WorkspaceRef = { platform: 'slack', workspaceId: 'T1' };
const OTHER: WorkspaceRef = { platform: 'discord', workspaceId: 'T1' };
const t0 = new Date('2026-11-25T12:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe('removing entries from the store', () => {
  let db: OpenedDatabase;
  let store: Store;
  let memberId: number;
  /** Rows left in a table, read straight from the database. */
  const count = (table: string, column: string, value: number) =>
    (db.sqlite.prepare(`select count(*) n from ${table} where ${column} = ?`).get(value) as { n: number }).n;
  beforeEach(() => {
    db = openDatabase(':memory:');
    store = createSqliteStore(db);
    const g = store.groups.create(
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
    memberId = store.members.create(
      { groupId: g.id, workspace: WS, userId: 'U1', displayName: 'U1', timezone: null },
      t0,
    ).id;
  });
  afterEach(() => db.close());

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

  it('deletes an application with its rejections, feedback and follow-ups, and nothing of other applications', () => {
    const a = application();
    const kept = application();
    store.rejections.create(
      { workspace: WS, applicationId: a.id, memberId, stage: 'screen', note: null, rejectedOn: t0 },
      t0,
    );
    store.feedback.create({ workspace: WS, memberId, applicationId: a.id, text: 'more system design' }, t0);
    steps(a.id, 'connect', t0);
    steps(kept.id, 'connect', t0);
    expect(store.applications.delete(a.id)).toBe(true);
    expect(store.applications.delete(a.id)).toBe(false);
    expect(store.applications.listByMember(memberId).map((x) => x.id)).toEqual([kept.id]);
    expect(store.rejections.listByMember(memberId)).toEqual([]);
    expect(count('feedback', 'member_id', memberId)).toBe(0);
    expect(store.followUps.listByMember(memberId, ['pending']).map((f) => f.applicationId)).toEqual([kept.id]);
  });

  it("removes an application's follow-ups created since a moment, and keeps the earlier ones", () => {
    const a = application();
    steps(a.id, 'interview-prep', t0);
    steps(a.id, 'connect', at(5));
    steps(a.id, 'log-feedback', at(90));
    expect(store.followUps.deleteForApplicationSince(a.id, at(5))).toBe(2);
    expect(store.followUps.listByMember(memberId, ['pending']).map((f) => f.ruleId)).toEqual(['interview-prep']);
  });

  it('reopens only the steps set done at exactly that moment', () => {
    const [ticked] = steps(null, 'keep-applying', t0);
    const [earlier] = steps(null, 'keep-applying', t0);
    if (!ticked || !earlier) throw new Error('no steps');
    store.followUps.update(earlier.id, { status: 'done' }, at(1));
    store.followUps.update(ticked.id, { status: 'done' }, at(2));
    expect(store.followUps.reopenDoneAt(memberId, ['keep-applying'], at(2))).toBe(1);
    expect(store.followUps.get(ticked.id)?.status).toBe('pending');
    expect(store.followUps.get(earlier.id)?.status).toBe('done');
  });

  it('finds a post by its subject within its workspace, and deletes it with its reactions', () => {
    const post = store.posts.create(
      { workspace: WS, groupId: null, memberId, subject: 'update', subjectId: 7, channelId: 'C1', messageId: 'm1' },
      t0,
    );
    store.reactions.add(post.id, 'U2', 'tada', t0);
    store.reactions.add(post.id, 'U3', 'heart', t0);
    expect(store.posts.findBySubject(WS, 'update', 7)?.id).toBe(post.id);
    expect(store.posts.findBySubject(OTHER, 'update', 7)).toBeNull();
    expect(store.posts.findBySubject(WS, 'rejection', 7)).toBeNull();
    expect(store.posts.delete(post.id)).toBe(2);
    expect(count('posts', 'id', post.id)).toBe(0);
    expect(count('reactions', 'post_id', post.id)).toBe(0);
  });

  it('holds an entry with its typed input, and drops held entries older than a moment', () => {
    const held = store.pendingEntries.create(
      WS,
      memberId,
      { kind: 'rejected', input: { company: 'Acme', role: null, stage: 'final', note: 'so close' } },
      t0,
    );
    const later = store.pendingEntries.create(
      WS,
      memberId,
      { kind: 'applied', input: { company: 'Acme', role: 'SRE', link: null } },
      at(10),
    );
    expect(store.pendingEntries.get(held.id)).toEqual({
      id: held.id,
      memberId,
      createdAt: t0,
      kind: 'rejected',
      input: { company: 'Acme', role: null, stage: 'final', note: 'so close' },
    });
    expect(store.pendingEntries.deleteOlderThan(at(5))).toBe(1);
    expect(store.pendingEntries.get(held.id)).toBeNull();
    expect(store.pendingEntries.delete(later.id)).toBe(true);
    expect(store.pendingEntries.delete(later.id)).toBe(false);
  });
});
