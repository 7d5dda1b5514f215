/** The SQLite tables (see `schema/define.ts`, where the schema is written once for both dialects). */
export * from './schema/sqlite.ts';
