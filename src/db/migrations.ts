import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A dialect's committed migrations (`drizzle/sqlite/`, `drizzle/postgres/`), resolved from this
 * module so the working directory does not matter: two levels up from `src/db/`, or one up from
 * the bundle in `dist/` (the Docker image copies `drizzle/` beside it).
 */
export function migrationsFolder(dialect: 'sqlite' | 'postgres'): string {
  const candidates = [`../../drizzle/${dialect}`, `../drizzle/${dialect}`].map((relative) =>
    fileURLToPath(new URL(relative, import.meta.url)),
  );
  return candidates.find((folder) => existsSync(join(folder, 'meta', '_journal.json'))) ?? (candidates[0] as string);
}
