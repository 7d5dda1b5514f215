/**
 * Stores to run tests on, one of each kind the program supports: SQLite in memory, SQLite on a file
 * in a temporary folder, and PostgreSQL — the real server when `REBOUND_TEST_DATABASE_URL` is set
 * (each test file gets its own freshly created database, dropped after), else PGlite (one
 * in-process instance per test file, since starting one costs about 2 s). A PostgreSQL test store
 * is the file's database emptied, so a file has one open at a time; `createTestDatabase` gives a
 * database of its own to a test that needs several connections.
 *
 *   describeEachStore('check-ins', (open) => {
 *     let s: TestStore;
 *     beforeEach(async () => (s = await open()));
 *     afterEach(() => s.close());
 *     it('…', async () => { await s.store.groups.create(…); });
 *   });
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableName } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, describe } from 'vitest';
import type { Store } from '../../src/core/ports/index.ts';
import type { Dialect, Param, Row } from '../../src/db/dialect.ts';
import { createPostgresDialect } from '../../src/db/postgres/dialect.ts';
import { openPgliteStore, type OpenedPglite } from '../../src/db/postgres/pglite.ts';
import { migratePostgres } from '../../src/db/postgres/store.ts';
import { postgresTables } from '../../src/db/schema/postgres.ts';
import { openDatabase, type OpenedDatabase } from '../../src/db/sqlite/open.ts';
import { sqliteDialectOf } from '../../src/db/sqlite/store.ts';
import { createStore } from '../../src/db/store.ts';
import { createSlackInstallationRepository } from '../../src/db/repositories/slack-installations.ts';
import type { SlackInstallationRepository } from '../../adapters/slack/installations.ts';
import type { SecretBox } from '../../src/secret-box.ts';

export const STORE_KINDS = ['sqlite-memory', 'sqlite-file', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** The real PostgreSQL server tests may create databases on, when there is one. */
export const TEST_DATABASE_URL = process.env.REBOUND_TEST_DATABASE_URL?.trim() || null;

export interface TestStore {
  readonly kind: StoreKind;
  readonly store: Store;
  /**
   * Rows of a raw statement with `?` placeholders, valid in both dialects, to check what is
   * stored. Values are as the driver gives them: compare with `Number()` / `Boolean()`.
   */
  rows(sql: string, params?: readonly Param[]): Promise<Row[]>;
  /** Slack OAuth installations on this store, sealed with `box`. */
  slackInstallations(box: SecretBox): SlackInstallationRepository;
  /** Closes it (a PostgreSQL store leaves the file's database to the next test). */
  close(): Promise<void>;
}

/** What a store kind is called in test names. */
export function storeLabel(kind: StoreKind): string {
  if (kind === 'sqlite-memory') return 'SQLite in memory';
  if (kind === 'sqlite-file') return 'SQLite on a file';
  return TEST_DATABASE_URL ? 'PostgreSQL (server)' : 'PostgreSQL (PGlite)';
}

/** A fresh, migrated, empty store of this kind. */
export async function openTestStore(kind: StoreKind): Promise<TestStore> {
  if (kind === 'sqlite-memory') return sqliteTestStore(kind, openDatabase(':memory:'), () => undefined);
  if (kind === 'sqlite-file') {
    const dir = mkdtempSync(join(tmpdir(), 'rebound-store-'));
    return sqliteTestStore(kind, openDatabase(join(dir, 'sub', 'rebound.db')), () =>
      rmSync(dir, { recursive: true, force: true }),
    );
  }
  return postgresTestStore();
}

/** Closes the file's PostgreSQL database (dropping it on a real server); the next store makes a new one. */
export async function closeTestStores(): Promise<void> {
  const shared = postgres;
  postgres = null;
  if (shared) await (await shared).dispose();
}

/**
 * Declares `suite` once per store kind, in a describe named `name` and the store; `open` gives a
 * fresh store of that kind. The file's PostgreSQL database is closed after its describe.
 */
export function describeEachStore(
  name: string,
  suite: (open: () => Promise<TestStore>, kind: StoreKind) => void,
  kinds: readonly StoreKind[] = STORE_KINDS,
): void {
  for (const kind of kinds) {
    describe(`${name}: ${storeLabel(kind)}`, () => {
      if (kind === 'postgres') afterAll(closeTestStores);
      suite(() => openTestStore(kind), kind);
    });
  }
}

function sqliteTestStore(kind: StoreKind, database: OpenedDatabase, cleanUp: () => void): TestStore {
  const dialect = sqliteDialectOf(database);
  return {
    kind,
    store: createStore(dialect),
    rows: (sql, params) => dialect.rows(sql, params),
    slackInstallations: (box) => createSlackInstallationRepository(dialect, box),
    close: async () => {
      database.close();
      cleanUp();
    },
  };
}

interface SharedPostgres {
  readonly dialect: Dialect;
  open: boolean;
  empty(): Promise<void>;
  dispose(): Promise<void>;
}

let postgres: Promise<SharedPostgres> | null = null;

const TABLES = Object.values(postgresTables)
  .map((table) => `"${getTableName(table)}"`)
  .join(', ');

async function postgresTestStore(): Promise<TestStore> {
  postgres ??= TEST_DATABASE_URL ? serverDatabase(TEST_DATABASE_URL) : pgliteDatabase();
  const shared = await postgres;
  if (shared.open) throw new Error('one PostgreSQL test store at a time per file: use createTestDatabase for more');
  shared.open = true;
  await shared.empty();
  return {
    kind: 'postgres',
    store: createStore(shared.dialect),
    rows: (sql, params) => shared.dialect.rows(sql, params),
    slackInstallations: (box) => createSlackInstallationRepository(shared.dialect, box),
    close: async () => {
      shared.open = false;
    },
  };
}

async function pgliteDatabase(): Promise<SharedPostgres> {
  const opened: OpenedPglite = await openPgliteStore();
  return {
    dialect: opened.dialect,
    open: false,
    empty: async () => {
      await opened.pglite.exec(`TRUNCATE ${TABLES} RESTART IDENTITY CASCADE`);
    },
    dispose: () => opened.close(),
  };
}

async function serverDatabase(adminUrl: string): Promise<SharedPostgres> {
  const database = await createTestDatabase(adminUrl);
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  // Dropping the database ends connections the pool is still closing: nothing to report.
  pool.on('error', () => undefined);
  await migratePostgres(pool);
  return {
    dialect: createPostgresDialect(drizzle(pool)),
    open: false,
    empty: async () => {
      await pool.query(`TRUNCATE ${TABLES} RESTART IDENTITY CASCADE`);
    },
    dispose: async () => {
      await pool.end();
      await database.drop();
    },
  };
}

export interface TestDatabase {
  /** Where to connect: the admin URL with this database's name. */
  readonly url: string;
  /** Drops the database, closing whatever is still connected to it. */
  drop(): Promise<void>;
}

/** A new, empty database on the real server (`REBOUND_TEST_DATABASE_URL`), not migrated. */
export async function createTestDatabase(adminUrl = TEST_DATABASE_URL): Promise<TestDatabase> {
  if (!adminUrl) throw new Error('REBOUND_TEST_DATABASE_URL is not set');
  const name = `rebound_test_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
