/**
 * Slack /applied through Rebound's whole command path against the least a careful developer would
 * write with Bolt for the same command (`lib/careful-bolt-app.ts`: ack, one SQLite insert, the group
 * post, the private answer through respond()). Rebound is the production bundle (`node dist/main.js`,
 * built first) in Slack HTTP mode on a SQLite file; each app is a process of its own, both call one
 * fake Web API in a third, and the signed form-encoded requests come from a separate load process.
 *
 * What is compared is fully handled requests per second: from the first request sent until every
 * request is acknowledged and the fake has every group post and every private answer that did not
 * travel in the acknowledgement (Rebound answers in it when ready within its budget; the careful app
 * always answers through the response_url). The two are measured in turns, several rounds in one
 * run, and the medians reported; each app's CPU time per request is read from /proc.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SlackRequestSender } from '../test/fakes/slack-requests.ts';
import { countCalls, firstLine, load, tsxChild } from './lib/children.ts';
import { BENCH_CHANNELS, BENCH_MESSAGES_PER_MINUTE, benchChannels } from './lib/channels.ts';
import { againstBaseline, median, report, type BenchRow } from './lib/report.ts';
import type { LoadPlan, LoadResult } from './slack-load.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'bench-signing-secret';
const TOKEN = 'xoxb-bench';
const TOTAL = 2000;
const CONCURRENCY = 20;
const WARMUP = 1000;
const USERS = 20;
const ROUNDS = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** How long the fake's count may stand still before what is missing is taken as never sent. */
const STALL_MS = 3000;

/**
 * Waits until the fake has received `target` calls of `method`, or until its count has stood still
 * for STALL_MS. Says when the last call came (epoch ms, to the polling interval) and how many never
 * did, so a lost call is counted instead of stopping the benchmark.
 */
async function drained(fake: ChildProcess, method: string, target: number): Promise<{ at: number; missing: number }> {
  const now = () => performance.timeOrigin + performance.now();
  let seen = -1;
  let grewAt = now();
  for (;;) {
    const count = await countCalls(fake, method);
    if (count >= target) return { at: now(), missing: 0 };
    if (count > seen) {
      seen = count;
      grewAt = now();
    } else if (now() - grewAt > STALL_MS) {
      return { at: grewAt, missing: target - count };
    }
    await sleep(10);
  }
}

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU time (user + system) a process has used so far, in ms; null where /proc cannot tell. */
function cpuMsOf(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: utime, stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1000;
  } catch {
    return null;
  }
}

interface AppProcess {
  readonly name: string;
  readonly port: number;
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  readonly log: () => string;
}

/** Keeps what the app writes (Rebound logs to stdout; the careful app's first line there is its port). */
function watch(name: string, child: ChildProcess, port: number): AppProcess {
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return { name, port, child, exited, log: () => log };
}

