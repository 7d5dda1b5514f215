import { afterEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../helpers/world.ts';
import { memberIds, seedTwoMembers, tablesWithMemberId, WS, ZOE } from './member-data.ts';

/** Which array of the export holds the rows of each table, and how a row is recognised there. */
const EXPORTED: Record<string, { key: string; id: (row: Record<string, unknown>) => unknown; column: string }> = {
  applications: { key: 'applications', id: (r) => r.id, column: 'id' },
  application_events: { key: 'applicationEvents', id: (r) => r.id, column: 'id' },
  interviews: { key: 'interviews', id: (r) => r.id, column: 'id' },
  rejections: { key: 'rejections', id: (r) => r.id, column: 'id' },
  updates: { key: 'updates', id: (r) => r.id, column: 'id' },
  feedback: { key: 'feedback', id: (r) => r.id, column: 'id' },
  follow_ups: { key: 'followUps', id: (r) => r.id, column: 'id' },
  deliveries: { key: 'deliveries', id: (r) => r.key, column: 'key' },
  check_ins: { key: 'checkIns', id: (r) => r.id, column: 'id' },
  goals: { key: 'goals', id: (r) => r.memberId, column: 'member_id' },
  posts: { key: 'posts', id: (r) => r.id, column: 'id' },
  pending_entries: { key: 'pendingEntries', id: (r) => r.id, column: 'id' },
};

describe('/rebound export', () => {
  let world: World;
  afterEach(() => world.close());

  async function exported(): Promise<{
    json: Record<string, Record<string, unknown>[]>;
    files: { filename: string; text: string }[];
  }> {
    const reply = await world.run(ZOE, '/rebound export');
    if (reply.type !== 'private') throw new Error(`expected a private reply, got ${reply.type}`);
    const files = (reply.files ?? []).map((f) => ({ filename: f.filename, text: new TextDecoder().decode(f.bytes) }));
    const json = JSON.parse(files.find((f) => f.filename.endsWith('.json'))?.text ?? '{}') as Record<
      string,
      Record<string, unknown>[]
    >;
    return { json, files };
  }

  it('sends privately a JSON file holding every stored row that refers to the member, in all their groups of the workspace', async () => {
    world = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await seedTwoMembers(world);
    const { json, files } = await exported();
    expect(files.map((f) => f.filename)).toEqual([
      'rebound-export.json',
      'rebound-applications.csv',
      'rebound-follow-ups.csv',
    ]);

    const ids = memberIds(world, WS, ZOE.userId);
    expect(ids).toHaveLength(2);
    expect((json.memberships ?? []).map((m) => m.id)).toEqual(ids);
    const tables = tablesWithMemberId(world);
    for (const table of tables) {
      const spec = EXPORTED[table];
      expect(spec, `the export does not cover table ${table}`).toBeDefined();
      if (!spec) continue;
      const rows = world.database.sqlite
        .prepare(`select ${spec.column} as id from "${table}" where member_id in (${ids.join(',')})`)
        .all() as { id: unknown }[];
      const inExport = (json[spec.key] ?? []).map(spec.id);
      for (const row of rows) expect(inExport, `${table} row ${String(row.id)}`).toContain(row.id);
    }
    // Something of each kind was stored, so the loop above checked real rows.
    for (const key of [
      'applications',
      'applicationEvents',
      'interviews',
      'rejections',
      'updates',
      'feedback',
      'followUps',
      'deliveries',
      'checkIns',
      'goals',
      'posts',
      'reactionsGiven',
      'reactionsReceived',
    ]) {
      expect(json[key]?.length, key).toBeGreaterThan(0);
    }
    const given = world.database.sqlite
      .prepare("select count(*) as n from reactions where workspace_id = 'T1' and reactor_user_id = ?")
      .get(ZOE.userId) as { n: number };
    expect(json.reactionsGiven).toHaveLength(given.n);
  });

  it("leaves out other members and the member's data in other workspaces", async () => {
    world = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await seedTwoMembers(world);
    const { files } = await exported();
    const all = files.map((f) => f.text).join('\n');
    expect(all).toContain('ZetaCorp');
    expect(all).toContain('ZetaSecond');
    expect(all).not.toContain('ZetaElsewhere');
    expect(all).not.toContain('YanCorp');
  });

  it('lists applications and follow-ups as CSV, quoting what needs quoting', async () => {
    world = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await seedTwoMembers(world);
    await world.run(ZOE, '/applied Comma, Quote "Co" | =HYPERLINK role');
    const { files } = await exported();
    const apps = files.find((f) => f.filename === 'rebound-applications.csv')?.text ?? '';
    const lines = apps.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,group,company,role,link,status,visibility,created_at,updated_at,rejection_stage,rejected_on,rejection_note',
    );
    expect(lines).toHaveLength(4);
    expect(apps).toContain(',ZetaCorp,Zoe Platform Role,https://zetacorp.example/jobs/1,rejected,shared,');
    expect(apps).toContain(',final,');
    expect(apps).toContain('"Comma, Quote ""Co""",\'=HYPERLINK role');
    const followUps = files.find((f) => f.filename === 'rebound-follow-ups.csv')?.text ?? '';
    expect(followUps.split('\r\n')[0]).toBe(
      'id,group,rule,company,role,due_at,status,occurrence,created_at,updated_at',
    );
    expect(followUps).toContain(',request-feedback,ZetaCorp,');
  });

  it('says so when nothing is stored about the person', async () => {
    world = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    const reply = await world.run('UNEW', '/rebound export');
    expect(reply.type === 'private' && !reply.files).toBe(true);
  });
});
