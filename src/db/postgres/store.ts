/**
 * The store on PostgreSQL through a node-postgres pool: the URL checked, the server reached, the
 * migrations applied under an advisory lock (replicas starting together migrate once), then the
 * shared repositories over the PostgreSQL dialect.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { StoreOpenError } from '../errors.ts';
import type { OpenedStore } from '../open-store.ts';
import { createConsoleClockRepository } from '../repositories/console-clock.ts';
import { createSlackInstallationRepository } from '../repositories/slack-installations.ts';
import { migrationsFolder } from '../migrations.ts';
import { createStore } from '../store.ts';
import { createPostgresDialect } from './dialect.ts';

/** The advisory lock migrations run under: one fixed key, so every Rebound process takes the same lock. */
export const MIGRATION_LOCK_KEY = 7_236_970_431_228_473n;

export interface PostgresOptions {
  /** Connections in the pool (node-postgres defaults to 10). */
  readonly poolSize?: number;
  /** A pooled connection failed while idle (the server restarted, …); the pool replaces it. */
  readonly onPoolError?: (error: Error) => void;
}

/** Opens the store on the database at `url`, migrating it first. Throws a `StoreOpenError` naming DATABASE_URL. */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<OpenedStore> {
  const target = describeUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize, connectionTimeoutMillis: 10_000 });
  pool.on('error', (error) => options.onPoolError?.(error));
  let migrationsApplied: number;
  try {
    migrationsApplied = await migratePostgres(pool, target);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const dialect = createPostgresDialect(drizzle(pool));
  return {
    store: createStore(dialect),
    kind: 'postgres',
    migrationsApplied,
    consoleClock: (workspaceId) => createConsoleClockRepository(dialect, workspaceId),
    slackInstallations: (box) => createSlackInstallationRepository(dialect, box),
    close: () => pool.end(),
  };
}

/**
 * Applies the committed PostgreSQL migrations on one connection holding `pg_advisory_lock`, so of
 * several processes starting at once one migrates and the others wait and find nothing to do.
 * Returns how many migrations it applied.
 */
export async function migratePostgres(pool: pg.Pool, target = 'the database'): Promise<number> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw connectError(target, error);
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    try {
      const before = await appliedMigrations(client);
      await migrate(drizzle(client), { migrationsFolder: migrationsFolder('postgres') });
      return (await appliedMigrations(client)) - before;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
    }
  } finally {
    client.release();
  }
}

/** Rows in drizzle's migrations table (none before the first migration). */
export async function appliedMigrations(client: {
  query(text: string): Promise<{ rows: unknown[] }>;
}): Promise<number> {
  const table = await client.query("SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present");
  if (!(table.rows[0] as { present?: boolean } | undefined)?.present) return 0;
  const result = await client.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
  return Number((result.rows[0] as { n?: unknown } | undefined)?.n ?? 0);
}

/** `postgres://host:port/database` without user or password, for error lines; throws on a malformed URL. */
export function describeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StoreOpenError('DATABASE_URL', 'is not a URL (expected postgres://user:password@host:5432/database)');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new StoreOpenError('DATABASE_URL', `must start with postgres:// (got ${parsed.protocol}//…)`);
  }
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

/** One line for why the server could not be used. */
function connectError(target: string, error: unknown): StoreOpenError {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const why =
    code === 'ECONNREFUSED'
      ? 'the server refused the connection (is PostgreSQL running there?)'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'the host name does not resolve'
        : code === 'ETIMEDOUT' || /timeout/i.test(message)
          ? 'the connection timed out'
          : code === '28P01' || code === '28000'
            ? `authentication failed (${message})`
            : code === '3D000'
              ? `the database does not exist (${message})`
              : message;
  return new StoreOpenError('DATABASE_URL', `cannot connect to ${target}: ${why}`, { cause: error });
}
