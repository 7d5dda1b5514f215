/** A member with something in every table, and helpers that read the database directly to check exports and deletions. */
import type { WorkspaceRef } from '../../../src/core/types.ts';
import { buttonsOf, type World } from '../../helpers/world.ts';

export const WS: WorkspaceRef = { platform: 'slack', workspaceId: 'T1' };
/** The person whose data is exported or forgotten; their words are easy to find in any row. */
export const ZOE = { userId: 'UZOE' };
export const OTHER_GROUP = { userId: 'UZOE', channelId: 'C2' };
export const ZOE_ELSEWHERE = { userId: 'UZOE', workspaceId: 'T2' };

/**
 * Zoe and Yan in two groups of workspace T1 (Zoe also in T2): applications, a rejection with its
 * plan, an update, feedback, a goal, a check-in, a nudge delivered, reactions given and received.
 */
export async function seedTwoMembers(world: World): Promise<void> {
  await world.run('UYAN', '/rebound setup 09:00 UTC');
  await world.run(ZOE, '/rebound join');
  await world.run({ userId: 'UYAN', channelId: 'C2' }, '/rebound setup 09:00 UTC');
  await world.run(OTHER_GROUP, '/rebound join');
  await world.run(ZOE_ELSEWHERE, '/rebound setup 09:00 UTC');
  await world.run(ZOE, '/applied ZetaCorp | Zoe Platform Role | https://zetacorp.example/jobs/1');
  await world.run(ZOE, '/interview ZetaCorp | Zoe Platform Role | 2026-11-24 14:00 | final');
  await world.run(ZOE, '/rejected ZetaCorp | Zoe Platform Role | final | zoe-private-note');
  await world.run(ZOE, '/update zoe-update-text');
  await world.run(ZOE, '/feedback ZetaCorp | zoe-feedback-text');
  await world.run(ZOE, '/goal applications 4 | networking 1');
  await world.run(OTHER_GROUP, '/applied ZetaSecond | Zoe Second Role');
  await world.run(ZOE_ELSEWHERE, '/applied ZetaElsewhere | Zoe Elsewhere Role');
  await world.run('UYAN', '/applied YanCorp | Yan Role');
  await world.run('UYAN', '/rejected YanCorp | Yan Role | interview');
  await world.react('UYAN', 'ZetaCorp');
  await world.react(ZOE, 'YanCorp');
  const zoe = (await world.store.members.find(1, ZOE.userId))!;
  await world.store.checkIns.record(
    {
      workspace: WS,
      memberId: zoe.id,
      groupId: zoe.groupId,
      localDate: '2026-11-25',
      source: 'form',
      applications: 1,
      networking: 0,
      followUpsDone: 0,
      note: 'zoe-check-in-note',
    },
    world.clock.now(),
  );
  // Let Zoe's connect step come due so a nudge is delivered (and recorded in the ledger).
  world.clock.set(new Date('2026-11-28T10:00:00Z'));
  await world.rebound.sweep();
}

/** Member ids of a user in a workspace, read from the database. */
export function memberIds(world: World, ws: WorkspaceRef, userId: string): number[] {
  return (
    world.database.sqlite
      .prepare('select id from members where platform = ? and workspace_id = ? and user_id = ?')
      .all(ws.platform, ws.workspaceId, userId) as { id: number }[]
  ).map((r) => r.id);
}

/** Every table with a member_id column, as the database has it now. */
export function tablesWithMemberId(world: World): string[] {
  const tables = (
    world.database.sqlite
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
      )
      .all() as { name: string }[]
  ).map((t) => t.name);
  return tables.filter((t) =>
    (world.database.sqlite.prepare(`select name from pragma_table_info(?)`).all(t) as { name: string }[]).some(
      (c) => c.name === 'member_id',
    ),
  );
}

/** Every row of every table in one workspace (rows of tables without a workspace too), as JSON text, for a plain search. */
export function everyRow(world: World, ws: WorkspaceRef): string {
  const db = world.database.sqlite;
  const tables = (
    db
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
      )
      .all() as { name: string }[]
  ).map((t) => t.name);
  return tables
    .map((t) => {
      const scoped = (db.prepare('select name from pragma_table_info(?)').all(t) as { name: string }[]).some(
        (c) => c.name === 'workspace_id',
      );
      const rows = scoped
        ? db.prepare(`select * from "${t}" where platform = ? and workspace_id = ?`).all(ws.platform, ws.workspaceId)
        : db.prepare(`select * from "${t}"`).all();
      return `${t}: ${JSON.stringify(rows)}`;
    })
    .join('\n');
}

export async function confirmButton(world: World, who: Parameters<World['run']>[0]): Promise<string> {
  const id = buttonsOf(await world.run(who, '/rebound forget-me')).find((b) => b.startsWith('forget:confirm:'));
  if (!id) throw new Error('no confirmation button');
  return id;
}
