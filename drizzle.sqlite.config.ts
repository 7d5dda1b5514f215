import { defineConfig } from 'drizzle-kit';

/** SQLite migrations (`npm run db:generate` runs this config and the PostgreSQL one). */
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema/sqlite.ts',
  out: './drizzle/sqlite',
});
