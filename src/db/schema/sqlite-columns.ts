/**
 * The column helpers `defineSchema` builds the SQLite tables with. Times are epoch milliseconds in
 * an integer (`timestamp_ms`), booleans integers 0/1, ids autoincrement integers: exactly the
 * columns the SQLite migrations were generated from, so an existing database upgrades cleanly.
 */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const sqliteColumns = {
  table: sqliteTable,
  /** The row id: an autoincrement integer primary key. */
  id: <N extends string>(name: N) => integer(name).primaryKey({ autoIncrement: true }),
  /** Text, optionally typed by an enum of its values (no database-side check). */
  text,
  int: <N extends string>(name: N) => integer(name),
  /** An instant, stored as epoch milliseconds and read back as a `Date`. */
  time: <N extends string>(name: N) => integer(name, { mode: 'timestamp_ms' }),
  bool: <N extends string>(name: N) => integer(name, { mode: 'boolean' }),
  index,
  uniqueIndex,
  primaryKey,
};

/** What `defineSchema` builds tables from; the PostgreSQL helpers are typed as these. */
export type Columns = typeof sqliteColumns;
