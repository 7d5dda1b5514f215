/**
 * Delivery through the platform's bad days, the way a group meets it: the production bundle
 * (`node dist/main.js`, Slack over HTTP) sends due nudges to a fake Web API that misbehaves — 429
 * bursts, HTTP 500s, connections refused, connections reset after the request, a call that never
 * answers, a failing file upload — and is killed with SIGKILL in the middle of hundreds of sends.
 * Every key is sent at most once, and every send the platform refused is delivered once it recovers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_LIMITS } from '../src/core/sweep/delivery-queue.ts';
import { FakeSlackWebApi, type Outage } from './fakes/slack-web-api.ts';
import { RecordingChat } from './fakes/recording-chat.ts';
import { createWorld, isNudge } from './helpers/world.ts';
import { freePort } from './helpers/entry-point.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** `what` may be a function, to say what was seen at the moment it timed out. */
async function until(
  what: string | (() => string),
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await sleep(100);
  }
}

const folders: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

interface Scene {
  readonly file: string;
  readonly api: FakeSlackWebApi;
  readonly users: readonly string[];
}

/**
 * A group of `members` members, each with one step due a minute ago, on a database file; quiet
 * hours off and check-ins on a day other than today, so nudges are the only DMs.
 */
async function scene(members: number, options: { digestDue?: boolean } = {}): Promise<Scene> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-faults-'));
  folders.push(dir);
  const file = join(dir, 'rebound.db');
  const today = (new Date().getUTCDay() + 6) % 7;
  // For the digest: the group checks in today from midnight, and began weeks ago.
  const start = options.digestDue ? new Date(Date.now() - 21 * 24 * 60 * 60_000) : new Date();
  const world = createWorld({ file, start, chat: new RecordingChat() });
  const days = options.digestDue ? WEEKDAYS[today] : WEEKDAYS[(today + 3) % 7];
  await world.run('U000', `/rebound setup ${options.digestDue ? '00:00' : '09:00'} UTC ${days}`);
  const users = Array.from({ length: members }, (_, i) => `U${String(i + 1).padStart(3, '0')}`);
  const workspace = { platform: 'slack' as const, workspaceId: 'T1' };
  const group = await world.store.groups.findByChannel(workspace, 'C1');
  const steps = [];
  for (const user of users) {
    await world.run(user, '/rebound join');
    await world.run(user, '/rebound quiet off');
    await world.run(user, '/rebound reminders off');
    const member = await world.store.members.find(group?.id ?? 0, user);
    steps.push({
      workspace,
      memberId: member?.id ?? 0,
      applicationId: null,
      ruleId: 'network',
      dueAt: new Date(Date.now() - 60_000),
      occurrence: 1,
    });
  }
  await world.store.followUps.createMany(steps, world.clock.now());
  world.close();
  return { file, api: await new FakeSlackWebApi().start(), users };
}

interface Running {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  readonly log: () => string;
}

async function startRebound(s: Scene, env: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      TZ: 'UTC',
      REBOUND_DB: s.file,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: s.api.apiUrl,
      PORT: String(port),
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, exited, log: () => log };
}

/** Nudge DMs the fake accepted, per user. */
function accepted(s: Scene): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of s.api.callsTo('chat.postMessage')) {
    if (call.status !== 200 || call.response.ok !== true || !isNudge(String(call.params.text ?? ''))) continue;
    const to = String(call.params.channel);
    counts.set(to, (counts.get(to) ?? 0) + 1);
  }
  return counts;
}

