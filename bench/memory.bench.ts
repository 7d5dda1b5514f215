/**
 * Resident memory of a real Rebound process with 100,000 members in 1,000 groups loaded in its
 * database: started with Slack over HTTP against a local fake Web API, measured after it is ready
 * and again after its first sweep has nudged 2,000 members (peak RSS from /proc).
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/sqlite/open.ts';
import { report } from './lib/report.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const GROUPS = 1_000;
const MEMBERS = 100_000;
const DUE = 2_000;

function populate(file: string): void {
  const database = openDatabase(file);
  const { sqlite } = database;
  const now = Date.now();
  sqlite.transaction(() => {
    sqlite.prepare("INSERT INTO workspaces (platform, workspace_id, created_at) VALUES ('slack', 'T1', ?)").run(now);
    const g = sqlite.prepare(
      "INSERT INTO groups (platform, workspace_id, channel_id, name, timezone, check_in_minute, check_in_days, reminder_minute, created_at) VALUES ('slack', 'T1', ?, ?, 'UTC', 540, '', 960, ?)",
    );
    for (let i = 0; i < GROUPS; i++) g.run(`C${i}`, `group ${i}`, now);
    const m = sqlite.prepare(
      "INSERT INTO members (platform, workspace_id, group_id, user_id, display_name, quiet_start_minute, quiet_end_minute, joined_at) VALUES ('slack', 'T1', ?, ?, ?, 0, 0, ?)",
    );
    for (let i = 0; i < MEMBERS; i++) m.run((i % GROUPS) + 1, `U${i}`, `member ${i}`, now);
    const f = sqlite.prepare(
      "INSERT INTO follow_ups (platform, workspace_id, member_id, application_id, rule_id, due_at, status, occurrence, created_at, updated_at) VALUES ('slack', 'T1', ?, NULL, 'network', ?, 'pending', 1, ?, ?)",
    );
    for (let i = 0; i < MEMBERS; i++) f.run(i + 1, i < DUE ? now - 60_000 : now + 30 * 86_400_000, now, now);
  })();
  database.close();
}

function fakeSlack(): Promise<{ port: number; posts: () => number; close(): void }> {
  let posts = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const method = req.url?.replace(/^\/api\//, '') ?? '';
      if (method.startsWith('chat.postMessage')) posts++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          ok: true,
          channel: method.startsWith('conversations.open') ? { id: `D${posts}` } : 'D1',
          ts: `1700000000.${posts}`,
        }),
      );
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ port: (server.address() as AddressInfo).port, posts: () => posts, close: () => server.close() }),
    ),
  );
}

function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
const dir = mkdtempSync(join(tmpdir(), 'rebound-memory-'));
const slack = await fakeSlack();
try {
  const file = join(dir, 'rebound.db');
  populate(file);
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      REBOUND_DB: file,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: 'bench-secret',
      SLACK_API_URL: `http://127.0.0.1:${slack.port}/api/`,
      PORT: '0',
      LOG_LEVEL: 'warn',
      // The fake has no limits, and this measures memory, not pacing: Slack's default budget of
      // 300 a minute would stretch 2,000 nudges over almost seven minutes.
      SLACK_MESSAGES_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 120_000;
  let ready: { rss: number; peak: number } | null = null;
  while (slack.posts() < DUE && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    if (!ready && slack.posts() > 0) ready = memoryOf(child.pid ?? 0);
  }
  await new Promise((r) => setTimeout(r, 500));
  const after = memoryOf(child.pid ?? 0);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  if (slack.posts() < DUE) throw new Error(`only ${slack.posts()} of ${DUE} nudges were sent in time`);
  report({
    name: 'memory',
    rows: [
      {
        metric: 'resident memory at the first nudge',
        value: Math.round(ready?.rss ?? 0),
        unit: 'MB',
        target: '< 150 MB',
      },
      {
        metric: `resident memory after nudging ${DUE.toLocaleString('en')} members`,
        value: Math.round(after.rss),
        unit: 'MB',
        target: '< 150 MB',
      },
      { metric: 'peak resident memory', value: Math.round(after.peak), unit: 'MB', target: '< 150 MB' },
    ],
    notes: `${MEMBERS.toLocaleString('en')} members in ${GROUPS.toLocaleString('en')} groups and ${MEMBERS.toLocaleString('en')} follow-ups in the database, ${DUE.toLocaleString('en')} of them due; a real process (the production bundle, Slack over HTTP against a local fake Web API), RSS and peak (VmHWM) from /proc.`,
  });
} finally {
  slack.close();
  rmSync(dir, { recursive: true, force: true });
}
