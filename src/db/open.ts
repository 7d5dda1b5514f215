import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.ts';
import { SQLITE_BUSY_TIMEOUT_MS } from './sqlite-gate.ts';

export type Db = BetterSQLite3Database<typeof schema>;

export interface OpenedDatabase {
  readonly sqlite: Database.Database;
  readonly db: Db;
  close(): void;
}

/**
 * The migrations folder, resolved from this module so the working directory does not matter: two
 * levels up from `src/db/`, or one up from the bundle in `dist/`.
 */
export const MIGRATIONS_FOLDER =
  ['../../drizzle/sqlite', '../drizzle/sqlite']
    .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
    .find((folder) => existsSync(join(folder, 'meta', '_journal.json'))) ??
  fileURLToPath(new URL('../../drizzle/sqlite', import.meta.url));

/**
 * Opens (creating if needed) the SQLite database, sets WAL, foreign keys and a busy timeout, and
 * applies the committed migrations. `:memory:` gives a throw-away database.
 */
export function openDatabase(file: string): OpenedDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { sqlite, db, close: () => sqlite.close() };
}
