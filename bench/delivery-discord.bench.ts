/**
 * Discord delivery under Discord's rate limits: how close a fresh Rebound gets to the floor the
 * global limit allows when every member of a server is owed one DM at once, whether anyone gets
 * two, and whether interactions are still answered quickly meanwhile.
 *
 * 1,000 members in 10 groups of one server, each with one follow-up step due (see
 * `lib/delivery-data.ts`), are written to a new SQLite file; then the production bundle (`node
 * dist/main.js`, built first) starts on it against a fake REST API with Discord's limits
 * (`lib/delivery-discord-rest.ts`: 50 requests a second per token, per-route buckets, every answer
 * after 50 ms) and the fake gateway of the tests. Timed: from spawning the process until the last
 * member's first DM is accepted. While it drains, `/applied` interactions from the members are
 * dispatched through the gateway at a fixed rate; each one's ack latency is the time from its
 * dispatch until its interaction callback reaches the fake REST.
 *
 * The floor: the members over what the global limit leaves for their DMs. Each DM takes two
 * requests (its DM channel is created first: none is stored before the run, and a fresh process
 * knows none), and each interaction's group post takes one as it comes (5 a second), so
 * (50 − 5) ÷ 2 = 22.5 DMs a second and 1,000 ÷ 22.5 = 44.4 s (40 s with no interactions).
 * Interaction callbacks are exempt from the global limit and not counted. The ratio reported is
 * members reached per second over those 22.5, i.e. floor ÷ measured time.
 *
 * Sizes: BENCH_DELIVERY_MEMBERS, _GROUPS, _ACK_RATE, _TIMEOUT_S, _SETTLE_S (see `lib/delivery-run.ts`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeDiscordGateway } from '../test/fakes/discord-gateway.ts';
import { APP_ID, command, GUILD_ID, MEMBER_PERMISSIONS, opt } from '../test/fakes/discord-packets.ts';
import { seedDueWork, type DeliveryMember } from './lib/delivery-data.ts';
import { GLOBAL_PER_SECOND, LimitedDiscordRest } from './lib/delivery-discord-rest.ts';
import {
  buildBundle,
  deliverySizes,
  healthy,
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
import { dmsPerSecondAllowed, drainRows } from './lib/delivery-report.ts';
import { report } from './lib/report.ts';

const NAME = 'delivery-discord';
const sizes = deliverySizes();
/** Each /applied from a member (visibility shared) posts once to the group; a DM is a DM channel created, then a message. */
const ALLOWED_DMS_PER_SECOND = dmsPerSecondAllowed(GLOBAL_PER_SECOND, sizes.ackRate, 2);
const progress = (line: string) => process.stderr.write(`${NAME} [${s2(performance.now())} s]: ${line}\n`);
/** Discord's initial answer to an interaction must come within 3 s; wait a little longer for stragglers. */
const CALLBACK_GRACE_MS = 5000;

/** Dispatches `/applied` interactions at a fixed rate until stopped; records when each left. */
function interactions(gateway: FakeDiscordGateway, senders: readonly DeliveryMember[], perSecond: number) {
  const dispatchedAt = new Map<string, number>();
  let stopped = false;
  const started = performance.now();
  const done = (async () => {
    for (let n = 0; !stopped; n++) {
      const wait = started + (n * 1000) / perSecond - performance.now();
      if (wait > 0) await sleep(wait);
      if (stopped) break;
      const sender = senders[n % senders.length] as DeliveryMember;
      const packet = command(
        'applied',
        [opt.string('company', `Company ${n}`), opt.string('role', 'Site Reliability Engineer')],
        {
          user: { id: sender.userId, username: `member${n % senders.length}`, global_name: null },
          channelId: sender.channelId,
          permissions: MEMBER_PERMISSIONS,
        },
      );
      dispatchedAt.set((packet.d as { id: string }).id, performance.now());
      gateway.dispatch(packet);
    }
  })();
  // A failed dispatch (the gateway connection gone) ends the loop; `stop` reports it.
  done.catch(() => undefined);
  return {
    dispatchedAt,
    async stop(): Promise<void> {
      stopped = true;
      await done;
    },
  };
}

