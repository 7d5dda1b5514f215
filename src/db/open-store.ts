/**
 * Opening the program's store from its settings: PostgreSQL when `DATABASE_URL` is set, else the
 * SQLite file `REBOUND_DB`. Either way the migrations are applied before anything else runs, and
 * a database that cannot be used stops start-up with a `StoreOpenError` naming the setting.
 */
import type { Store } from '../core/ports/index.ts';
import { StoreOpenError } from './errors.ts';
import type { SlackInstallationRepository } from '../../adapters/slack/installations.ts';
import type { SecretBox } from '../secret-box.ts';
import { createConsoleClockRepository, type ConsoleClockRepository } from './repositories/console-clock.ts';
import { createSlackInstallationRepository } from './repositories/slack-installations.ts';
import { openDatabase } from './sqlite/open.ts';
import { sqliteDialectOf, createSqliteStore } from './sqlite/store.ts';

export interface StoreSettings {
  /** `DATABASE_URL`: a `postgres://` URL selects PostgreSQL (a connection pool). */
  readonly databaseUrl?: string | null;
  /** `REBOUND_DB`: the SQLite file (or `:memory:`), used when there is no `databaseUrl`. */
  readonly dbPath: string;
}

export interface OpenStoreOptions {
  /** PostgreSQL: connections in the pool (node-postgres defaults to 10). */
  readonly poolSize?: number;
  /** PostgreSQL: a pooled connection failed while idle; the pool replaces it. */
  readonly onPoolError?: (error: Error) => void;
}

export interface OpenedStore {
  readonly store: Store;
  /** Which database it is. */
  readonly kind: 'sqlite' | 'postgres';
  /** How many migrations opening applied (0 when the database was up to date). */
  readonly migrationsApplied: number;
  /** Where the console keeps its simulated clock for one console workspace. */
  consoleClock(workspaceId: string): ConsoleClockRepository;
  /** Slack OAuth mode: the workspaces' installations, their tokens sealed with `box`. */
  slackInstallations(box: SecretBox): SlackInstallationRepository;
  /** Closes the connection (SQLite) or ends the pool (PostgreSQL). */
  close(): Promise<void>;
}

export async function openStore(settings: StoreSettings, options: OpenStoreOptions = {}): Promise<OpenedStore> {
  if (settings.databaseUrl) {
    // Loaded only when used: a SQLite deployment never loads the PostgreSQL driver.
    const { openPostgresStore } = await import('./postgres/store.ts');
    return openPostgresStore(settings.databaseUrl, options);
  }
  return openSqliteStore(settings.dbPath);
}

/** The store on the SQLite file (or `:memory:`), migrated. */
export function openSqliteStore(file: string): OpenedStore {
  const database = openDatabase(file);
  const dialect = sqliteDialectOf(database);
  return {
    store: createSqliteStore(database),
    kind: 'sqlite',
    migrationsApplied: database.migrationsApplied,
    consoleClock: (workspaceId) => createConsoleClockRepository(dialect, workspaceId),
    slackInstallations: (box) => createSlackInstallationRepository(dialect, box),
    close: async () => database.close(),
  };
}

export { StoreOpenError };
