/**
 * The slash commands of the Slack delivery benchmark, from a process of its own so their timing
 * does not share an event loop with the fake Web API or the app: signed form-encoded `/applied`
 * commands from the seeded members, in their groups' channels, at a fixed rate (open loop: each
 * leaves at its planned moment whether or not earlier ones were answered, and its latency counts
 * from that moment), until the parent sends `{ stop: true }` or goes away.
 *
 *   node --import tsx bench/lib/delivery-slack-acks.ts '<json AckPlan>'
 *
 * Prints one JSON line, an `AckResult`, after the last answer (or its 10 s timeout).
 */
import { Agent, request } from 'node:http';
import { slackSignature, slashCommandBody } from '../../test/fakes/slack-requests.ts';
import type { DeliveryMember } from './delivery-data.ts';

export interface AckPlan {
  readonly url: string;
  readonly secret: string;
  /** Each command's response_url is this plus `/ack-<n>`. */
  readonly responseUrl: string;
  readonly ratePerSecond: number;
  readonly senders: readonly DeliveryMember[];
  /** A stop in case the parent never sends one. */
  readonly maxMs: number;
}

export interface AckResult {
  readonly sent: number;
  readonly ok: number;
  readonly failed: number;
  /** Every request's time to its HTTP response, from its planned departure (ms), in order sent. */
  readonly latenciesMs: readonly number[];
}

const TIMEOUT_MS = 10_000;

function send(agent: Agent, plan: AckPlan, n: number): Promise<number> {
  const sender = plan.senders[n % plan.senders.length] as DeliveryMember;
  const body = slashCommandBody({
    command: '/applied',
    text: `Company ${n} | Site Reliability Engineer`,
    teamId: 'T1',
    channelId: sender.channelId,
    channelName: 'job-hunt',
    userId: sender.userId,
    userName: sender.userId.toLowerCase(),
    responseUrl: `${plan.responseUrl}/ack-${n}`,
    triggerId: `${n}.1.bench`,
  });
  const ts = Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
    const req = request(
      plan.url,
      {
        method: 'POST',
        agent,
        timeout: TIMEOUT_MS,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': String(Buffer.byteLength(body)),
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': slackSignature(plan.secret, ts, body),
        },
      },
      (res) => {
        res.resume();
        res.on('error', reject);
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

async function run(plan: AckPlan): Promise<AckResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let stopped = false;
  const stop = () => (stopped = true);
  process.on('message', (m: { stop?: boolean }) => m.stop && stop());
  process.on('disconnect', stop);
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  const interval = 1000 / plan.ratePerSecond;
  for (let n = 0; !stopped && performance.now() - started < plan.maxMs; n++) {
    const due = started + n * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (stopped) break;
    const i = latencies.length;
    latencies.push(NaN);
    inFlight.push(
      send(agent, plan, n).then(
        (status) => {
          if (status === 200) ok++;
          else failed++;
          latencies[i] = performance.now() - due;
        },
        () => {
          failed++;
          latencies[i] = performance.now() - due;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  return { sent: latencies.length, ok, failed, latenciesMs: latencies.map((ms) => Math.round(ms * 100) / 100) };
}

const arg = process.argv[2];
if (arg) {
  const result = await run(JSON.parse(arg) as AckPlan);
  console.log(JSON.stringify(result));
  process.disconnect?.();
}
