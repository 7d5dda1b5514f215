/**
 * Start-up to ready: a real Rebound process (the production bundle, Slack over HTTP configured:
 * it starts without any Web API call) on a fresh file database, timed from spawn to its `ready`
 * log line. Median of five starts, and one on an existing database.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, report } from './lib/report.ts';

const ROOT = new URL('..', import.meta.url).pathname;

function startOnce(db: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        REBOUND_DB: db,
        SLACK_BOT_TOKEN: 'xoxb-bench',
        SLACK_SIGNING_SECRET: 'bench-secret',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
        PORT: '0',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('not ready within 20 s'));
    }, 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/"msg":"ready"/.test(out)) {
        const ms = performance.now() - started;
        clearTimeout(timer);
        child.once('exit', () => resolve(ms));
        child.kill('SIGTERM');
      }
    });
    child.once('exit', (code) => {
      if (!/"msg":"ready"/.test(out)) {
        clearTimeout(timer);
        reject(new Error(`exited with ${code} before ready`));
      }
    });
  });
}

// What production runs: the bundle `npm run build` makes (and `npm start` runs).
execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
const dir = mkdtempSync(join(tmpdir(), 'rebound-startup-'));
try {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) samples.push(await startOnce(join(dir, `rebound-${i}.db`)));
  // And once more on an existing database (migrations already applied).
  const warm = await startOnce(join(dir, 'rebound-0.db'));
  report({
    name: 'start-up',
    rows: [
      {
        metric: 'spawn to ready, fresh database (median of 5)',
        value: Math.round(median(samples)),
        unit: 'ms',
        target: '< 1000 ms',
      },
      { metric: 'spawn to ready, existing database', value: Math.round(warm), unit: 'ms', target: '< 1000 ms' },
    ],
    notes:
      'node dist/main.js (the bundle npm run build makes; npm start and the container run it) with Slack over HTTP configured (no Web API call at start), the heartbeat and the health endpoint; timed until the "ready" log line.',
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
