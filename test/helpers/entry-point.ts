/**
 * The production entry point as `npm start` runs it: bundled by `npm run build` into dist/, then
 * `node dist/main.js`. Asynchronous, unlike the console's `runEntry`, so fakes served by the test
 * process keep answering while Rebound runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

const ROOT = new URL('../..', import.meta.url).pathname;

/** `npm run build`; `test/global-setup.ts` runs it once before the tests. */
export function buildEntryPoint(): void {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (build.status !== 0) throw new Error(`the build failed: ${build.stderr}`);
}

export interface EntryPointRun {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** Runs `node dist/main.js` with only `env` (and PATH, HOME) set, until it exits or `timeoutMs` passes. */
export function runBuiltEntryPoint(env: Record<string, string>, timeoutMs = 20_000): Promise<EntryPointRun> {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    }),
  );
}

/** A port free on loopback right now, for a process the test starts to listen on. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