async function startRebound(apiUrl: string, database: string): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TZ: 'UTC',
      REBOUND_DB: database,
      SLACK_BOT_TOKEN: TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: apiUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SLACK_MESSAGES_PER_MINUTE: String(BENCH_MESSAGES_PER_MINUTE),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const app = watch('Rebound', child, port);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Rebound exited while starting: ${app.log().trim()}`);
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return app;
    if (Date.now() > deadline) throw new Error(`Rebound did not start in 30 s: ${app.log().trim()}`);
    await sleep(50);
  }
}

async function startCareful(apiUrl: string, database: string): Promise<AppProcess> {
  const child = tsxChild(
    'lib/careful-bolt-app.ts',
    [JSON.stringify({ apiUrl, signingSecret: SECRET, botToken: TOKEN, database })],
    false,
  );
  const { port } = JSON.parse(await firstLine(child)) as { port: number };
  return watch('careful Bolt app', child, port);
}

interface Run {
  readonly handledPerSecond: number;
  readonly ackedPerSecond: number;
  /** Of the requests answered 200, how many carried their answer in the acknowledgement. */
  readonly answeredInAck: number;
  readonly cpuMsPerRequest: number | null;
  readonly failed: number;
  /** Group posts and private answers that never reached the fake. */
  readonly lost: number;
}

async function measure(): Promise<{ rebound: Run[]; careful: Run[]; buildMs: number }> {
  const t0 = performance.now();
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (build.status !== 0) throw new Error(`the build failed: ${build.stderr}`);
  const buildMs = performance.now() - t0;

  const dir = mkdtempSync(join(tmpdir(), 'rebound-bench-'));
  const fake = tsxChild('slack-fake-api.ts', [], true);
  const apps: AppProcess[] = [];
  try {
    const { baseUrl } = JSON.parse(await firstLine(fake)) as { baseUrl: string };
    const apiUrl = `${baseUrl}/api/`;
    const rebound = await startRebound(apiUrl, join(dir, 'rebound.db'));
    apps.push(rebound);
    const careful = await startCareful(apiUrl, join(dir, 'careful.db'));
    apps.push(careful);

    // Rebound's groups, set up as Slack would send it; members join with their first /applied.
    const sender = new SlackRequestSender(`http://127.0.0.1:${rebound.port}/slack/events`, SECRET);
    const welcomes = await countCalls(fake, 'chat.postMessage');
    const channels = benchChannels();
    for (let i = 0; i < channels.length; i += CONCURRENCY) {
      await Promise.all(
        channels.slice(i, i + CONCURRENCY).map(async (channelId) => {
          const setup = await sender.command({
            command: '/rebound',
            text: 'setup',
            channelId,
            channelName: `job-hunt-${channelId}`,
            userId: 'UB0',
            userName: 'bench0',
            responseUrl: `${baseUrl}/response/setup`,
            triggerId: `setup.${channelId}`,
          });
          if (setup.status !== 200) throw new Error(`/rebound setup answered ${setup.status}`);
        }),
      );
    }
    // Each group exists once its welcome is posted.
    const welcomed = await drained(fake, 'chat.postMessage', welcomes + channels.length);
    if (welcomed.missing > 0) throw new Error(`${welcomed.missing} groups were not set up`);
    await sleep(500);
    let posts = await countCalls(fake, 'chat.postMessage');
    let lateAnswers = await countCalls(fake, 'response_url');
    let offset = 0;
    /** Runs `total` requests against `app` and returns how it went, once every request is fully handled. */
    const run = async (app: AppProcess, total: number): Promise<Run> => {
      const plan: LoadPlan = {
        mode: 'closed',
        url: `http://127.0.0.1:${app.port}/slack/events`,
        secret: SECRET,
        responseUrl: `${baseUrl}/response`,
        total,
        concurrency: CONCURRENCY,
        users: USERS,
        channels: BENCH_CHANNELS,
        // Every request names a company of its own: Rebound asks before logging a repeat.
        offset: (offset += 100_000),
      };
      const cpuBefore = cpuMsOf(app.child.pid);
      const result: LoadResult = await load(plan);
      posts += result.ok;
      lateAnswers += result.ok - result.answered;
      const posted = await drained(fake, 'chat.postMessage', posts);
      const answered = await drained(fake, 'response_url', lateAnswers);
      // What never came is not waited for again in the next run.
      posts -= posted.missing;
      lateAnswers -= answered.missing;
      const doneAt = Math.max(result.startedAtMs + result.elapsedMs, posted.at, answered.at);
      const cpuAfter = cpuMsOf(app.child.pid);
      return {
        handledPerSecond: Math.round((result.ok / (doneAt - result.startedAtMs)) * 1000),
        ackedPerSecond: Math.round((result.ok / result.elapsedMs) * 1000),
        answeredInAck: result.answered,
        cpuMsPerRequest:
          cpuBefore === null || cpuAfter === null ? null : Math.round(((cpuAfter - cpuBefore) / total) * 1000) / 1000,
        failed: result.failed,
        lost: posted.missing + answered.missing,
      };
    };

    // Warm both up (JIT, connections, Rebound's users.info cache and member rows), then measure in
    // turns, each round starting with the other app, so a busy moment of the machine hits both.
    await run(careful, WARMUP);
    await run(rebound, WARMUP);
    const runs = { rebound: [] as Run[], careful: [] as Run[] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['careful', 'rebound'] as const) : (['rebound', 'careful'] as const);
      for (const which of order) {
        const measured = await run(which === 'rebound' ? rebound : careful, TOTAL);
        runs[which].push(measured);
        process.stderr.write(`slack-command-path: round ${round + 1} ${which} ${JSON.stringify(measured)}\n`);
      }
    }
    return { ...runs, buildMs };
  } finally {
    for (const app of apps) {
      const log = app.log().trim();
      if (log) process.stderr.write(`slack-command-path: ${app.name} logged:\n${log.slice(0, 4000)}\n`);
      app.child.kill('SIGTERM');
    }
    await Promise.race([Promise.all(apps.map((app) => app.exited)), sleep(10_000)]);
    for (const app of apps) if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGKILL');
    if (fake.connected) fake.send({ stop: true });
    rmSync(dir, { recursive: true, force: true });
  }
}