const cores = cpus().length;
const loadBefore = loadavg()[0] ?? 0;
const dir = mkdtempSync(join(tmpdir(), 'rebound-delivery-discord-'));
const rest = await new LimitedDiscordRest().start();
const gateway = await FakeDiscordGateway.start();
rest.gatewayUrl = gateway.url;
let rebound: Rebound | null = null;
// A run never hangs: past its budget it is ended, with Rebound's output for the reason.
const watchdog = setTimeout(() => {
  process.stderr.write(`${NAME}: no result after ${sizes.timeoutMs / 1000 + 120} s; stopping\n`);
  printLog(NAME, rebound);
  process.exit(1);
}, sizes.timeoutMs + 120_000);
watchdog.unref();

try {
  buildBundle();
  const members = await seedDueWork(join(dir, 'rebound.db'), {
    workspace: { platform: 'discord', workspaceId: GUILD_ID },
    groups: sizes.groups,
    members: sizes.members,
    channelId: (g) => String(700_000_000_000_000_000n + BigInt(g + 1)),
    userId: (m) => String(400_000_000_000_000_000n + BigInt(m + 1)),
  });
  progress(`seeded ${members.length} members; starting Rebound`);
  rebound = await spawnRebound({
    REBOUND_DB: join(dir, 'rebound.db'),
    DISCORD_TOKEN: 'bench-token',
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_API_URL: rest.apiUrl,
    LOG_LEVEL: 'warn',
  });
  const running = rebound;
  // /healthz answers once the gateway is connected and ready.
  const readyAt = await healthy(running);
  progress(`ready after ${ms1(readyAt - running.spawnedAt)} ms; draining`);

  const load = interactions(gateway, members, sizes.ackRate);
  const left = sizes.timeoutMs - (performance.now() - running.spawnedAt);
  const finished = await within(whileRunning(running, rest.reached(members.length)), left);
  const doneAt = finished ? Math.max(...rest.firstDmAt.values()) : performance.now();
  progress(finished ? `every member has a DM after ${s2(doneAt - running.spawnedAt)} s` : 'timed out');
  await load.stop();
  const sent = [...load.dispatchedAt.keys()];
  const graceEnds = performance.now() + CALLBACK_GRACE_MS;
  while (sent.some((id) => !rest.callbacks.has(id)) && performance.now() < graceEnds) {
    await whileRunning(running, sleep(20));
  }
  // Late duplicates (a retry, a second sweep) have a few more seconds to show.
  await whileRunning(running, sleep(sizes.settleMs));

  const { duplicates, missing, strangers } = tally(
    rest.dms,
    members.map((m) => m.userId),
  );
  const before = (at: number) => at <= doneAt;
  const created = [...rest.dmCreatedAt.values()].filter(before).length;
  const groupPosts = rest.channelPosts.filter(before).length;
  const elapsedMs = doneAt - running.spawnedAt;
  const drain = { finished, elapsedMs, reached: members.length - missing, duplicates, missing };
  const requestsPerSecond = Math.round(((created + rest.firstDmAt.size + groupPosts) / (elapsedMs / 1000)) * 10) / 10;
  const stoppedAt = performance.now();
  // An interaction never answered counts with the time it was waited for.
  const latencies = sent.map((id) => (rest.callbacks.get(id) ?? stoppedAt) - (load.dispatchedAt.get(id) as number));
  const unanswered = sent.filter((id) => !rest.callbacks.has(id)).length;
  await running.stop();
  progress('stopped');
  printLog(NAME, running, 20);
  if (strangers > 0) progress(`${strangers} DMs went to users who are not members`);
  if (rest.unknown.size > 0) progress(`calls the fake had no route for: ${JSON.stringify([...rest.unknown])}`);
  progress(`calls per route: ${JSON.stringify([...rest.calls])}`);

  report({
    name: 'Discord delivery: one DM to every member under the rate limits',
    rows: [
      ...drainRows(drain, ALLOWED_DMS_PER_SECOND, sizes.members),
      {
        metric: 'DM channels created, DMs and group posts accepted per second until then',
        value: requestsPerSecond,
        unit: 'req/s',
      },
      {
        metric: '/applied interaction ack p99 while draining',
        value: ms1(percentile(latencies, 99)),
        unit: 'ms',
        target: '< 100 ms',
      },
      { metric: '/applied interaction ack p50 while draining', value: ms1(percentile(latencies, 50)), unit: 'ms' },
      { metric: 'interactions never answered', value: unanswered, unit: 'interactions', target: 0 },
      { metric: 'answered 429, global limit', value: rest.refused.global, unit: 'calls' },
      { metric: 'answered 429, route limit', value: rest.refused.route, unit: 'calls' },
      { metric: 'spawn until /healthz answers (gateway ready)', value: ms1(readyAt - running.spawnedAt), unit: 'ms' },
    ],
    notes:
      `${sizes.members.toLocaleString('en')} members in ${sizes.groups} groups of one server, one follow-up step each due at start, in a new SQLite file; ` +
      `\`node dist/main.js\` (Discord only, LOG_LEVEL=warn) started fresh on it, its gateway the tests' fake. ` +
      `The fake REST answers every call after 50 ms and enforces ${GLOBAL_PER_SECOND} requests a second per token (fixed 1-second windows; interaction callbacks and webhooks exempt, as Discord documents), ` +
      `POST /channels/:id/messages 5 per 5 s per channel and POST /users/@me/channels 50 per second (a guess: Discord publishes no per-route figure), with bucket headers on every answer; ` +
      `over a limit 429 with Retry-After (whole seconds), retry_after, and for the global limit global: true and X-RateLimit-Global; a refused call counts against nothing. ` +
      `Time runs from spawning the process (start-up and gateway login included) until the last member's first DM was accepted (its arrival at the fake). ` +
      `The floor is the members over what the global limit leaves for their DMs: ${GLOBAL_PER_SECOND} a second less the one group post each /applied makes as it comes ` +
      `(${sizes.ackRate} a second), two requests a DM (its DM channel is created first; none is stored), so ${sizes.members.toLocaleString('en')} ÷ ${ALLOWED_DMS_PER_SECOND} = ` +
      `${Math.round((sizes.members / ALLOWED_DMS_PER_SECOND) * 10) / 10} s (${(2 * sizes.members) / GLOBAL_PER_SECOND} s with no interactions); the ratio is members reached per second over that, floor ÷ time. ` +
      `Holding the interactions' posts back until the DMs are out could beat it by their share. Accepted until the last DM: ${created.toLocaleString('en')} DM channels created, ` +
      `${rest.firstDmAt.size.toLocaleString('en')} first DMs, ${groupPosts} group posts. ` +
      `A duplicate is a member with more than one accepted DM, watched until ${sizes.settleMs / 1000} s after the last first DM. ` +
      `Meanwhile ${sent.length} /applied interactions (${sizes.ackRate} a second, members in their groups' channels) were dispatched through the gateway from readiness until the drain ended; ` +
      `ack latency runs from each dispatch until its interaction callback arrived at the fake REST (max ${ms1(Math.max(0, ...latencies))} ms). ` +
      (finished
        ? ''
        : `**The drain did not finish within ${sizes.timeoutMs / 1000} s**: the time is when the run stopped. `) +
      `${cores} cores, 1-minute load average ${loadBefore.toFixed(1)} at the start; Rebound and the fakes share them.`,
  });
} catch (error) {
  printLog(NAME, rebound);
  throw error;
} finally {
  clearTimeout(watchdog);
  await rebound?.stop();
  await gateway.close();
  await rest.stop();
  rmSync(dir, { recursive: true, force: true });
}
