/**
 * Slack delivery under Slack's limits: how close a fresh Rebound gets to the floor the limits
 * allow when every member of a workspace is owed one DM at once, whether anyone gets two, and
 * whether slash commands are still acknowledged quickly meanwhile.
 *
 * 1,000 members in 10 groups of one workspace, each with one follow-up step due (see
 * `lib/delivery-data.ts`), are written to a new SQLite file; then the production bundle (`node
 * dist/main.js`, built first) starts on it in Slack HTTP mode against a fake Web API with Slack's
 * limits scaled tenfold (`lib/delivery-slack-api.ts`: 50 chat.postMessage in any second per
 * workspace, 10 per second per channel, conversations.open 500 and users.info 1,000 a minute,
 * every answer after 50 ms). Timed: from spawning the process until the last member's first DM is
 * accepted. While it drains, a separate process sends signed `/applied` commands from the members
 * at a fixed rate and times each HTTP answer (`lib/delivery-slack-acks.ts`).
 *
 * The floor: the members over what the limits leave for their DMs, which is the per-workspace
 * budget (50 a second) less the one group post each command makes as it comes (5 a second), so
 * 1,000 ÷ 45 = 22.2 s (20 s with no commands). The ratio reported is members reached per second
 * over those 45, i.e. floor ÷ measured time.
 *
 * Sizes: BENCH_DELIVERY_MEMBERS, _GROUPS, _ACK_RATE, _TIMEOUT_S, _SETTLE_S (see `lib/delivery-run.ts`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstLine, tsxChild } from './lib/children.ts';
import { seedDueWork } from './lib/delivery-data.ts';
import {
  buildBundle,
  deliverySizes,
  healthy,
  inTime,
  ms1,
  percentile,
  printLog,
  s2,
  sleep,
  spawnRebound,
  tally,
  whileRunning,
  within,
  type Rebound,
} from './lib/delivery-run.ts';
import type { AckPlan, AckResult } from './lib/delivery-slack-acks.ts';
import { LimitedSlackApi, SCALED_SLACK_LIMITS } from './lib/delivery-slack-api.ts';
import { dmsPerSecondAllowed, drainRows } from './lib/delivery-report.ts';
import { report } from './lib/report.ts';

const NAME = 'delivery-slack';
const SECRET = 'bench-signing-secret';
const sizes = deliverySizes();
const progress = (line: string) => process.stderr.write(`${NAME} [${s2(performance.now())} s]: ${line}\n`);
const BUDGET_PER_SECOND = SCALED_SLACK_LIMITS.postsPerWorkspacePerSecond;
/** Each /applied from a member (visibility shared) posts once to the group; a DM is one chat.postMessage (to the user id or an opened DM). */
const ALLOWED_DMS_PER_SECOND = dmsPerSecondAllowed(BUDGET_PER_SECOND, sizes.ackRate, 1);

const cores = cpus().length;
const loadBefore = loadavg()[0] ?? 0;
const dir = mkdtempSync(join(tmpdir(), 'rebound-delivery-slack-'));
const fake = await new LimitedSlackApi().start();
let rebound: Rebound | null = null;
let acks: ReturnType<typeof tsxChild> | null = null;
// A run never hangs: past its budget it is ended, with Rebound's output for the reason.
const watchdog = setTimeout(() => {
  process.stderr.write(`${NAME}: no result after ${sizes.timeoutMs / 1000 + 120} s; stopping\n`);
  printLog(NAME, rebound);
  acks?.kill('SIGKILL');
  process.exit(1);
}, sizes.timeoutMs + 120_000);
watchdog.unref();

