/**
 * Slack /applied throughput with one, two and three Rebound replicas on one PostgreSQL database:
 * the production bundle (`node dist/main.js`, built first) in Slack HTTP mode, each replica its
 * own process on its own port, all on a database of the benchmark's own (`BENCH_DATABASE_URL`),
 * all calling one fake Web API in a process of its own. One replica is started, a group set up and
 * its members joined; then signed form-encoded /applied requests come from a separate load
 * process, spread round-robin over the replicas' ports (as a load balancer would), and what is
 * timed is until every request is fully handled: acknowledged, its group post received by the
 * fake, and its private answer given (in the acknowledgement, or through the response_url when
 * the work outlasted the budget for that). A second replica is started and the same measured
 * again, then a third.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SlackRequestSender } from '../test/fakes/slack-requests.ts';
import { createBenchDatabase, skippedRow, type BenchDatabase } from './lib/postgres.ts';
import { againstBaseline, report, type BenchRow } from './lib/report.ts';
import { countCalls, firstLine, load, tsxChild } from './lib/children.ts';
import type { LoadPlan, LoadResult } from './slack-load.ts';
import { BENCH_CHANNELS, BENCH_MESSAGES_PER_MINUTE, benchChannels } from './lib/channels.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'bench-signing-secret';
const TOTAL = Number(process.env.BENCH_SLACK_REQUESTS ?? 2000);
const WARMUP = 300;
const CONCURRENCY = 20;
const USERS = 20;
const REPLICAS = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the fake has received `target` calls of `method`; returns when (epoch ms), or throws after `timeoutMs`. */
async function drained(fake: ChildProcess, method: string, target: number, timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const count = await countCalls(fake, method);
    if (count >= target) return performance.timeOrigin + performance.now();
    if (Date.now() > deadline)
      throw new Error(`the fake had ${count} of ${target} ${method} calls after ${timeoutMs} ms`);
    await sleep(20);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

interface Replica {
  readonly port: number;
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  readonly log: () => string;
}

async function startReplica(databaseUrl: string, apiUrl: string): Promise<Replica> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TZ: 'UTC',
      DATABASE_URL: databaseUrl,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: apiUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SLACK_MESSAGES_PER_MINUTE: String(BENCH_MESSAGES_PER_MINUTE),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  let gone = false;
  const exited = new Promise<void>((resolve) =>
    child.on('close', () => {
      gone = true;
      resolve();
    }),
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (gone) throw new Error(`the replica on port ${port} exited while starting: ${log.trim()}`);
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the replica on port ${port} did not start in 30 s: ${log.trim()}`);
    }
    await sleep(50);
  }
  return { port, child, exited, log: () => log };
}

interface RunResult {
  readonly replicas: number;
  /** Requests per second until every request was acknowledged, posted to the group and answered. */
  readonly handledPerSecond: number;
  /** Requests per second acknowledged (HTTP 200) by the replicas. */
  readonly ackedPerSecond: number;
  /** Requests answered 200, warm-up included. */
  readonly ok: number;
  readonly failed: number;
}

async function measure(database: BenchDatabase): Promise<{ runs: RunResult[]; buildMs: number }> {
  const t0 = performance.now();
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (build.status !== 0) throw new Error(`the build failed: ${build.stderr}`);
  const buildMs = performance.now() - t0;

  const fake = tsxChild('slack-fake-api.ts', [], true);
  const replicas: Replica[] = [];
  try {
    const { baseUrl } = JSON.parse(await firstLine(fake)) as { baseUrl: string };
    replicas.push(await startReplica(database.url, `${baseUrl}/api/`));

    // A group and its members, through the first replica as Slack would send them. An answer that
    // does not come in the acknowledgement comes through the response_url: count those to wait for.
    let commands = 0;
    let lateAnswers = 0;
    const first = new SlackRequestSender(`http://127.0.0.1:${(replicas[0] as Replica).port}/slack/events`, SECRET);
    const command = async (userId: string, name: string, text: string, channelId = 'C1') => {
      const res = await first.command({
        command: name,
        text,
        teamId: 'T1',
        channelId,
        channelName: `job-hunt-${channelId}`,
        userId,
        userName: userId.toLowerCase(),
        responseUrl: `${baseUrl}/response/setup-${++commands}`,
        triggerId: `setup.${commands}`,
      });
      if (res.status !== 200) throw new Error(`${name} ${text} answered ${res.status}: ${res.text}`);
      if (res.text === '') lateAnswers += 1;
    };
    for (const channelId of benchChannels()) await command('UB0', '/rebound', 'setup', channelId);
    await drained(fake, 'response_url', lateAnswers);
    for (let u = 0; u < USERS; u++) await command(`UB${u}`, '/rebound', 'join');
    await drained(fake, 'response_url', lateAnswers);
    let posts = await countCalls(fake, 'chat.postMessage');
    /** When every request of the run was fully handled (epoch ms). */
    const handled = async (run: LoadResult): Promise<number> => {
      posts += run.ok;
      lateAnswers += run.ok - run.answered;
      const posted = await drained(fake, 'chat.postMessage', posts);
      const answered = await drained(fake, 'response_url', lateAnswers);
      return Math.max(run.startedAtMs + run.elapsedMs, posted, answered);
    };

    const runs: RunResult[] = [];
    /** Who is a member where: the one who set the groups up is in each, everyone joined the first, /applied enrols in the others. */
    const members = new Set([
      ...Array.from({ length: BENCH_CHANNELS }, (_, c) => `0:${c}`),
      ...Array.from({ length: USERS }, (_, u) => `${u}:0`),
    ]);
    for (let n = 1; n <= REPLICAS; n++) {
      if (n > 1) replicas.push(await startReplica(database.url, `${baseUrl}/api/`));
      const urls = replicas.map((r) => `http://127.0.0.1:${r.port}/slack/events`);
      const plan = (offset: number, total: number): LoadPlan => ({
        mode: 'closed',
        url: urls[0] as string,
        urls,
        secret: SECRET,
        responseUrl: `${baseUrl}/response`,
        total,
        concurrency: CONCURRENCY,
        users: USERS,
        channels: BENCH_CHANNELS,
        offset,
      });
      for (const [from, total] of [
        [n * 1_000_000, WARMUP],
        [n * 1_000_000 + 100_000, TOTAL],
      ] as const)
        for (let i = from; i < from + total; i++) members.add(`${i % USERS}:${i % BENCH_CHANNELS}`);
      // Warm every replica up (JIT, pool connections, users.info cache), then measure.
      const warm = await load(plan(n * 1_000_000, WARMUP));
      await handled(warm);
      const run = await load(plan(n * 1_000_000 + 100_000, TOTAL));
      const doneAt = await handled(run);
      const failed = warm.failed + run.failed;
      if (failed > 0) process.stderr.write(`slack-replicas: ${failed} failed requests with ${n} replica(s)\n`);
      runs.push({
        replicas: n,
        handledPerSecond: Math.round((run.ok / (doneAt - run.startedAtMs)) * 1000),
        ackedPerSecond: Math.round((run.ok / run.elapsedMs) * 1000),
        ok: warm.ok + run.ok,
        failed,
      });
      process.stderr.write(`slack-replicas: ${JSON.stringify(runs.at(-1))}\n`);
    }
    // Every request answered was also stored, once: the members joined, and one application each.
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    try {
      const count = async (table: string) =>
        Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
      const [stored, applications] = [await count('members'), await count('applications')];
      const sent = runs.reduce((n, r) => n + r.ok, 0);
      if (stored !== members.size || applications !== sent)
        throw new Error(
          `stored ${stored} members and ${applications} applications; expected ${members.size} and ${sent}`,
        );
    } finally {
      await sql.end();
    }
    return { runs, buildMs };
  } finally {
    // What the replicas logged (warnings and errors only), on success or failure.
    for (const [i, r] of replicas.entries()) {
      const log = r.log().trim();
      if (log) process.stderr.write(`slack-replicas: replica ${i + 1} logged:\n${log.slice(0, 4000)}\n`);
    }
    for (const r of replicas) r.child.kill('SIGTERM');
    await Promise.race([Promise.all(replicas.map((r) => r.exited)), sleep(10_000)]);
    for (const r of replicas) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
    if (fake.connected) fake.send({ stop: true });
  }
}

