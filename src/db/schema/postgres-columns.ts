/**
 * The column helpers `defineSchema` builds the PostgreSQL tables with, meaning the same as the
 * SQLite ones: times are epoch milliseconds in a `bigint` (read back as a `Date`), booleans
 * `boolean`, ids `integer` identity columns, text enums plain `text`.
 */
import { customType, boolean, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Columns } from './sqlite-columns.ts';

/** Epoch milliseconds in a `bigint`; node-postgres hands a bigint back as a string, PGlite as a number. */
const epochMs = customType<{ data: Date; driverData: string | number }>({
  dataType: () => 'bigint',
  toDriver: (value) => value.getTime(),
  fromDriver: (value) => new Date(Number(value)),
});

const postgres = {
  table: pgTable,
  id: (name: string) => integer(name).primaryKey().generatedByDefaultAsIdentity(),
  text,
  int: (name: string) => integer(name),
  time: (name: string) => epochMs(name),
  bool: (name: string) => boolean(name),
  index,
  uniqueIndex,
  primaryKey,
};

/**
 * The one cast between the dialects: the PostgreSQL tables are typed as the SQLite tables, so the
 * repositories are written once against one set of table types. drizzle builds each query from
 * the tables it is given at run time (PostgreSQL SQL from these), and the repository contract
 * suite runs on both dialects to keep the claim honest: a repository may use only what both
 * drizzle dialects do (`await` a builder, `.limit(1)`, `.returning()`, `onConflictDo…`).
 */
export const postgresColumns = postgres as unknown as Columns;
