/**
 * The SQLite dialect: every statement, drizzle's and raw ones, runs through the gate on the one
 * better-sqlite3 connection, from a cache of prepared statements keyed by their SQL text (so the
 * hot statements are prepared once, as before, and the query builder's are too).
 */
import type Database from 'better-sqlite3';
import { drizzle as drizzleSync } from 'drizzle-orm/better-sqlite3';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import type { Db, Dialect, Preparable, Row } from '../dialect.ts';
import { sqliteTables } from '../schema/sqlite.ts';
import type { SqliteGate } from './gate.ts';

/** Prepared statements kept per connection; the least recently used go first past this. */
const STATEMENT_CACHE_SIZE = 500;

/** What a write without RETURNING gives through the proxy driver: the rows it changed. */
interface SqliteWriteResult {
  readonly rows: [];
  readonly changes: number;
}

class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly sqlite: Database.Database,
    /** Rows as arrays of values (drizzle's proxy driver reads them so) rather than objects. */
    private readonly arrays: boolean,
  ) {}

  get(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (statement) {
      this.statements.delete(text);
    } else {
      statement = this.sqlite.prepare(text);
      if (this.arrays && statement.reader) statement.raw(true);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) {
        const oldest = this.statements.keys().next();
        if (!oldest.done) this.statements.delete(oldest.value);
      }
    }
    this.statements.set(text, statement);
    return statement;
  }
}

export function createSqliteDialect(sqlite: Database.Database, gate: SqliteGate): Dialect {
  const objects = new StatementCache(sqlite, false);
  const arrays = new StatementCache(sqlite, true);
  const db = drizzle(async (text, params, method) =>
    gate.run(() => {
      const statement = arrays.get(text);
      if (!statement.reader) return { rows: [], changes: statement.run(...params).changes } satisfies SqliteWriteResult;
      if (method === 'get') return { rows: statement.get(...params) as unknown[] };
      return { rows: statement.all(...params) };
    }),
  );
  const typed: Db = db;
  // The same database under drizzle's synchronous driver, for `prepared` only. Its builders have
  // the asynchronous ones' shape; only what `prepare()` returns runs synchronously.
  const direct = drizzleSync(sqlite) as unknown as Db;
  return {
    tables: sqliteTables,
    db: typed,
    rows: (text, params = []) =>
      gate.run(() => {
        const statement = objects.get(text);
        if (!statement.reader) {
          statement.run(...params);
          return [];
        }
        return statement.all(...params) as Row[];
      }),
    values: (text, params = []) =>
      gate.run(() => {
        const statement = arrays.get(text);
        return statement.reader ? (statement.all(...params) as unknown[][]) : [];
      }),
    run: (text, params = []) =>
      gate.run(() => {
        const statement = objects.get(text);
        return statement.reader ? statement.all(...params).length : statement.run(...params).changes;
      }),
    prepared<T>(build: (db: Db) => Preparable<T>) {
      // Built once on better-sqlite3's own (synchronous) drizzle driver and run through the gate:
      // the hot lookups and inserts pay neither query building nor the proxy's round trip.
      const query = build(direct).prepare() as unknown as { all(values: Record<string, unknown>): T };
      return (values: Record<string, unknown> = {}) => gate.run(() => query.all(values));
    },
    changed: (result) => (result as SqliteWriteResult).changes,
    transaction: (fn) => gate.transaction(fn),
    forUpdate: () => '',
  };
}
