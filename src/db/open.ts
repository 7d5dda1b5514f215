/**
 * Opening the SQLite database directly (tools, benchmarks, tests that read tables). The program
 * opens its store with `openStore` (`open-store.ts`), which picks SQLite or PostgreSQL.
 */
export { MIGRATIONS_FOLDER, openDatabase, type Db, type OpenedDatabase } from './sqlite/open.ts';