try {
  buildBundle();
  const members = await seedDueWork(join(dir, 'rebound.db'), {
    workspace: { platform: 'slack', workspaceId: 'T1' },
    groups: sizes.groups,
    members: sizes.members,
    channelId: (g) => `C${String(g + 1).padStart(4, '0')}`,
    userId: (m) => `U${String(m + 1).padStart(6, '0')}`,
  });

  progress(`seeded ${members.length} members; starting Rebound`);
  rebound = await spawnRebound({
    REBOUND_DB: join(dir, 'rebound.db'),
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${fake.baseUrl}/api/`,
    SLACK_MESSAGES_PER_MINUTE: String(SCALED_SLACK_LIMITS.postsPerWorkspacePerMinute),
    LOG_LEVEL: 'warn',
  });
  const running = rebound;
  const readyAt = await healthy(running);
  progress(`ready after ${ms1(readyAt - running.spawnedAt)} ms; draining`);

  const plan: AckPlan = {
    url: `http://127.0.0.1:${running.port}/slack/events`,
    secret: SECRET,
    responseUrl: `${fake.baseUrl}/response`,
    ratePerSecond: sizes.ackRate,
    senders: members,
    maxMs: sizes.timeoutMs,
  };
  const child = tsxChild('lib/delivery-slack-acks.ts', [JSON.stringify(plan)], true);
  acks = child;
  process.once('exit', () => child.kill('SIGKILL'));
  const ackLine = firstLine(child);
  ackLine.catch(() => undefined);

  const left = sizes.timeoutMs - (performance.now() - running.spawnedAt);
  const finished = await within(whileRunning(running, fake.reached(members.length)), left);
  const doneAt = finished ? Math.max(...fake.firstDmAt.values()) : performance.now();
  progress(finished ? `every member has a DM after ${s2(doneAt - running.spawnedAt)} s` : 'timed out');
  child.send({ stop: true });
  const ackResult = JSON.parse(
    await whileRunning(running, inTime(ackLine, 20_000, "the command sender's result")),
  ) as AckResult;
  // Late duplicates (a retry, a second sweep) have a few more seconds to show.
  await whileRunning(running, sleep(sizes.settleMs));

  const { duplicates, missing, strangers } = tally(
    fake.dms,
    members.map((m) => m.userId),
  );
  const groupPosts = fake.channelPosts.filter((at) => at <= doneAt).length;
  const elapsedMs = doneAt - running.spawnedAt;
  const drain = { finished, elapsedMs, reached: members.length - missing, duplicates, missing };
  const postsPerSecond = Math.round(((fake.firstDmAt.size + groupPosts) / (elapsedMs / 1000)) * 10) / 10;
  const latencies = ackResult.latenciesMs;
  await running.stop();
  progress('stopped');
  printLog(NAME, running, 20);
  if (strangers > 0) progress(`${strangers} DMs went to users who are not members`);
  progress(`calls per method: ${JSON.stringify([...fake.calls])}`);

  report({
    name: 'Slack delivery: one DM to every member under the scaled limits',
    rows: [
      ...drainRows(drain, ALLOWED_DMS_PER_SECOND, sizes.members),
      { metric: 'chat.postMessage accepted per second until then', value: postsPerSecond, unit: 'msg/s' },
      {
        metric: '/applied ack p99 while draining',
        value: ms1(percentile(latencies, 99)),
        unit: 'ms',
        target: '< 100 ms',
      },
      { metric: '/applied ack p50 while draining', value: ms1(percentile(latencies, 50)), unit: 'ms' },
      { metric: '/applied not answered 200', value: ackResult.failed, unit: 'requests', target: 0 },
      { metric: 'chat.postMessage answered 429', value: fake.refused.get('chat.postMessage') ?? 0, unit: 'calls' },
      { metric: 'conversations.open calls', value: fake.count('conversations.open'), unit: 'calls' },
      { metric: 'conversations.open answered 429', value: fake.refused.get('conversations.open') ?? 0, unit: 'calls' },
      { metric: 'spawn until /healthz answers', value: ms1(readyAt - running.spawnedAt), unit: 'ms' },
    ],
    notes:
      `${sizes.members.toLocaleString('en')} members in ${sizes.groups} groups of one workspace, one follow-up step each due at start, in a new SQLite file; ` +
      `\`node dist/main.js\` (Slack HTTP mode, LOG_LEVEL=warn, SLACK_MESSAGES_PER_MINUTE=${SCALED_SLACK_LIMITS.postsPerWorkspacePerMinute}) started fresh on it. ` +
      `The fake Web API answers every call after 50 ms and enforces Slack's limits ×10: chat.postMessage at most ${BUDGET_PER_SECOND} accepted in any 1,000 ms per workspace ` +
      `(sliding window; ${SCALED_SLACK_LIMITS.postsPerWorkspacePerMinute.toLocaleString('en')} a minute) and ${SCALED_SLACK_LIMITS.postsPerChannelPerSecond} in any 1,000 ms per channel, ` +
      `conversations.open 500 and users.info 1,000 in any 60 s; over a limit HTTP 429 with Retry-After in whole seconds, the refused call counting against nothing. ` +
      `Time runs from spawning the process (start-up included) until the last member's first DM was accepted (its arrival at the fake). ` +
      `The floor is the members over what the limits leave for their DMs: the budget of ${BUDGET_PER_SECOND} a second less the one group post each /applied makes as it comes ` +
      `(${sizes.ackRate} a second), so ${sizes.members.toLocaleString('en')} ÷ ${ALLOWED_DMS_PER_SECOND} = ${Math.round((sizes.members / ALLOWED_DMS_PER_SECOND) * 10) / 10} s ` +
      `(${sizes.members / BUDGET_PER_SECOND} s with no commands); the ratio is members reached per second over that, floor ÷ time. ` +
      `Holding the commands' posts back until the DMs are out could beat it by their share. Posts accepted until the last DM: ${fake.firstDmAt.size.toLocaleString('en')} first DMs, ${groupPosts} group posts. ` +
      `A duplicate is a member with more than one accepted DM, watched until ${sizes.settleMs / 1000} s after the last first DM. ` +
      `Meanwhile a separate process sent ${ackResult.sent} signed /applied commands (${sizes.ackRate} a second, open loop, members in their groups' channels) from readiness until the drain ended; ` +
      `ack latency is each one's HTTP answer time from its planned departure (max ${ms1(Math.max(0, ...latencies))} ms). ` +
      (finished
        ? ''
        : `**The drain did not finish within ${sizes.timeoutMs / 1000} s**: the time is when the run stopped. `) +
      `${cores} cores, 1-minute load average ${loadBefore.toFixed(1)} at the start; Rebound, the fake and the command sender share them.`,
  });
} catch (error) {
  printLog(NAME, rebound);
  throw error;
} finally {
  clearTimeout(watchdog);
  acks?.kill('SIGKILL');
  await rebound?.stop();
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
}
