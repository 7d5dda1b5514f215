/**
 * Deleting a workspace that removed the bot, on every store: every table with workspace rows is
 * emptied of that workspace (a table added to the schema and not to the deletion fails here), other
 * workspaces keep theirs, and a workspace installed again meanwhile is not deleted.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports/index.ts';
import type { WorkspaceRef } from '../../src/core/types.ts';
import { WORKSPACE_TABLES } from '../../src/db/repositories/privacy.ts';
import { createSecretBox } from '../../src/secret-box.ts';
import { describeEachStore, type TestStore } from '../helpers/stores.ts';

const T1: WorkspaceRef = { platform: 'slack', workspaceId: 'T1' };
const T2: WorkspaceRef = { platform: 'slack', workspaceId: 'T2' };
const at = (iso: string) => new Date(iso);
const box = createSecretBox(randomBytes(32));

async function groupWithMember(store: Store, workspace: WorkspaceRef): Promise<number> {
  const now = at('2026-12-01T09:00:00Z');
  const group = await store.groups.create(
    {
      workspace,
      channelId: 'C1',
      name: 'job-hunt',
      timezone: 'UTC',
      checkInMinute: 540,
      checkInDays: [1, 2, 3, 4, 5],
      reminderMinute: 1020,
      adminUserIds: ['U1'],
    },
    now,
  );
  const member = await store.members.create(
    { groupId: group.id, workspace, userId: 'U1', displayName: 'alice', timezone: null },
    now,
  );
  return member.id;
}

describeEachStore('deleting a workspace that removed the bot', (open) => {
  let s: TestStore;
  beforeEach(async () => (s = await open()));
  afterEach(() => s.close());

  it('knows every table that holds workspace rows', async () => {
    const catalog = s.kind.startsWith('sqlite')
      ? "SELECT m.name AS t FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'workspace_id'"
      : "SELECT table_name AS t FROM information_schema.columns WHERE column_name = 'workspace_id' AND table_schema = current_schema()";
    const tables = (await s.rows(catalog)).map((r) => String(r['t'])).sort();
    expect(tables).toEqual([...WORKSPACE_TABLES].sort());
  });

  it('deletes the workspace and what it holds, the installation included, and nothing of another', async () => {
    await groupWithMember(s.store, T1);
    await groupWithMember(s.store, T2);
    const installations = s.slackInstallations(box);
    const install = { enterpriseId: null, botId: 'B', botUserId: 'UB', refreshToken: null, tokenExpiresAt: null };
    await installations.save({ ...install, teamId: 'T1', botToken: 'xoxb-1' }, at('2026-12-01T09:00:00Z'));
    await installations.save({ ...install, teamId: 'T2', botToken: 'xoxb-2' }, at('2026-12-01T09:00:00Z'));

    expect(await s.store.privacy.deleteWorkspace(T1, at('2026-12-31T00:00:00Z'))).toBeNull();
    await s.store.workspaces.markRemoved(T1, at('2026-12-01T10:00:00Z'));
    await installations.markRemoved('T1', at('2026-12-01T10:00:00Z'));
    expect(await s.store.privacy.deleteWorkspace(T1, at('2026-12-01T09:59:00Z'))).toBeNull();
    expect(await s.store.privacy.deleteWorkspace(T1, at('2026-12-31T10:00:00Z'))).toBeGreaterThanOrEqual(4);

    for (const table of WORKSPACE_TABLES) {
      expect(await s.rows(`SELECT 1 FROM ${table} WHERE workspace_id = 'T1'`), table).toEqual([]);
    }
    expect(await installations.find('T1')).toBeNull();
    expect(await installations.find('T2')).not.toBeNull();
    expect(await s.store.groups.findByChannel(T2, 'C1')).not.toBeNull();
    expect(await s.store.workspaces.listRemoved()).toEqual([]);
  });

  it('leaves a workspace alone once it installed again', async () => {
    await groupWithMember(s.store, T1);
    await s.store.workspaces.markRemoved(T1, at('2026-12-01T10:00:00Z'));
    expect(await s.store.workspaces.listRemovedBefore(at('2026-12-31T10:00:00Z'), 10)).toEqual([T1]);
    expect(await s.store.groups.listAll()).toEqual([]);
    expect(await s.store.workspaces.markRestored(T1)).toBe(true);
    expect(await s.store.workspaces.markRestored(T1)).toBe(false);
    expect(await s.store.privacy.deleteWorkspace(T1, at('2026-12-31T10:00:00Z'))).toBeNull();
    expect((await s.store.groups.listAll()).map((g) => g.workspace)).toEqual([T1]);
  });
});