const cores = cpus().length;
const loadBefore = loadavg()[0] ?? 0;
const { rebound, careful, buildMs } = await measure();
const med = (runs: readonly Run[], pick: (run: Run) => number | null): number | null => {
  const values = runs.map(pick).filter((value): value is number => value !== null);
  return values.length === runs.length ? median(values) : null;
};
const handled = { rebound: med(rebound, (r) => r.handledPerSecond), careful: med(careful, (r) => r.handledPerSecond) };
const cpu = { rebound: med(rebound, (r) => r.cpuMsPerRequest), careful: med(careful, (r) => r.cpuMsPerRequest) };
const failed = [...rebound, ...careful].reduce((n, r) => n + r.failed, 0);
const lost = { rebound: rebound.reduce((n, r) => n + r.lost, 0), careful: careful.reduce((n, r) => n + r.lost, 0) };
const inAck = rebound.reduce((n, r) => n + r.answeredInAck, 0);

const rows: BenchRow[] = [
  againstBaseline(
    {
      metric: '/applied fully handled per second, Rebound against a careful Bolt app',
      value: handled.rebound ?? 0,
      unit: 'req/s',
      target: '>= 1.0× the careful Bolt app',
    },
    handled.careful ?? 0,
  ),
  {
    metric: '/applied fully handled per second, the careful Bolt app',
    value: handled.careful ?? 0,
    unit: 'req/s',
  },
  {
    metric: '/applied acknowledged per second, Rebound (the answer in the acknowledgement)',
    value: med(rebound, (r) => r.ackedPerSecond) ?? 0,
    unit: 'req/s',
  },
  {
    metric: '/applied acknowledged per second, the careful Bolt app (acknowledges before working)',
    value: med(careful, (r) => r.ackedPerSecond) ?? 0,
    unit: 'req/s',
  },
];
if (cpu.rebound !== null && cpu.careful !== null) {
  rows.push(againstBaseline({ metric: 'app CPU per /applied, Rebound', value: cpu.rebound, unit: 'ms' }, cpu.careful));
}

report({
  name: 'Slack /applied: Rebound against a careful Bolt app',
  rows,
  notes:
    `Rebound is \`node dist/main.js\` (built first, ${Math.round(buildMs)} ms, not timed) in Slack HTTP mode on a SQLite file (LOG_LEVEL=warn), ` +
    'doing its real work: the replay check, membership, the application and its follow-up bookkeeping, the group post and its record, and the private answer. ' +
    'The baseline is bench/lib/careful-bolt-app.ts: Bolt with its own HTTP receiver verifying the signing secret, ack(), one prepared insert into SQLite ' +
    '(better-sqlite3, WAL, synchronous=NORMAL as Rebound), chat.postMessage to the channel and respond() with the private answer. ' +
    `Each app is its own process; both call one fake Slack Web API in a third, and ${TOTAL.toLocaleString('en')} signed form-encoded /applied requests, ` +
    `${CONCURRENCY} in flight, from ${USERS} users in ${BENCH_CHANNELS.toLocaleString('en')} group channels (at most two posts per channel a run, within Slack's per-channel burst, ` +
    `so Rebound's pacing does not hold posts back; SLACK_MESSAGES_PER_MINUTE=${BENCH_MESSAGES_PER_MINUTE}), come from a separate load process, after ${WARMUP} warm-up requests to each. ` +
    '"Fully handled" counts from the first request sent until every request is acknowledged and the fake has every group post and every private answer ' +
    `sent through a response_url (Rebound carried ${inAck.toLocaleString('en')} of its ${(ROUNDS * TOTAL).toLocaleString('en')} measured answers in the acknowledgement; ` +
    'the careful app always answers through the response_url). ' +
    `Medians of ${ROUNDS} rounds, the two apps in turns; CPU is each app process's user + system time from /proc over the run and its drain. ` +
    `This machine has ${cores} cores (1-minute load average ${loadBefore.toFixed(1)} at the start), shared by both apps, the load generator and the fake. ` +
    (failed ? `**${failed} requests failed.** ` : 'No request failed. ') +
    (lost.rebound + lost.careful
      ? `**Group posts or private answers that never reached the fake: ${lost.rebound} from Rebound, ${lost.careful} from the careful app** ` +
        `(a run with one counts until the last that came).`
      : 'Every group post and private answer arrived.'),
});