const cores = cpus().length;
const loadBefore = loadavg()[0] ?? 0;
const database = await createBenchDatabase();
let rows: BenchRow[];
let setting: string;
if ('skipped' in database) {
  rows = [skippedRow('/applied fully handled per second, 1, 2 and 3 replicas on PostgreSQL', database.skipped)];
  setting = 'not run';
} else {
  let result: Awaited<ReturnType<typeof measure>>;
  try {
    result = await measure(database);
  } finally {
    await database.drop();
  }
  const [one, two, three] = result.runs as [RunResult, RunResult, RunResult];
  const failed = result.runs.reduce((n, r) => n + r.failed, 0);
  rows = [
    {
      metric: '/applied fully handled per second, 1 replica',
      value: one.handledPerSecond,
      unit: 'req/s',
    },
    againstBaseline(
      { metric: '/applied fully handled per second, 2 replicas', value: two.handledPerSecond, unit: 'req/s' },
      one.handledPerSecond,
    ),
    againstBaseline(
      { metric: '/applied fully handled per second, 3 replicas', value: three.handledPerSecond, unit: 'req/s' },
      one.handledPerSecond,
    ),
    { metric: '/applied acknowledged per second, 1 replica', value: one.ackedPerSecond, unit: 'req/s' },
    againstBaseline(
      { metric: '/applied acknowledged per second, 2 replicas', value: two.ackedPerSecond, unit: 'req/s' },
      one.ackedPerSecond,
    ),
    againstBaseline(
      { metric: '/applied acknowledged per second, 3 replicas', value: three.ackedPerSecond, unit: 'req/s' },
      one.ackedPerSecond,
    ),
  ];
  setting =
    `${database.settings}; build ${Math.round(result.buildMs)} ms (not timed)` +
    (failed ? `; **${failed} requests failed**` : '; no request failed');
}

