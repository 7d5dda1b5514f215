/**
 * The committed migrations: both dialects' apply to a fresh database and agree with the schema, a
 * SQLite file migrated before the PostgreSQL work upgrades in place, and PostgreSQL replicas
 * starting together migrate once, under the advisory lock.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../src/db/migrations.ts';
import { openStore } from '../../src/db/open-store.ts';
import { MIGRATIONS_FOLDER, openDatabase } from '../../src/db/sqlite/open.ts';
import { openPgliteStore } from '../../src/db/postgres/pglite.ts';
import { postgresTables } from '../../src/db/schema/postgres.ts';
import { sqliteTables } from '../../src/db/schema/sqlite.ts';
import { createTestDatabase, TEST_DATABASE_URL } from '../helpers/stores.ts';

interface Journal {
  readonly entries: readonly { readonly tag: string; readonly when: number }[];
}
const journal = (dialect: 'sqlite' | 'postgres') =>
  JSON.parse(readFileSync(join(migrationsFolder(dialect), 'meta', '_journal.json'), 'utf8')) as Journal;

/** A copy of the SQLite migrations folder holding only the migrations up to and including `lastTag`. */
function migrationsUpTo(lastTag: string, dir: string): string {
  const all = journal('sqlite');
  const last = all.entries.findIndex((e) => e.tag === lastTag);
  expect(last).toBeGreaterThanOrEqual(0);
  const entries = all.entries.slice(0, last + 1);
  const folder = join(dir, 'migrations');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  for (const { tag } of entries) copyFileSync(join(MIGRATIONS_FOLDER, `${tag}.sql`), join(folder, `${tag}.sql`));
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...all, entries }));
  return folder;
}

/** Every table with its columns: name, nullability, default and key, the same in both dialects. */
function shape(tables: typeof sqliteTables) {
  return Object.values(tables).map((table) => ({
    table: getTableName(table),
    columns: Object.values(getTableColumns(table) as Record<string, Column>).map((c) => ({
      name: c.name,
      notNull: c.notNull,
      // SQLite makes any INTEGER PRIMARY KEY the rowid, which drizzle reports as a default; goals'
      // member_id is always given. Row ids have a default in both.
      hasDefault: c.primary && c.name !== 'id' ? 'given' : c.hasDefault,
      primary: c.primary,
      default: c.default as unknown,
      enum: c.enumValues ?? null,
      // PostgreSQL's epoch-ms column is a custom type mapping Date ⇄ bigint.
      js: c.dataType === 'custom' ? 'date' : c.dataType,
    })),
  }));
}

