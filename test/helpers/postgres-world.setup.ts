/**
 * Set up for the test project that runs the core's behaviour tests on PostgreSQL (see
 * vitest.config.ts): every world a test builds without naming a database is on the test file's
 * PostgreSQL store — the real server when REBOUND_TEST_DATABASE_URL is set, else PGlite — emptied
 * before each test.
 */
import { afterAll, afterEach, beforeEach } from 'vitest';
import { closeTestStores, openTestStore, type TestStore } from './stores.ts';
import { usePostgresForWorlds } from './world.ts';

let current: TestStore | null = null;

beforeEach(async () => {
  current = await openTestStore('postgres');
  usePostgresForWorlds(current.store);
});

afterEach(async () => {
  usePostgresForWorlds(null);
  await current?.close();
  current = null;
});

afterAll(closeTestStores);
