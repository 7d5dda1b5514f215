import { defineConfig } from 'drizzle-kit';

/** PostgreSQL migrations (`npm run db:generate` runs this config and the SQLite one). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/postgres.ts',
  out: './drizzle/postgres',
});
