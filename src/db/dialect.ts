/**
 * What the shared repositories need from a database, and nothing more. Each dialect
 * (`sqlite/dialect.ts`, `postgres/dialect.ts`) supplies one; everything else is written once.
 *
 * The drizzle database is typed as an asynchronous SQLite database over the SQLite tables in both
 * dialects (see `schema/postgres-columns.ts`), so a repository may use only what both drizzle
 * dialects do: `await` a builder, `.limit(1)` (never `.get()`, `.all()` or `.run()`),
 * `.returning()`, `onConflictDoNothing` / `onConflictDoUpdate` with a target, and `sql` templates
 * valid in both (no `= 0` for a boolean: `not x`). The contract suite runs on both to hold that up.
 */
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { Tables } from './schema/define.ts';

/**
 * What awaiting a drizzle write without `.returning()` gives: a different object per driver, read
 * only by `Dialect.changed`.
 */
export type WriteResult = unknown;

/** The drizzle database the repositories build queries on. */
export type Db = BaseSQLiteDatabase<'async', WriteResult>;

/** A parameter of a raw statement. Never a boolean or a `Date`: SQLite binds neither. */
export type Param = string | number | null;

/** A row of a raw statement, by column name. Values are as the driver gives them: see `rows.ts`. */
export type Row = Record<string, unknown>;

/**
 * A query built with `sql.placeholder(name)` for its values: a select, or a write with
 * `.returning()`. (Typed as drizzle's SQLite builders are; PostgreSQL's are run by `execute`.)
 */
export interface Preparable<T> {
  prepare(): { all(values?: Record<string, unknown>): Promise<T> };
}

export interface Dialect {
  readonly tables: Tables;
  /**
   * The drizzle database. Read it for every query (never keep it): inside a transaction's async
   * context it is that transaction.
   */
  readonly db: Db;
  /**
   * Runs a raw statement written with `?` placeholders and valid in both dialects (PostgreSQL's
   * dialect numbers them), inside the current transaction if there is one; returns its rows.
   */
  rows(text: string, params?: readonly Param[]): Promise<Row[]>;
  /** The same, each row as its values in select-list order (select-list names must be distinct). */
  values(text: string, params?: readonly Param[]): Promise<unknown[][]>;
  /**
   * A query built once and run many times with its placeholders' values: what every command runs
   * (its group and member lookups, its inserts). SQLite builds and prepares it once (building a
   * query costs ~100 µs, more than SQLite takes to run it); PostgreSQL builds it per run, on the
   * current transaction. A placeholder in a condition gets its value as the driver takes it (a
   * time as epoch ms); in `.values()` or `.set()` the column converts it as usual.
   */
  prepared<T>(build: (db: Db) => Preparable<T>): (values?: Record<string, unknown>) => Promise<T>;
  /** Runs a raw statement; returns how many rows it changed (or returned, with RETURNING). */
  run(text: string, params?: readonly Param[]): Promise<number>;
  /** How many rows a drizzle write changed, from what awaiting it gave. */
  changed(result: WriteResult): number;
  /**
   * Runs `fn` in a transaction, or in a savepoint when one is open in this async context; rolled
   * back if `fn` rejects. A repository method that writes more than one statement runs in one.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Appended to a raw SELECT that a transaction reads in order to change what it read: on
   * PostgreSQL (`FOR UPDATE OF table`) the rows returned stay locked until the transaction ends,
   * and with `skipLocked` rows another transaction holds are left out rather than waited for, so
   * replicas claiming due work split it. SQLite's single writer needs nothing: ''.
   */
  forUpdate(table: string, options?: { readonly skipLocked?: boolean }): string;
}
