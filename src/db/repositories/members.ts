import { and, eq, sql } from 'drizzle-orm';
import type { MemberPatch, MemberRepository } from '../../core/ports/index.ts';
import { InternalError } from '../../core/errors.ts';
import type { Dialect } from '../dialect.ts';
import { scopeOf, toMember } from './rows.ts';

export function createMemberRepository(d: Dialect): MemberRepository {
  const { members } = d.tables;
  // Every command looks its caller up: prepared once, not rebuilt per call.
  const byGroupAndUser = d.prepared((db) =>
    db
      .select()
      .from(members)
      .where(and(eq(members.groupId, sql.placeholder('groupId')), eq(members.userId, sql.placeholder('userId'))))
      .limit(1),
  );
  const ofId = d.prepared((db) =>
    db
      .select()
      .from(members)
      .where(eq(members.id, sql.placeholder('id')))
      .limit(1),
  );
  const byId = async (id: number) => (await ofId({ id }))[0];
  return {
    async find(groupId, userId) {
      const [row] = await byGroupAndUser({ groupId, userId });
      return row ? toMember(row) : null;
    },
    async get(id) {
      const row = await byId(id);
      return row ? toMember(row) : null;
    },
    async listByUser(ws, userId) {
      const rows = await d.db
        .select()
        .from(members)
        .where(
          and(eq(members.platform, ws.platform), eq(members.workspaceId, ws.workspaceId), eq(members.userId, userId)),
        )
        .orderBy(members.id);
      return rows.map(toMember);
    },
    async listByGroup(groupId, options) {
      const where = options?.activeOnly
        ? and(eq(members.groupId, groupId), eq(members.active, true))
        : eq(members.groupId, groupId);
      return (await d.db.select().from(members).where(where).orderBy(members.id)).map(toMember);
    },
    async create(input, now) {
      const [row] = await d.db
        .insert(members)
        .values({
          ...scopeOf(input.workspace),
          groupId: input.groupId,
          userId: input.userId,
          displayName: input.displayName,
          timezone: input.timezone,
          joinedAt: now,
        })
        .returning();
      if (!row) throw new InternalError('storage', 'member insert returned no row');
      return toMember(row);
    },
    async update(id, patch: MemberPatch) {
      const values: Partial<typeof members.$inferInsert> = { ...patch };
      const row = Object.keys(values).length
        ? (await d.db.update(members).set(values).where(eq(members.id, id)).returning())[0]
        : await byId(id);
      if (!row) throw new InternalError('not-found', `member ${id} not found`);
      return toMember(row);
    },
  };
}
