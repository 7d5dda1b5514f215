import { spawnSync } from 'node:child_process';

const ROOT = new URL('../../..', import.meta.url).pathname;

/**
 * Runs the real entry point (`npm start` runs it bundled) with piped input on a throw-away
 * database in UTC, unless `env` says otherwise.
 */
export function runEntry(input: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', REBOUND_DB: ':memory:', TZ: 'UTC', ...env },
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}