describe('migrations', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rebound-migrate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('define the same tables and columns, with the same defaults, in SQLite and PostgreSQL', () => {
    expect(shape(postgresTables)).toEqual(shape(sqliteTables));
  });

  it('apply to a fresh SQLite database, giving it every table of the schema', () => {
    const db = openDatabase(':memory:');
    const tables = (
      db.sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]
    )
      .map((t) => t.name)
      .filter((name) => !name.startsWith('sqlite_') && name !== '__drizzle_migrations');
    expect(tables.sort()).toEqual(
      Object.values(sqliteTables)
        .map((t) => getTableName(t))
        .sort(),
    );
    expect(db.migrationsApplied).toBe(journal('sqlite').entries.length);
    db.close();
  });

  it('apply to a fresh PostgreSQL database (PGlite), giving it every table of the schema', async () => {
    const opened = await openPgliteStore();
    try {
      expect(opened.migrationsApplied).toBe(journal('postgres').entries.length);
      const rows = await opened.dialect.rows(
        "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
      );
      expect(rows.map((r) => r.table_name)).toEqual(
        Object.values(postgresTables)
          .map((t) => getTableName(t))
          .sort(),
      );
    } finally {
      await opened.close();
    }
  });

  it('upgrade a SQLite file migrated before the PostgreSQL work in place, keeping its rows', () => {
    const file = join(dir, 'rebound.db');
    const old = new Database(file);
    migrate(drizzle(old), { migrationsFolder: migrationsUpTo('0011_drop_unused_deliveries_subject_index', dir) });
    old.prepare("INSERT INTO workspaces (platform, workspace_id, created_at) VALUES ('slack', 'T1', 1)").run();
    old.close();
    const db = openDatabase(file);
    // Only what is new runs: the moved migrations are recognised by their hash and time.
    expect(db.migrationsApplied).toBe(journal('sqlite').entries.length - 12);
    expect(db.sqlite.prepare('select count(*) as n from workspaces').get()).toEqual({ n: 1 });
    expect(db.sqlite.prepare("select name from sqlite_master where name = 'leases'").get()).toEqual({ name: 'leases' });
    db.close();
  });

  it('give ledger rows written before the local-date column their day, so paused days still excuse a streak', () => {
    const file = join(dir, 'rebound.db');
    const old = new Database(file);
    migrate(drizzle(old), { migrationsFolder: migrationsUpTo('0001_applications_created_by_rejection', dir) });
    const insert = old.prepare(
      "INSERT INTO deliveries (platform, workspace_id, key, kind, member_id, subject_id, owner, status, attempts, claimed_at) VALUES ('slack', 'T1', ?, ?, NULL, 1, 'a', 'sent', 0, 0)",
    );
    insert.run('reminder:12:2026-11-23', 'reminder-paused');
    insert.run('reminder:12:2026-11-24', 'reminder');
    insert.run('checkin:3:2026-11-24', 'checkin');
    insert.run('nudge:5:1795641066467', 'nudge');
    insert.run('digest:3:2026-W47', 'digest');
    old.close();

    const db = openDatabase(file);
    const rows = db.sqlite.prepare('SELECT key, local_date FROM deliveries ORDER BY id').all();
    db.close();
    expect(rows).toEqual([
      { key: 'reminder:12:2026-11-23', local_date: '2026-11-23' },
      { key: 'reminder:12:2026-11-24', local_date: '2026-11-24' },
      { key: 'checkin:3:2026-11-24', local_date: '2026-11-24' },
      { key: 'nudge:5:1795641066467', local_date: null },
      { key: 'digest:3:2026-W47', local_date: null },
    ]);
  });

  it('give applications logged before their history was kept one event per status they reached', () => {
    const file = join(dir, 'rebound.db');
    const old = new Database(file);
    migrate(drizzle(old), { migrationsFolder: migrationsUpTo('0013_faithful_jocasta', dir) });
    old.exec(`
      INSERT INTO workspaces (platform, workspace_id, created_at) VALUES ('slack', 'T1', 1);
      INSERT INTO groups (id, platform, workspace_id, channel_id, name, timezone, check_in_minute, check_in_days, reminder_minute, created_at)
        VALUES (1, 'slack', 'T1', 'C1', 'g', 'UTC', 540, '1,2,3,4,5', 960, 1);
      INSERT INTO members (id, platform, workspace_id, group_id, user_id, display_name, joined_at) VALUES (1, 'slack', 'T1', 1, 'U1', 'U1', 1);
      INSERT INTO applications (id, platform, workspace_id, member_id, company, company_key, role, status, visibility, created_by_rejection, created_at, updated_at)
        VALUES (1, 'slack', 'T1', 1, 'Acme', 'acme', 'SRE', 'applied', 'shared', 0, 100, 100),
               (2, 'slack', 'T1', 1, 'Globex', 'globex', 'PM', 'rejected', 'shared', 0, 200, 900),
               (3, 'slack', 'T1', 1, 'Initech', 'initech', '', 'rejected', 'shared', 1, 300, 300);
      INSERT INTO rejections (platform, workspace_id, application_id, member_id, stage, rejected_on, created_at)
        VALUES ('slack', 'T1', 2, 1, 'screen', 800, 800), ('slack', 'T1', 3, 1, 'applied', 300, 300);
    `);
    old.close();

    const db = openDatabase(file);
    const rows = db.sqlite
      .prepare(
        'SELECT platform, workspace_id, application_id, status, at FROM application_events ORDER BY application_id, at, id',
      )
      .all();
    db.close();
    expect(rows).toEqual([
      { platform: 'slack', workspace_id: 'T1', application_id: 1, status: 'applied', at: 100 },
      { platform: 'slack', workspace_id: 'T1', application_id: 2, status: 'applied', at: 200 },
      { platform: 'slack', workspace_id: 'T1', application_id: 2, status: 'rejected', at: 800 },
      { platform: 'slack', workspace_id: 'T1', application_id: 3, status: 'rejected', at: 300 },
    ]);
  });

  it.skipIf(!TEST_DATABASE_URL)(
    'run once when several PostgreSQL replicas start together on a fresh database (advisory lock)',
    async () => {
      const database = await createTestDatabase();
      try {
        const opened = await Promise.all(
          Array.from({ length: 5 }, () =>
            openStore({ databaseUrl: database.url, dbPath: ':memory:' }, { poolSize: 2 }),
          ),
        );
        const applied = opened.map((o) => o.migrationsApplied).sort((a, b) => b - a);
        expect(applied).toEqual([journal('postgres').entries.length, 0, 0, 0, 0]);
        const [first] = opened;
        if (!first) throw new Error('nothing opened');
        expect(await first.store.leases.acquire('x', 'a', new Date(), 1000)).toBe(true);
        for (const o of opened) await o.close();
        // And a later start finds nothing to do.
        const later = await openStore({ databaseUrl: database.url, dbPath: ':memory:' });
        expect(later.migrationsApplied).toBe(0);
        await later.close();
      } finally {
        await database.drop();
      }
    },
  );
});
