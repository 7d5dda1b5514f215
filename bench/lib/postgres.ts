/**
 * A PostgreSQL database of a benchmark's own: created on the server at `BENCH_DATABASE_URL`
 * (default postgres://postgres@127.0.0.1:5432/test) as `rebound_bench_<random>`, not migrated, and
 * dropped at the end. When the server cannot be reached the benchmark still runs its SQLite rows
 * and reports the PostgreSQL ones as skipped, with the reason.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { BenchRow } from './report.ts';

export const BENCH_ADMIN_URL = process.env.BENCH_DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchDatabase {
  /** Where to connect: the admin URL with this database's name. */
  readonly url: string;
  /** The server's settings that decide what a commit costs, for the notes. */
  readonly settings: string;
  /** Drops the database, closing whatever is still connected to it. */
  drop(): Promise<void>;
}

async function admin<T>(statement: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: BENCH_ADMIN_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query(statement)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A new, empty database, or why there is none (the server is unreachable, …). */
export async function createBenchDatabase(): Promise<BenchDatabase | { readonly skipped: string }> {
  const name = `rebound_bench_${randomBytes(6).toString('hex')}`;
  let version: string;
  try {
    const [row] = await admin<{ v: string; s: string; f: string }>(
      "SELECT current_setting('server_version') AS v, current_setting('synchronous_commit') AS s, current_setting('fsync') AS f",
    );
    version = `PostgreSQL ${row?.v.split(' ')[0]} (synchronous_commit=${row?.s}, fsync=${row?.f})`;
    await admin(`CREATE DATABASE ${name}`);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : String(error);
    const where = new URL(BENCH_ADMIN_URL);
    return { skipped: `PostgreSQL at ${where.host}${where.pathname} unusable: ${code ? `${code} ` : ''}${message}` };
  }
  const url = new URL(BENCH_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    settings: version,
    drop: async () => {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A row standing in for a PostgreSQL figure that could not be measured. */
export function skippedRow(metric: string, reason: string): BenchRow {
  return { metric: `${metric}: skipped (${reason})`, value: 0, unit: 'skipped' };
}
