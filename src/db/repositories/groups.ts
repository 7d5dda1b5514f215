import { and, eq, inArray, sql } from 'drizzle-orm';
import type { GroupPatch, GroupRepository, NewGroup } from '../../core/ports/index.ts';
import { InternalError } from '../../core/errors.ts';
import type { Db } from '../open.ts';
import type { SyncOf } from '../sqlite-gate.ts';
import { groups, workspaces } from '../schema.ts';
import { chunks, scopeOf, toGroup } from './rows.ts';

export function createGroupRepository(db: Db): SyncOf<GroupRepository> {
  // Every command looks its group up: prepared once, not rebuilt per call.
  const byChannel = db
    .select()
    .from(groups)
    .where(
      and(
        eq(groups.platform, sql.placeholder('platform')),
        eq(groups.workspaceId, sql.placeholder('workspaceId')),
        eq(groups.channelId, sql.placeholder('channelId')),
      ),
    )
    .prepare();
  return {
    findByChannel(ws, channelId) {
      const row = byChannel.get({ platform: ws.platform, workspaceId: ws.workspaceId, channelId });
      return row ? toGroup(row) : null;
    },
    get(id) {
      const row = db.select().from(groups).where(eq(groups.id, id)).get();
      return row ? toGroup(row) : null;
    },
    getMany(ids) {
      return chunks([...new Set(ids)], 1000).flatMap((part) =>
        db.select().from(groups).where(inArray(groups.id, part)).all().map(toGroup),
      );
    },
    create(input: NewGroup, now) {
      db.insert(workspaces)
        .values({ ...scopeOf(input.workspace), createdAt: now })
        .onConflictDoNothing()
        .run();
      const row = db
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
        .returning()
        .get();
      return toGroup(row);
    },
    update(id, patch: GroupPatch) {
      const values: Partial<typeof groups.$inferInsert> = {};
      if (patch.name !== undefined) values.name = patch.name;
      if (patch.timezone !== undefined) values.timezone = patch.timezone;
      if (patch.checkInMinute !== undefined) values.checkInMinute = patch.checkInMinute;
      if (patch.checkInDays !== undefined) values.checkInDays = patch.checkInDays.join(',');
      if (patch.reminderMinute !== undefined) values.reminderMinute = patch.reminderMinute;
      if (patch.ruleSettings !== undefined) values.ruleSettings = JSON.stringify(patch.ruleSettings);
      if (patch.adminUserIds !== undefined) values.adminUserIds = JSON.stringify(patch.adminUserIds);
      const row = Object.keys(values).length
        ? db.update(groups).set(values).where(eq(groups.id, id)).returning().get()
        : db.select().from(groups).where(eq(groups.id, id)).get();
      if (!row) throw new InternalError('not-found', `group ${id} not found`);
      return toGroup(row);
    },
    listAll() {
      return db.select().from(groups).all().map(toGroup);
    },
  };
}
