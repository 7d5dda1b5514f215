/**
 * The load generator of the Slack HTTP benchmark, run as its own process so it does not share an
 * event loop with the app it measures. Sends form-encoded, signed /applied requests as Slack does.
 *
 *   node --import tsx bench/slack-load.ts '<json LoadPlan>'
 *
 * Prints one JSON line: { sent, ok, answered, failed, elapsedMs, p50Ms, p99Ms, maxMs, startedAtMs }.
 * With `urls` (several replicas behind no balancer), request i goes to `urls[i % urls.length]`.
 */
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';

export type LoadPlan =
  | {
      readonly mode: 'closed';
      readonly url: string;
      /** Spreads the requests round-robin over these instead of `url`. */
      readonly urls?: readonly string[];
      readonly secret: string;
      readonly responseUrl: string;
      readonly total: number;
      readonly concurrency: number;
      readonly users: number;
      /** Channels C1…Cn the requests are spread over, round-robin (1 when absent). */
      readonly channels?: number;
      readonly offset: number;
    }
  | {
      readonly mode: 'open';
      readonly url: string;
      /** Spreads the requests round-robin over these instead of `url`. */
      readonly urls?: readonly string[];
      readonly secret: string;
      readonly responseUrl: string;
      readonly ratePerSecond: number;
      readonly durationMs: number;
      readonly users: number;
      /** Channels C1…Cn the requests are spread over, round-robin (1 when absent). */
      readonly channels?: number;
      readonly offset: number;
    };

export interface LoadResult {
  readonly sent: number;
  readonly ok: number;
  /** Requests answered 200 whose acknowledgement carried a body (the command's answer). */
  readonly answered: number;
  readonly failed: number;
  readonly elapsedMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** When the first request left, in milliseconds since the epoch (sub-millisecond), to time from in another process. */
  readonly startedAtMs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function signedBody(plan: LoadPlan, i: number): { body: string; headers: Record<string, string> } {
  const n = plan.offset + i;
  const body = new URLSearchParams({
    token: 'bench',
    team_id: 'T1',
    team_domain: 'bench',
    channel_id: `C${(n % (plan.channels ?? 1)) + 1}`,
    channel_name: 'job-hunt',
    user_id: `UB${n % plan.users}`,
    user_name: `bench${n % plan.users}`,
    command: '/applied',
    text: `Company ${n} | Site Reliability Engineer`,
    api_app_id: 'A1',
    response_url: `${plan.responseUrl}/${n}`,
    trigger_id: `${n}.1.bench`,
  }).toString();
  const ts = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', plan.secret).update(`v0:${ts}:${body}`).digest('hex')}`;
  return {
    body,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(Buffer.byteLength(body)),
      'x-slack-request-timestamp': ts,
      'x-slack-signature': signature,
    },
  };
}

/** The response's status and how many bytes its body had. */
function send(agent: Agent, plan: LoadPlan, i: number): Promise<{ status: number; bytes: number }> {
  const { body, headers } = signedBody(plan, i);
  const url = plan.urls?.length ? (plan.urls[i % plan.urls.length] as string) : plan.url;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function run(plan: LoadPlan): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: plan.mode === 'closed' ? plan.concurrency : 256 });
  const latencies: number[] = [];
  let ok = 0;
  let answered = 0;
  let failed = 0;
  const one = async (i: number, from: number): Promise<void> => {
    try {
      const { status, bytes } = await send(agent, plan, i);
      if (status === 200) {
        ok++;
        if (bytes > 0) answered++;
      } else failed++;
    } catch {
      failed++;
    }
    latencies.push(performance.now() - from);
  };
  const started = performance.now();
  let sent = 0;
  if (plan.mode === 'closed') {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < plan.total) {
        const i = next++;
        sent++;
        await one(i, performance.now());
      }
    };
    await Promise.all(Array.from({ length: plan.concurrency }, worker));
  } else {
    // Open loop: each request leaves at its planned moment whether or not earlier ones returned,
    // and its latency counts from that moment, so a stall shows up instead of hiding.
    const interval = 1000 / plan.ratePerSecond;
    const total = Math.round((plan.durationMs / 1000) * plan.ratePerSecond);
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      sent++;
      inFlight.push(one(i, due));
    }
    await Promise.all(inFlight);
  }
  const elapsedMs = performance.now() - started;
  agent.destroy();
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return {
    sent,
    ok,
    answered,
    failed,
    elapsedMs: round(elapsedMs),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? 0),
    startedAtMs: round(performance.timeOrigin + started),
  };
}

const arg = process.argv[2];
if (arg) {
  const result = await run(JSON.parse(arg) as LoadPlan);
  console.log(JSON.stringify(result));
}
