import { and, eq, inArray } from 'drizzle-orm';
import type { MemberPatch, MemberRepository } from '../../core/ports.ts';
import { InternalError } from '../../core/errors.ts';
import type { Db } from '../open.ts';
import { members } from '../schema.ts';
import { chunks, scopeOf, toMember } from './rows.ts';

export function createMemberRepository(db: Db): MemberRepository {
  return {
    find(groupId, userId) {
      const row = db
        .select()
        .from(members)
        .where(and(eq(members.groupId, groupId), eq(members.userId, userId)))
        .get();
      return row ? toMember(row) : null;
    },
    get(id) {
      const row = db.select().from(members).where(eq(members.id, id)).get();
      return row ? toMember(row) : null;
    },
    getMany(ids) {
      return chunks([...new Set(ids)], 1000).flatMap((part) => db.select().from(members).where(inArray(members.id, part)).all().map(toMember));
    },
    listByUser(ws, userId) {
      return db
        .select()
        .from(members)
        .where(and(eq(members.platform, ws.platform), eq(members.workspaceId, ws.workspaceId), eq(members.userId, userId)))
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