function ledger(s: Scene): Record<string, number> {
  const db = new Database(s.file, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare("SELECT status, count(*) AS n FROM deliveries WHERE kind = 'nudge' GROUP BY status")
      .all() as {
      status: string;
      n: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } finally {
    db.close();
  }
}

const everyOneOnce = (s: Scene) => () => {
  const counts = accepted(s);
  return s.users.every((u) => counts.get(u) === 1);
};

async function stop(r: Running): Promise<number | null> {
  r.child.kill('SIGTERM');
  return r.exited;
}

/** A fault that refuses the sends for a while: after it, every member has exactly one nudge. */
async function refusedThenDelivered(outage: Outage, members = 6): Promise<Scene> {
  const s = await scene(members);
  await s.api.outage(outage);
  const r = await startRebound(s);
  await until(() => `every member's one nudge after ${outage.mode} (${r.log().slice(-2000)})`, everyOneOnce(s), 60_000);
  // Nothing more arrives later: no key is sent twice.
  await sleep(1500);
  expect([...accepted(s).values()].every((n) => n === 1)).toBe(true);
  expect(ledger(s)).toEqual({ sent: members });
  expect(await stop(r)).toBe(0);
  return s;
}

// Each case runs its own fake and process, all at once; a case waits for retries in real time.
describe.concurrent('delivery through a faulty Slack Web API, from the production bundle', { timeout: 180_000 }, () => {
  it('waits out 429 bursts and sends each nudge once', async () => {
    const s = await refusedThenDelivered({
      mode: '429',
      method: 'chat.postMessage',
      forMs: 4000,
      retryAfterSeconds: 1,
    });
    expect(s.api.callsTo('chat.postMessage').some((c) => c.status === 429)).toBe(true);
  });

  it('retries nudges refused with HTTP 500 in later sweeps, and delivers each once when Slack recovers', async () => {
    const s = await refusedThenDelivered({ mode: '500', method: 'chat.postMessage', forMs: 4000 });
    expect(s.api.callsTo('chat.postMessage').some((c) => c.status === 500)).toBe(true);
  });

  it('retries nudges whose connection was refused, and delivers each once when Slack listens again', async () => {
    await refusedThenDelivered({ mode: 'refuse', forMs: 4000 });
  });

  it('abandons a nudge whose connection was reset after the request left, and never sends it again', async () => {
    const s = await scene(4);
    await s.api.outage({ mode: 'reset-after-request', method: 'chat.postMessage', forMs: 3000 });
    const r = await startRebound(s);
    await until('the resets', () => s.api.callsTo('chat.postMessage').some((c) => c.status === null), 30_000);
    await until('every nudge settled', () => (ledger(s).abandoned ?? 0) + (ledger(s).sent ?? 0) === 4, 30_000);
    await sleep(7000);
    const counts = accepted(s);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const reset = new Set(
      s.api
        .callsTo('chat.postMessage')
        .filter((c) => c.status === null)
        .map((c) => String(c.params.channel)),
    );
    for (const user of reset) expect(counts.get(user) ?? 0).toBe(0);
    expect(ledger(s).abandoned).toBe(reset.size);
    expect(r.log()).toContain('"outcome":"unknown"');
    expect(await stop(r)).toBe(0);
  });

  it('gives up on a call that never answers, keeps sending the rest, and stops on SIGTERM', async () => {
    const s = await scene(3);
    const hung = s.users[0] ?? '';
    s.api.failNext('chat.postMessage', { fault: 'hang', channel: hung });
    const r = await startRebound(s);
    const others = s.users.slice(1);
    await until('the others’ nudges', () => others.every((u) => accepted(s).get(u) === 1), 30_000);
    // The hung call ends at the client's timeout as an unknown outcome: abandoned, never resent.
    await until('the hung nudge abandoned', () => ledger(s).abandoned === 1, 30_000);
    expect(accepted(s).get(hung) ?? 0).toBe(0);
    const stopped = Date.now();
    expect(await stop(r)).toBe(0);
    expect(Date.now() - stopped).toBeLessThan(15_000);
  });

  it('retries only the chart when its upload fails: the digest post goes out once', async () => {
    const s = await scene(1, { digestDue: true });
    await s.api.outage({ mode: '500', method: 'upload', forMs: 3000 });
    const r = await startRebound(s);
    const digests = () =>
      s.api
        .callsTo('chat.postMessage')
        .filter((c) => c.status === 200 && String(c.params.text ?? '').includes('your week together'));
    const completed = () => s.api.callsTo('files.completeUploadExternal').filter((c) => c.status === 200);
    await until(`the chart shared after the outage (${r.log().slice(-2000)})`, () => completed().length === 1, 60_000);
    await sleep(1500);
    expect(digests()).toHaveLength(1);
    expect(completed()).toHaveLength(1);
    expect(s.api.callsTo('upload').some((c) => c.status === 500)).toBe(true);
    expect(await stop(r)).toBe(0);
  });

  it('sends nothing twice when killed with SIGKILL while hundreds of sends are in flight, and the restart sends the rest', async () => {
    const s = await scene(500);
    s.api.latency(1500);
    const env = { SLACK_MESSAGES_PER_MINUTE: '100000' };
    const first = await startRebound(s, env);
    await until('sends under way', () => s.api.callsTo('chat.postMessage').length >= 60, 60_000);
    first.child.kill('SIGKILL');
    await first.exited;
    // The dead process's claims age past their lease, as if it had been gone a while.
    const db = new Database(s.file);
    db.prepare("UPDATE deliveries SET claimed_at = claimed_at - 3600000 WHERE status = 'claimed'").run();
    db.close();
    s.api.latency(0);
    const second = await startRebound(s, env);
    await until(
      `every nudge settled after the restart (${second.log().slice(-1500)})`,
      () => (ledger(s).sent ?? 0) + (ledger(s).abandoned ?? 0) === 500,
      120_000,
    );
    await sleep(1500);
    const counts = accepted(s);
    // No member got a nudge twice, across the two processes.
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const { sent = 0, abandoned = 0 } = ledger(s);
    expect(sent + abandoned).toBe(500);
    // Only what was in flight at the kill is abandoned (the queue runs at most a lane's worth at
    // once); everything else reached its member once. An abandoned one may have arrived: its answer
    // died with the process, so it is never sent again.
    expect(abandoned).toBeGreaterThan(0);
    expect(abandoned).toBeLessThanOrEqual(DEFAULT_QUEUE_LIMITS.perLane);
    expect(counts.size).toBeGreaterThanOrEqual(sent);
    expect(counts.size).toBeLessThanOrEqual(500);
    expect(second.log()).toContain('"outcome":"abandoned"');
    expect(await stop(second)).toBe(0);
  });
});
