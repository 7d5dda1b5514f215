/** The SQLite store over a database opened with `openDatabase` (see `sqlite/store.ts`). */
export { createSqliteStore } from './sqlite/store.ts';
