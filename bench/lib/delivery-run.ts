/**
 * What both delivery benchmarks share: their sizes (from the environment), the production bundle
 * started as a fresh process with its output kept for diagnosis, waits that always end, and the
 * percentiles they report.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number (got ${raw})`);
  return value;
}

export interface DeliverySizes {
  readonly members: number;
  readonly groups: number;
  /** Commands or interactions sent per second while the DMs drain. */
  readonly ackRate: number;
  /** How long the drain may take before the run stops and reports what it saw. */
  readonly timeoutMs: number;
  /** How long to keep watching after the last member's DM, for duplicates. */
  readonly settleMs: number;
}

/** `BENCH_DELIVERY_MEMBERS` (1,000), `_GROUPS` (10), `_ACK_RATE` (5 per second), `_TIMEOUT_S` (300), `_SETTLE_S` (5). */
export function deliverySizes(): DeliverySizes {
  const members = Math.round(positive('BENCH_DELIVERY_MEMBERS', 1000));
  return {
    members,
    groups: Math.min(members, Math.round(positive('BENCH_DELIVERY_GROUPS', 10))),
    ackRate: positive('BENCH_DELIVERY_ACK_RATE', 5),
    timeoutMs: positive('BENCH_DELIVERY_TIMEOUT_S', 300) * 1000,
    settleMs: positive('BENCH_DELIVERY_SETTLE_S', 5) * 1000,
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `node scripts/build.mjs`; throws with its output when it fails. */
export function buildBundle(): void {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (build.status !== 0) throw new Error(`the build failed: ${build.stderr || build.stdout}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Keeps the last `limit` characters of a stream of output. */
class Tail {
  #text = '';
  #dropped = 0;
  constructor(readonly limit: number) {}
  add(chunk: string): void {
    this.#text += chunk;
    if (this.#text.length > this.limit * 2) {
      this.#dropped += this.#text.length - this.limit;
      this.#text = this.#text.slice(-this.limit);
    }
  }
  toString(): string {
    return (this.#dropped ? `[… ${this.#dropped} characters before this]\n` : '') + this.#text;
  }
}

export interface Rebound {
  readonly child: ChildProcess;
  readonly port: number;
  /** `performance.now()` right before the process was spawned. */
  readonly spawnedAt: number;
  /** Resolves when the process has exited, whoever ended it. */
  readonly exited: Promise<void>;
  /** Its stdout and stderr, interleaved (the last 256 KiB). */
  log(): string;
  /** SIGTERM, then SIGKILL after 10 s. */
  stop(): Promise<void>;
}

/** `node dist/main.js` with exactly `env` (plus PATH, HOME, TZ=UTC) on a free port. */
export async function spawnRebound(env: Readonly<Record<string, string>>): Promise<Rebound> {
  const port = await freePort();
  const log = new Tail(256 * 1024);
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TZ: 'UTC', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => log.add(chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => log.add(chunk));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  // Whatever happens to this process, the child does not outlive it.
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    port,
    spawnedAt,
    exited,
    log: () => log.toString(),
    async stop() {
      process.off('exit', reap);
      if (gone()) return;
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (!gone()) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Throws with the process's output when it exits before `promise` settles. */
export function whileRunning<T>(rebound: Rebound, promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    rebound.exited.then(() => {
      throw new Error(`Rebound exited (${rebound.child.exitCode ?? rebound.child.signalCode}) during the run`);
    }),
  ]);
}

/** Resolves with `performance.now()` once `/healthz` answers 200; throws after `timeoutMs` or if the process exits. */
export async function healthy(rebound: Rebound, timeoutMs = 30_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (rebound.child.exitCode !== null || rebound.child.signalCode !== null)
      throw new Error(`Rebound exited (${rebound.child.exitCode ?? rebound.child.signalCode}) while starting`);
    const up = await fetch(`http://127.0.0.1:${rebound.port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return performance.now();
    if (performance.now() > deadline) throw new Error(`Rebound did not answer /healthz within ${timeoutMs} ms`);
    await sleep(25);
  }
}

/** Resolves true when `promise` settles first, false after `ms`. */
export async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** `promise`, or a rejection naming `what` after `ms`. */
export async function inTime<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not come within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The nearest-rank percentile `p` (0–100) of the samples; 0 for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/** Milliseconds rounded to 0.1, seconds to 0.01. */
export const ms1 = (ms: number) => Math.round(ms * 10) / 10;
export const s2 = (ms: number) => Math.round(ms / 10) / 100;

/** How many users got more than one, and how many of `expected` got none. */
export function tally(
  counts: ReadonlyMap<string, number>,
  expected: readonly string[],
): { duplicates: number; missing: number; strangers: number } {
  const wanted = new Set(expected);
  let duplicates = 0;
  let strangers = 0;
  for (const [user, n] of counts) {
    if (n > 1) duplicates++;
    if (!wanted.has(user)) strangers++;
  }
  return { duplicates, missing: expected.filter((u) => !counts.has(u)).length, strangers };
}

/** Prints the end of Rebound's output to stderr, for a run that failed. */
export function printLog(name: string, rebound: Rebound | null, lines = 80): void {
  if (!rebound) return;
  const tail = rebound.log().trimEnd().split('\n').slice(-lines).join('\n');
  process.stderr.write(`${name}: Rebound's last output:\n${tail || '(none)'}\n`);
}