report({
  name: 'Slack /applied with 1, 2 and 3 replicas on PostgreSQL',
  rows,
  notes:
    `Each replica is \`node dist/main.js\` in Slack HTTP mode (LOG_LEVEL=warn, its own node-postgres pool of 10) on one fresh PostgreSQL database (${setting}). ` +
    `After \`/rebound setup\` in ${BENCH_CHANNELS.toLocaleString('en')} channels and ${USERS} joins through the first replica, ${TOTAL.toLocaleString('en')} signed form-encoded /applied requests, ${CONCURRENCY} in flight, spread over the channels (so Slack's per-channel pace, which each replica keeps, does not hold posts back; SLACK_MESSAGES_PER_MINUTE=${BENCH_MESSAGES_PER_MINUTE}), ` +
    `go from a separate load process round-robin over the running replicas' ports, after ${WARMUP} warm-up requests over the same replicas; the fake Slack Web API ` +
    `(the group post, and the response_url answer when one does not fit in the acknowledgement's budget) is a process of its own. "Fully handled" counts from the first request sent until every request is acknowledged and the fake has every group post and every response_url answer; ` +
    `"acknowledged" until the last HTTP 200. The replicas are started one after another into the same database (1, then a second beside it, then a third). ` +
    `Ratios are to the one-replica figure of this run. This machine has ${cores} cores (1-minute load average ${loadBefore.toFixed(1)} at the start): ` +
    `the replicas, the load generator, the fake Web API and PostgreSQL all share them, so a ratio near or below 1 is what ${cores} cores allow, not a limit of the replicas.`,
});
