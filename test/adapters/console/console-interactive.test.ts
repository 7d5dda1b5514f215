import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsole } from '../../../adapters/console/run-console.ts';
import { openDatabase } from '../../../src/db/sqlite/open.ts';
import { createSqliteStore } from '../../../src/db/sqlite/store.ts';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

async function session(lines: string, isTTY: boolean): Promise<string[]> {
  const database = openDatabase(':memory:');
  const input = Object.assign(new PassThrough(), { isTTY });
  const printed: string[] = [];
  input.end(lines);
  try {
    await runConsole({
      store: createSqliteStore(database),
      logger: quiet,
      input,
      write: (text) => printed.push(...text.split('\n')),
      filesDir: '/nonexistent',
      localZone: 'UTC',
    });
  } finally {
    database.close();
  }
  return printed;
}

describe('starting the console', () => {
  it('prints a one-line :help hint when someone types at a terminal', async () => {
    const printed = await session('', true);
    const hints = printed.filter((line) => line.includes(':help'));
    expect(hints).toEqual([expect.stringMatching(/^\[only @alice\] .*:help/)]);
  });

  it('prints no hint for piped input', async () => {
    const printed = await session('', false);
    expect(printed.some((line) => line.includes(':help'))).toBe(false);
  });
});
