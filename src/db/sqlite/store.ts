/** The store on SQLite: one connection, one gate, one dialect, shared by every store made on it. */
import type Database from 'better-sqlite3';
import type { Store } from '../../core/ports/index.ts';
import type { Dialect } from '../dialect.ts';
import { createStore } from '../store.ts';
import { createSqliteDialect } from './dialect.ts';
import { SqliteGate } from './gate.ts';
import type { OpenedDatabase } from './open.ts';

const dialects = new WeakMap<Database.Database, Dialect>();

/**
 * The SQLite dialect of an opened database. There is one per connection, so however many stores
 * are made on it, their transactions go through one gate and never interleave.
 */
export function sqliteDialectOf(database: Pick<OpenedDatabase, 'sqlite'>): Dialect {
  let dialect = dialects.get(database.sqlite);
  if (!dialect) {
    dialect = createSqliteDialect(database.sqlite, new SqliteGate(database.sqlite));
    dialects.set(database.sqlite, dialect);
  }
  return dialect;
}

/** The core's `Store`, on SQLite: transactions are BEGIN IMMEDIATE, serialised by the connection's gate. */
export function createSqliteStore(database: Pick<OpenedDatabase, 'sqlite'>): Store {
  return createStore(sqliteDialectOf(database));
}
