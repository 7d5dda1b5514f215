/**
 * The faults the fake Slack Web API can play: scripted failures of the next calls, outages of a
 * method or of everything, and Slack's limits on chat.postMessage. It decides what a call meets;
 * the fake carries it out.
 */

/**
 * What a fault does to a request:
 * - `429`: HTTP 429 with Retry-After (`retryAfterSeconds`, default 1) and `{ ok: false, error: 'ratelimited' }`.
 * - `500`: HTTP 500 with `{ ok: false, error: 'internal_error' }`: Slack's own trouble, answered.
 * - `reset-after-request`: reads the whole request, then destroys the socket without answering:
 *   the request left and no answer came.
 * - `hang`: reads the request and never answers; the client has to give up (clearing the outage
 *   leaves requests already hanging as they are; `stop` ends them).
 * - `refuse`: stops accepting connections: the listener closes and open sockets are destroyed, so
 *   clients get ECONNREFUSED; it listens again on the same port when cleared. Always every method.
 */
export type OutageMode = '429' | '500' | 'reset-after-request' | 'hang' | 'refuse';

export interface Outage {
  readonly mode: OutageMode;
  /** One method (`chat.postMessage`, or `upload` / `response_url`); every method when absent. */
  readonly method?: string;
  /** Cleared by itself after this long; until `clearOutage` when absent. */
  readonly forMs?: number;
  /** For `429`: the Retry-After header, in seconds. */
  readonly retryAfterSeconds?: number;
}

/**
 * Slack's limits on chat.postMessage, as sliding windows: more than this many calls in any second
 * (per channel) or any minute (per token, i.e. per workspace installation) are answered 429 with
 * the Retry-After after which the window has room again. A call refused does not count.
 */
export interface EnforcedLimits {
  readonly perChannelPerSecond?: number;
  readonly perWorkspacePerMinute?: number;
}

/** A failure `failNext` scripts; with `channel`, it waits for a call to that channel (`U…` for a DM by user id). */
export type ScriptedFailure = (
  | { readonly error: string }
  | { readonly status: number; readonly retryAfterSeconds?: number }
  | { readonly fault: 'reset-after-request' | 'hang' }
) & { readonly channel?: string };

/** The key of an outage of every method. */
const ALL_METHODS = '*';

interface WindowRule {
  readonly key: string;
  readonly limit: number;
  readonly windowMs: number;
}

export class SlackFaults {
  readonly #scripted = new Map<string, ScriptedFailure[]>();
  readonly #outages = new Map<string, { readonly outage: Outage; readonly timer?: NodeJS.Timeout }>();
  readonly #events = new Map<string, number[]>();
  #limits: EnforcedLimits | null = null;

  script(method: string, failures: readonly ScriptedFailure[]): void {
    this.#scripted.set(method, [...(this.#scripted.get(method) ?? []), ...failures]);
  }

  clearScripts(): void {
    this.#scripted.clear();
  }

  /** Starts an outage; `expire` is called with its key when `forMs` has passed. */
  play(outage: Outage, expire: (key: string) => void): void {
    const key = outage.method ?? ALL_METHODS;
    clearTimeout(this.#outages.get(key)?.timer);
    const timer = outage.forMs === undefined ? undefined : setTimeout(() => expire(key), outage.forMs);
    this.#outages.set(key, { outage, ...(timer ? { timer } : {}) });
  }

  /** Ends the outages with these keys, or all of them. */
  end(keys?: readonly string[]): void {
    for (const key of keys ?? [...this.#outages.keys()]) {
      clearTimeout(this.#outages.get(key)?.timer);
      this.#outages.delete(key);
    }
  }

  get refusing(): boolean {
    return this.#outages.get(ALL_METHODS)?.outage.mode === 'refuse';
  }

  enforce(limits: EnforcedLimits | null): void {
    this.#limits = limits;
    this.#events.clear();
  }

  /** What this call meets: a scripted failure first, then an outage, then a limit; null for none. */
  meet(method: string, params: Readonly<Record<string, unknown>>, token: string): ScriptedFailure | null {
    const queue = this.#scripted.get(method) ?? [];
    const index = queue.findIndex((f) => f.channel === undefined || f.channel === params['channel']);
    if (index >= 0) return queue.splice(index, 1)[0] ?? null;
    const outage = (this.#outages.get(method) ?? this.#outages.get(ALL_METHODS))?.outage;
    if (outage?.mode === '429') return { status: 429, retryAfterSeconds: outage.retryAfterSeconds ?? 1 };
    if (outage?.mode === '500') return { status: 500 };
    if (outage?.mode === 'reset-after-request' || outage?.mode === 'hang') return { fault: outage.mode };
    const limits = this.#limits;
    if (!limits || method !== 'chat.postMessage') return null;
    // A DM sent to the user id is the same channel as its `D…` id.
    const channel = String(params['channel'] ?? '').replace(/^U/, 'D');
    const rules: WindowRule[] = [];
    if (limits.perChannelPerSecond) {
      rules.push({ key: `${token}#${channel}`, limit: limits.perChannelPerSecond, windowMs: 1000 });
    }
    if (limits.perWorkspacePerMinute) rules.push({ key: token, limit: limits.perWorkspacePerMinute, windowMs: 60_000 });
    const waitMs = this.#admit(rules, performance.now());
    return waitMs === 0 ? null : { status: 429, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** Counts the call under every rule when all have room (0); otherwise counts nothing and says how long until all would. */
  #admit(rules: readonly WindowRule[], now: number): number {
    let waitMs = 0;
    for (const rule of rules) {
      const recent = (this.#events.get(rule.key) ?? []).filter((at) => at > now - rule.windowMs);
      this.#events.set(rule.key, recent);
      const oldest = recent[recent.length - rule.limit];
      if (oldest !== undefined) waitMs = Math.max(waitMs, oldest + rule.windowMs - now);
    }
    if (waitMs > 0) return waitMs;
    for (const rule of rules) this.#events.get(rule.key)?.push(now);
    return 0;
  }
}
