import { and, eq, inArray, isNotNull, notExists, sql } from 'drizzle-orm';
import type { GroupPatch, GroupRepository, NewGroup } from '../../core/ports/index.ts';
import { InternalError } from '../../core/errors.ts';
import type { Dialect } from '../dialect.ts';
import { chunks, scopeOf, toGroup } from './rows.ts';

export function createGroupRepository(d: Dialect): GroupRepository {
  const { groups, workspaces } = d.tables;
  // Every command and event looks its group up, several times: prepared once, not rebuilt per call.
  const byChannel = d.prepared((db) =>
    db
      .select()
      .from(groups)
      .where(
        and(
          eq(groups.platform, sql.placeholder('platform')),
          eq(groups.workspaceId, sql.placeholder('workspaceId')),
          eq(groups.channelId, sql.placeholder('channelId')),
        ),
      )
      .limit(1),
  );
  const ofId = d.prepared((db) =>
    db
      .select()
      .from(groups)
      .where(eq(groups.id, sql.placeholder('id')))
      .limit(1),
  );
  const byId = async (id: number) => (await ofId({ id }))[0];
  return {
    async findByChannel(ws, channelId) {
      const [row] = await byChannel({ platform: ws.platform, workspaceId: ws.workspaceId, channelId });
      return row ? toGroup(row) : null;
    },
    async get(id) {
      const row = await byId(id);
      return row ? toGroup(row) : null;
    },
    async getForUpdate(id) {
      await d.rows(`SELECT id FROM groups WHERE id = ?${d.forUpdate('groups')}`, [id]);
      const row = await byId(id);
      return row ? toGroup(row) : null;
    },
    async getMany(ids) {
      const found = [];
      for (const part of chunks([...new Set(ids)], 1000)) {
        found.push(...(await d.db.select().from(groups).where(inArray(groups.id, part))).map(toGroup));
      }
      return found;
    },
    create(input: NewGroup, now) {
      return d.transaction(async () => {
        await d.db
          .insert(workspaces)
          .values({ ...scopeOf(input.workspace), createdAt: now })
          .onConflictDoNothing();
        const [row] = await d.db
          .insert(groups)
          .values({
            ...scopeOf(input.workspace),
            channelId: input.channelId,
            name: input.name,
            timezone: input.timezone,
            checkInMinute: input.checkInMinute,
            checkInDays: input.checkInDays.join(','),
            reminderMinute: input.reminderMinute,
            adminUserIds: JSON.stringify(input.adminUserIds),
            createdAt: now,
          })
          // Two replicas setting up one channel at once: the second waits for the first and inserts nothing.
          .onConflictDoNothing({ target: [groups.platform, groups.workspaceId, groups.channelId] })
          .returning();
        if (!row) throw new InternalError('conflict', 'the channel already is a group');
        return toGroup(row);
      });
    },
    async update(id, patch: GroupPatch) {
      const values: Partial<typeof groups.$inferInsert> = {};
      if (patch.name !== undefined) values.name = patch.name;
      if (patch.timezone !== undefined) values.timezone = patch.timezone;
      if (patch.checkInMinute !== undefined) values.checkInMinute = patch.checkInMinute;
      if (patch.checkInDays !== undefined) values.checkInDays = patch.checkInDays.join(',');
      if (patch.reminderMinute !== undefined) values.reminderMinute = patch.reminderMinute;
      if (patch.ruleSettings !== undefined) values.ruleSettings = JSON.stringify(patch.ruleSettings);
      if (patch.adminUserIds !== undefined) values.adminUserIds = JSON.stringify(patch.adminUserIds);
      const row = Object.keys(values).length
        ? (await d.db.update(groups).set(values).where(eq(groups.id, id)).returning())[0]
        : await byId(id);
      if (!row) throw new InternalError('not-found', `group ${id} not found`);
      return toGroup(row);
    },
    async listAll() {
      const removed = d.db
        .select({ one: sql`1` })
        .from(workspaces)
        .where(
          and(
            eq(workspaces.platform, groups.platform),
            eq(workspaces.workspaceId, groups.workspaceId),
            isNotNull(workspaces.removedAt),
          ),
        );
      return (await d.db.select().from(groups).where(notExists(removed))).map(toGroup);
    },
  };
}
