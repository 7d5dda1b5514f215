/**
 * A database that cannot be used stops start-up with one line naming the setting: a read-only
 * folder for REBOUND_DB, a malformed or unreachable DATABASE_URL, and the entry point printing
 * that line and exiting 1.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreOpenError } from '../../src/db/errors.ts';
import { openStore } from '../../src/db/open-store.ts';
import { TEST_DATABASE_URL } from '../helpers/stores.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const asRoot = process.getuid?.() === 0;

/**
 * A folder this process cannot write: a fresh one made read-only, or, for root (who writes through
 * any permission), the kernel's read-only /sys.
 */
function readOnlyFolder(dir: string): { path: string; restore(): void } {
  if (asRoot) {
    try {
      writeFileSync('/sys/rebound-probe', '');
    } catch {
      return { path: '/sys', restore: () => undefined };
    }
    throw new Error('root can write /sys here: no folder to test a read-only REBOUND_DB with');
  }
  const path = join(dir, 'ro');
  mkdirSync(path);
  chmodSync(path, 0o555);
  return { path, restore: () => chmodSync(path, 0o755) };
}

function run(args: readonly string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: '',
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), TZ: 'UTC', ...env },
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const refusal = async (settings: Parameters<typeof openStore>[0]) => {
  const error = await openStore(settings).then(
    async (opened) => {
      await opened.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreOpenError);
  return (error as StoreOpenError).message;
};

describe('opening a store that cannot be used', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rebound-refused-'));
    chmodSync(dir, 0o755);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names REBOUND_DB when its folder cannot be written', async () => {
    const readOnly = readOnlyFolder(dir);
    try {
      expect([
        await refusal({ dbPath: join(readOnly.path, 'rebound.db') }),
        await refusal({ dbPath: join(readOnly.path, 'sub', 'rebound.db') }),
      ]).toEqual([
        `REBOUND_DB: cannot write ${join(readOnly.path, 'rebound.db')} (unable to open database file): the file or its folder is read-only`,
        `REBOUND_DB: the folder of ${join(readOnly.path, 'sub', 'rebound.db')} is not writable`,
      ]);
    } finally {
      readOnly.restore();
    }
  });

  it('names DATABASE_URL when it is not a PostgreSQL URL, never printing it', async () => {
    expect(await refusal({ databaseUrl: 'mysql://root:hunter2@db/rebound', dbPath: ':memory:' })).toBe(
      'DATABASE_URL: must start with postgres:// (got mysql://…)',
    );
    expect(await refusal({ databaseUrl: 'not a url, hunter2', dbPath: ':memory:' })).toMatch(
      /^DATABASE_URL: is not a URL/,
    );
  });

  it('names DATABASE_URL when the server cannot be reached, without the password', async () => {
    const message = await refusal({
      databaseUrl: 'postgres://rebound:hunter2@127.0.0.1:1/rebound',
      dbPath: ':memory:',
    });
    expect(message).toBe(
      'DATABASE_URL: cannot connect to postgres://127.0.0.1:1/rebound: the server refused the connection (is PostgreSQL running there?)',
    );
  });

  it.skipIf(!TEST_DATABASE_URL)('names DATABASE_URL when the database does not exist on the server', async () => {
    const url = new URL(TEST_DATABASE_URL ?? '');
    url.pathname = '/rebound_missing_database';
    expect(await refusal({ databaseUrl: url.toString(), dbPath: ':memory:' })).toMatch(
      /^DATABASE_URL: cannot connect to .*rebound_missing_database: the database does not exist/,
    );
  });

  it('makes the entry point print just that line and exit 1', () => {
    const folder = run(['src/main.ts'], { REBOUND_DB: dir });
    expect(folder).toMatchObject({
      code: 1,
      out: '',
      err: `rebound: REBOUND_DB: ${dir} is a folder, not a database file\n`,
    });
    const unreachable = run(['src/main.ts'], { DATABASE_URL: 'postgres://rebound:hunter2@127.0.0.1:1/rebound' });
    expect(unreachable.code).toBe(1);
    expect(unreachable.err).toBe(
      'rebound: DATABASE_URL: cannot connect to postgres://127.0.0.1:1/rebound: the server refused the connection (is PostgreSQL running there?)\n',
    );
  });
});
