/**
 * The PostgreSQL dialect, for node-postgres (a `Pool`) and PGlite alike. A transaction is
 * drizzle's `db.transaction(async (tx) => …)`; AsyncLocalStorage remembers it, so every query made
 * in its async context, through whichever store, runs on `tx`: code that uses the root store
 * inside a transaction can neither escape it nor wait for a second pooled connection. Raw
 * statements are written with `?` and numbered here.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Db, Dialect, Param, Preparable, Row } from '../dialect.ts';
import { postgresTables } from '../schema/postgres.ts';

/** A drizzle PostgreSQL database or transaction, on either driver. */
export type PgDb = PgDatabase<PgQueryResultHKT, Record<string, never>>;

interface Scope {
  readonly db: PgDb;
  /** The transaction has ended: work still carrying its context goes to the parent scope. */
  closed: boolean;
  readonly parent: Scope | null;
  /** Savepoints opened in this scope run one after another. */
  savepoints: Promise<unknown>;
}

/** A PostgreSQL builder, as drizzle runs one with its placeholders' values. */
interface PgRunnable<T> {
  execute(values: Record<string, unknown>): Promise<T>;
}

/** What either driver reports for a statement: node-postgres `rowCount`, PGlite `affectedRows`. */
interface PgResult {
  readonly rows?: Row[];
  readonly rowCount?: number | null;
  readonly affectedRows?: number;
}

export function createPostgresDialect(root: PgDb): Dialect {
  const inside = new AsyncLocalStorage<Scope>();
  const scope = (): Scope | null => {
    let current = inside.getStore();
    while (current?.closed) current = current.parent ?? undefined;
    return current ?? null;
  };
  const current = () => scope()?.db ?? root;
  const execute = async (text: string, params: readonly Param[]): Promise<PgResult> =>
    (await current().execute(numbered(text, params))) as PgResult;
  const within = async <T>(tx: PgDb, parent: Scope | null, fn: () => Promise<T>): Promise<T> => {
    const own: Scope = { db: tx, closed: false, parent, savepoints: Promise.resolve() };
    try {
      return await inside.run(own, fn);
    } finally {
      own.closed = true;
    }
  };
  return {
    tables: postgresTables,
    get db() {
      // The PostgreSQL database typed as the SQLite one the repositories are written against:
      // the tables are PostgreSQL tables typed likewise (see schema/postgres-columns.ts).
      return current() as unknown as Db;
    },
    rows: async (text, params = []) => (await execute(text, params)).rows ?? [],
    values: async (text, params = []) => ((await execute(text, params)).rows ?? []).map((row) => Object.values(row)),
    run: async (text, params = []) => affected(await execute(text, params)),
    prepared<T>(build: (db: Db) => Preparable<T>) {
      // Built per run, on the current transaction; PostgreSQL's builders take the placeholders'
      // values through `execute`.
      return (values: Record<string, unknown> = {}) =>
        (build(current() as unknown as Db) as unknown as PgRunnable<T>).execute(values);
    },
    changed: (result) => affected(result as PgResult),
    transaction(fn) {
      const outer = scope();
      if (!outer) return root.transaction((tx) => within(tx, null, fn));
      // A savepoint: drizzle's nested transaction. Two opened side by side in one transaction
      // would release each other's, so they take turns.
      const turn = outer.savepoints.then(() => outer.db.transaction((tx) => within(tx, outer, fn)));
      outer.savepoints = turn.catch(() => undefined);
      return turn;
    },
    forUpdate: (table, options) => ` FOR UPDATE OF ${table}${options?.skipLocked ? ' SKIP LOCKED' : ''}`,
  };
}

function affected(result: PgResult): number {
  return Math.max(result.rowCount ?? result.affectedRows ?? 0, result.rows?.length ?? 0);
}

/** A raw statement with `?` placeholders as drizzle SQL, which numbers them `$1, $2, …`. */
function numbered(text: string, params: readonly Param[]): SQL {
  const parts = text.split('?');
  if (parts.length !== params.length + 1) {
    throw new Error(`raw statement has ${parts.length - 1} placeholders for ${params.length} parameters`);
  }
  const chunks: SQL[] = [];
  parts.forEach((part, i) => {
    chunks.push(sql.raw(part));
    if (i < params.length) chunks.push(sql`${params[i]}`);
  });
  return sql.join(chunks);
}
