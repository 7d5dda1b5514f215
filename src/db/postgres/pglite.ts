/**
 * The store on PGlite: PostgreSQL compiled to WebAssembly, in-process, for tests that have no
 * server. Same dialect and migrations as the pooled store; one connection, so contention between
 * replicas is tested on a real server. Only tests import this module (PGlite is a dev dependency).
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { Dialect } from '../dialect.ts';
import type { OpenedStore } from '../open-store.ts';
import { createConsoleClockRepository } from '../repositories/console-clock.ts';
import { createSlackInstallationRepository } from '../repositories/slack-installations.ts';
import { migrationsFolder } from '../migrations.ts';
import { createStore } from '../store.ts';
import { createPostgresDialect } from './dialect.ts';
import { appliedMigrations } from './store.ts';

export interface OpenedPglite extends OpenedStore {
  readonly pglite: PGlite;
  /** The dialect the store runs on, for tests that read tables directly. */
  readonly dialect: Dialect;
}

/** A new in-memory PGlite database, migrated. Creating one runs initdb (about 2 s): reuse it. */
export async function openPgliteStore(): Promise<OpenedPglite> {
  const pglite = new PGlite();
  const db = drizzle(pglite);
  const before = await appliedMigrations(pglite);
  await migrate(db, { migrationsFolder: migrationsFolder('postgres') });
  const migrationsApplied = (await appliedMigrations(pglite)) - before;
  const dialect = createPostgresDialect(db);
  return {
    pglite,
    dialect,
    store: createStore(dialect),
    kind: 'postgres',
    migrationsApplied,
    consoleClock: (workspaceId) => createConsoleClockRepository(dialect, workspaceId),
    slackInstallations: (box) => createSlackInstallationRepository(dialect, box),
    close: () => pglite.close(),
  };
}
