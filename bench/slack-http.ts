/**
 * Slack HTTP benchmark (issue 4):
 *  (a) 2,000 signed /applied requests, 20 in flight, against Rebound (the real core on a SQLite
 *      file, the Slack adapter in production mode: the answer in the acknowledgement when ready
 *      within its budget, else acknowledge and answer after) and against a bare Bolt app that only
 *      acknowledges, in the same run; requests per second of each.
 *  (b) a fixed offered rate of 100 requests per second for 20 s against Rebound: ack latency
 *      p50 / p99.
 * The load comes from a separate process over loopback; the fake Web API is a third process.
 *
 *   npx tsx bench/slack-http.ts    → last stdout line: { rebound_rps, bare_rps, ratio, p50_ms, p99_ms, … }
 * (plus fully-handled requests per second and the app's CPU milliseconds per request)
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App } from '@slack/bolt';
import { createSlackAdapter } from '../adapters/slack/index.ts';
import { createRebound } from '../src/core/create-rebound.ts';
import type { Logger } from '../src/core/ports/index.ts';
import { openDatabase } from '../src/db/sqlite/open.ts';
import { createSqliteStore } from '../src/db/sqlite/store.ts';
import { systemClock } from '../src/system-clock.ts';
import { countCalls, firstLine, load, tsxChild } from './lib/children.ts';
import type { LoadPlan, LoadResult } from './slack-load.ts';
import { BENCH_CHANNELS, BENCH_MESSAGES_PER_MINUTE, benchChannels } from './lib/channels.ts';

const SECRET = 'bench-signing-secret';
const TOTAL = 2000;
const CONCURRENCY = 20;
const WARMUP = 300;
const RATE = 100;
const DURATION_MS = 20_000;
const USERS = 20;

export interface SlackHttpResult {
  readonly rebound_rps: number;
  readonly bare_rps: number;
  readonly ratio: number;
  readonly p50_ms: number;
  readonly p99_ms: number;
  /** Requests per second until every /applied had posted to the group and been answered privately. */
  readonly rebound_done_rps: number;
  /** CPU time of the app process per request (user + system), which machine load does not inflate as much as wall time. */
  readonly rebound_cpu_ms: number;
  readonly bare_cpu_ms: number;
  readonly failed: number;
}

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Waits until the fake has received `target` calls of `method` (the app's background work is done). */
async function drained(fake: ChildProcess, method: string, target: number): Promise<void> {
  for (;;) {
    if ((await countCalls(fake, method)) >= target) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function runSlackHttpBench(): Promise<SlackHttpResult> {
  const fake = tsxChild('slack-fake-api.ts', [], true);
  const { baseUrl } = JSON.parse(await firstLine(fake)) as { baseUrl: string };
  const dir = mkdtempSync(join(tmpdir(), 'rebound-bench-'));
  const database = openDatabase(join(dir, 'rebound.db'));
  try {
    // Rebound: the real core, the Slack adapter as in production.
    const adapter = createSlackAdapter(
      {
        botToken: 'xoxb-bench',
        signingSecret: SECRET,
        apiUrl: `${baseUrl}/api/`,
        port: 0,
        botId: 'BBOT',
        botUserId: 'UBOT',
        messagesPerMinute: BENCH_MESSAGES_PER_MINUTE,
      },
      silent,
    );
    const store = createSqliteStore(database);
    const core = createRebound({ store, chat: adapter.chat, clock: systemClock, logger: silent });
    adapter.initialize({ handler: core, ledger: store.inbound, clock: systemClock, workspaces: core.workspaces });
    const actor = { userId: 'UB0', displayName: 'bench0', timezone: 'Europe/Berlin', isBot: false };
    for (const channelId of benchChannels())
      await core.handle({
        kind: 'command',
        command: 'rebound setup',
        values: {},
        source: { platform: 'slack', workspaceId: 'T1', channelId, channelName: `job-hunt-${channelId}`, actor },
      });
    const rebound = await adapter.start();

    // Bare: Bolt with nothing but an acknowledgement.
    const bare = new App({
      token: 'xoxb-bench',
      signingSecret: SECRET,
      botId: 'BBOT',
      botUserId: 'UBOT',
      tokenVerificationEnabled: false,
    });
    bare.command(/.*/, async ({ ack }) => ack());
    const bareServer = (await bare.start(0)) as Server;
    const barePort = (bareServer.address() as { port: number }).port;

    const plan = (port: number, offset: number, total: number): LoadPlan => ({
      mode: 'closed',
      url: `http://127.0.0.1:${port}/slack/events`,
      secret: SECRET,
      responseUrl: `${baseUrl}/response`,
      total,
      concurrency: CONCURRENCY,
      users: USERS,
      channels: BENCH_CHANNELS,
      offset,
    });
    // Fully handled: every request's group post has reached the fake, and so has every private
    // answer that did not travel in the acknowledgement.
    let posts = await countCalls(fake, 'chat.postMessage');
    let lateAnswers = 0;
    const settle = async (run: LoadResult): Promise<void> => {
      posts += run.ok;
      lateAnswers += run.ok - run.answered;
      await drained(fake, 'chat.postMessage', posts);
      await drained(fake, 'response_url', lateAnswers);
    };

    // Warm both up (JIT, connection set-up, users.info cache), then measure each in turn.
    await load(plan(barePort, 0, WARMUP));
    await settle(await load(plan(rebound.port, 0, WARMUP)));

    const cpuMs = (from: NodeJS.CpuUsage) => {
      const used = process.cpuUsage(from);
      return Math.round(((used.user + used.system) / 1000 / TOTAL) * 1000) / 1000;
    };
    let cpu = process.cpuUsage();
    const bareRun = await load(plan(barePort, 10_000, TOTAL));
    const bareCpuMs = cpuMs(cpu);
    cpu = process.cpuUsage();
    const started = performance.now();
    const reboundRun = await load(plan(rebound.port, 10_000, TOTAL));
    await settle(reboundRun);
    const doneMs = performance.now() - started;
    const reboundCpuMs = cpuMs(cpu);

    const open = await load({
      mode: 'open',
      url: `http://127.0.0.1:${rebound.port}/slack/events`,
      secret: SECRET,
      responseUrl: `${baseUrl}/response`,
      ratePerSecond: RATE,
      durationMs: DURATION_MS,
      users: USERS,
      channels: BENCH_CHANNELS,
      offset: 20_000,
    });
    await settle(open);

    await adapter.stop();
    await bare.stop();
    const rps = (r: LoadResult) => Math.round((r.ok / r.elapsedMs) * 1000);
    const reboundRps = rps(reboundRun);
    const bareRps = rps(bareRun);
    return {
      rebound_rps: reboundRps,
      bare_rps: bareRps,
      ratio: Math.round((reboundRps / bareRps) * 100) / 100,
      p50_ms: open.p50Ms,
      p99_ms: open.p99Ms,
      rebound_done_rps: Math.round((TOTAL / doneMs) * 1000),
      rebound_cpu_ms: reboundCpuMs,
      bare_cpu_ms: bareCpuMs,
      failed: bareRun.failed + reboundRun.failed + open.failed,
    };
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
    if (fake.connected) fake.send({ stop: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runSlackHttpBench();
  console.log(JSON.stringify(result));
}
