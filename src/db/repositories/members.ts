import { and, eq, sql } from 'drizzle-orm';
import type { MemberPatch, MemberRepository } from '../../core/ports/index.ts';
import { InternalError } from '../../core/errors.ts';
import type { Db } from '../open.ts';
import type { SyncOf } from '../sqlite-gate.ts';
import { members } from '../schema.ts';
import { scopeOf, toMember } from './rows.ts';

export function createMemberRepository(db: Db): SyncOf<MemberRepository> {
  // Every command looks its caller up: prepared once, not rebuilt per call.
  const byGroupAndUser = db
    .select()
    .from(members)
    .where(and(eq(members.groupId, sql.placeholder('groupId')), eq(members.userId, sql.placeholder('userId'))))
    .prepare();
  return {
    find(groupId, userId) {
      const row = byGroupAndUser.get({ groupId, userId });
      return row ? toMember(row) : null;
    },
    get(id) {
      const row = db.select().from(members).where(eq(members.id, id)).get();
      return row ? toMember(row) : null;
    },
    listByUser(ws, userId) {
      return db
        .select()
        .from(members)
        .where(
          and(eq(members.platform, ws.platform), eq(members.workspaceId, ws.workspaceId), eq(members.userId, userId)),
        )
        .orderBy(members.id)
        .all()
        .map(toMember);
    },
    listByGroup(groupId, options) {
      const where = options?.activeOnly
        ? and(eq(members.groupId, groupId), eq(members.active, true))
        : eq(members.groupId, groupId);
      return db.select().from(members).where(where).orderBy(members.id).all().map(toMember);
    },
    create(input, now) {
      const row = db
        .insert(members)
        .values({
          ...scopeOf(input.workspace),
          groupId: input.groupId,
          userId: input.userId,
          displayName: input.displayName,
          timezone: input.timezone,
          joinedAt: now,
        })
        .returning()
        .get();
      return toMember(row);
    },
    update(id, patch: MemberPatch) {
      const values: Partial<typeof members.$inferInsert> = { ...patch };
      const row = Object.keys(values).length
        ? db.update(members).set(values).where(eq(members.id, id)).returning().get()
        : db.select().from(members).where(eq(members.id, id)).get();
      if (!row) throw new InternalError('not-found', `member ${id} not found`);
      return toMember(row);
    },
  };
}
