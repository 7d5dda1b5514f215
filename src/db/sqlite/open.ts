/** Opening the SQLite database file: checks, pragmas and the migrations, all before anything runs. */
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { StoreOpenError } from '../errors.ts';
import { migrationsFolder } from '../migrations.ts';
import * as schema from '../schema/sqlite.ts';
import { SQLITE_BUSY_TIMEOUT_MS } from './gate.ts';

/** The synchronous drizzle database over the connection: for migrations and tools, not the store. */
export type Db = BetterSQLite3Database<typeof schema>;

export interface OpenedDatabase {
  readonly sqlite: Database.Database;
  readonly db: Db;
  /** How many migrations opening applied (0 when the file was up to date). */
  readonly migrationsApplied: number;
  close(): void;
}

/** The SQLite migrations (`drizzle/sqlite/`). */
export const MIGRATIONS_FOLDER = migrationsFolder('sqlite');

/** How long start-up waits for another process's write lock while migrating (it blocks; nothing else runs yet). */
const MIGRATION_BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens (creating if needed) the SQLite database, sets WAL, foreign keys and a busy timeout, and
 * applies the committed migrations. `:memory:` gives a throw-away database. Throws a
 * `StoreOpenError` naming `REBOUND_DB` when the path is a folder, not a database, or not writable.
 */
export function openDatabase(file: string): OpenedDatabase {
  if (file !== ':memory:') prepareFolder(file);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
  } catch (error) {
    throw openError(file, error);
  }
  try {
    sqlite.pragma(`busy_timeout = ${MIGRATION_BUSY_TIMEOUT_MS}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    const db = drizzle(sqlite, { schema });
    const before = appliedMigrations(sqlite);
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const migrationsApplied = appliedMigrations(sqlite) - before;
    sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    return { sqlite, db, migrationsApplied, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw openError(file, error);
  }
}

/** Rows in drizzle's migrations table (none before the first migration). */
function appliedMigrations(sqlite: Database.Database): number {
  const table = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  return table ? (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n : 0;
}

function prepareFolder(file: string): void {
  const stat = statOf(file);
  if (stat?.isDirectory()) throw new StoreOpenError('REBOUND_DB', `${file} is a folder, not a database file`);
  try {
    mkdirSync(dirname(file), { recursive: true });
  } catch (error) {
    const code = codeOf(error);
    const why =
      code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'is not writable'
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'is not a folder (a file is in its path)'
          : `cannot be created (${code ?? 'unknown error'})`;
    throw new StoreOpenError('REBOUND_DB', `the folder of ${file} ${why}`, { cause: error });
  }
}

/** One line for what SQLite said, naming the setting; unknown failures keep SQLite's own words. */
function openError(file: string, error: unknown): Error {
  if (error instanceof StoreOpenError) return error;
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB')
    return new StoreOpenError('REBOUND_DB', `${file} is not a SQLite database file`, { cause: error });
  if (code?.startsWith('SQLITE_READONLY') || code?.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM')
    return new StoreOpenError('REBOUND_DB', `cannot write ${file} (${message}): the file or its folder is read-only`, {
      cause: error,
    });
  if (code?.startsWith('SQLITE_CORRUPT'))
    return new StoreOpenError('REBOUND_DB', `${file} is damaged (${message})`, { cause: error });
  return error instanceof Error ? error : new Error(message);
}

function statOf(file: string) {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
