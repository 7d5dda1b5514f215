import { defineConfig } from 'vitest/config';

/** Behaviour tests that read or write the SQLite database directly (a file, raw SQL): SQLite only. */
const SQLITE_ONLY = [
  'test/core/bad-input.test.ts',
  'test/core/boundary.test.ts',
  'test/core/insights/export.test.ts',
  'test/core/insights/forget-confirmation-single-use.test.ts',
  'test/core/insights/forget-me.test.ts',
  'test/core/properties.test.ts',
  'test/core/same-entry-twice.test.ts',
  'test/core/sweep/exactly-once.test.ts',
  'test/core/sweep/multi-process.test.ts',
  'test/core/tenants.test.ts',
  'test/core/undo-an-entry.test.ts',
  'test/core/unexpected-errors.test.ts',
  'test/core/commands/**',
];

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      {
        // The core's behaviour tests again, on PostgreSQL (the server in CI, PGlite elsewhere).
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/core/**/*.test.ts', 'test/story/**/*.test.ts'],
          exclude: SQLITE_ONLY,
          setupFiles: ['test/helpers/postgres-world.setup.ts'],
        },
      },
    ],
  },
});
