/**
 * Keeps the adapter's Web API calls within Slack's published limits, each workspace on its own:
 * chat.postMessage about once a second per channel (a burst of a few) and within a budget per
 * workspace (SLACK_MESSAGES_PER_MINUTE); the other methods by their tier. A caller waits here
 * before its request leaves, so waiting never counts as a delivery attempt.
 *
 * Each limit is a token bucket: `burst` calls at once, refilled so that no window of `windowMs`
 * ever holds more than `limit` calls. A 429 pauses only the bucket it came from for the time Slack
 * asked: for chat.postMessage that is the channel's (its one-a-second limit is what a burst trips;
 * should the workspace budget be the cause, each channel is paused by its own 429 in turn), for the
 * other methods the method's bucket in that workspace. Buckets that are full again and not paused
 * are the same as new ones and are dropped, so memory follows recent activity only.
 *
 * Calls somebody waits on (a command's group post, a button's edit) go ahead of background ones (a
 * scheduled delivery draining hundreds of DMs) for the next place in the workspace budget, so a
 * person's answer is not paced behind the whole drain.
 */

/** The Web API methods the adapter paces. chat.update and chat.delete share one bucket. */
export type PacedMethod =
  | 'chat.postMessage'
  | 'chat.update'
  | 'chat.delete'
  | 'users.info'
  | 'files.getUploadURLExternal'
  | 'files.completeUploadExternal';

/** At most `limit` calls in any `windowMs`, of which up to `burst` may go at once. */
export interface Limit {
  readonly limit: number;
  readonly windowMs: number;
  readonly burst: number;
}

export interface SlackLimits {
  /** chat.postMessage per channel. */
  readonly perChannel: Limit;
  /** chat.postMessage per workspace. */
  readonly messages: Limit;
  /** chat.update and chat.delete together, per workspace (Tier 3). */
  readonly edits: Limit;
  /** users.info per workspace (Tier 4). */
  readonly usersInfo: Limit;
  /** files.getUploadURLExternal per workspace (Tier 4). */
  readonly uploadUrls: Limit;
  /** files.completeUploadExternal per workspace (Tier 4). */
  readonly uploadCompletions: Limit;
}

export const DEFAULT_MESSAGES_PER_MINUTE = 300;

const MINUTE = 60_000;
const tier = (perMinute: number): Limit => ({ limit: perMinute, windowMs: MINUTE, burst: perMinute / 5 });

/** Slack's limits, with the workspace's chat.postMessage budget per minute. */
export function slackLimits(messagesPerMinute: number = DEFAULT_MESSAGES_PER_MINUTE): SlackLimits {
  return {
    perChannel: { limit: 3, windowMs: 1000, burst: 2 },
    messages: { limit: messagesPerMinute, windowMs: MINUTE, burst: Math.max(1, Math.floor(messagesPerMinute / 10)) },
    edits: tier(50),
    usersInfo: tier(100),
    uploadUrls: tier(100),
    uploadCompletions: tier(100),
  };
}

/** Time for pacing: milliseconds from any origin, and a sleep that an abort signal ends early. */
export interface PaceTimer {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realTimer: PaceTimer = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** One call to pace: the workspace, the method and, for chat.postMessage, the channel. */
export interface PacedCall {
  readonly teamId: string;
  readonly method: PacedMethod;
  readonly channelId?: string;
}

export interface AcquireOptions {
  /** Ends the wait early: `acquire` rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /**
   * Nobody waits on this call (a scheduled delivery). While a call somebody waits on (a command's
   * group post) waits for the same workspace budget, background calls leave it the next place.
   */
  readonly background?: boolean;
}

export interface SlackPace {
  /** Resolves when the call may be made, and counts it; rejects with the signal's reason when aborted first. */
  acquire(call: PacedCall, options?: AcquireOptions): Promise<void>;
  /** Slack answered 429: this call's bucket takes nothing for `retryAfterMs`. */
  pause(call: PacedCall, retryAfterMs: number): void;
  /** How many buckets are kept (the ones used lately or paused). */
  readonly size: number;
}

class Bucket {
  readonly #capacity: number;
  /** Tokens per millisecond. */
  readonly #rate: number;
  #tokens: number;
  #at: number;
  #pausedUntil = Number.NEGATIVE_INFINITY;

  constructor(limit: Limit, now: number) {
    this.#capacity = Math.max(1, Math.min(limit.burst, limit.limit));
    this.#rate = Math.max(limit.limit - this.#capacity, 1) / limit.windowMs;
    this.#tokens = this.#capacity;
    this.#at = now;
  }

  #refill(now: number): void {
    if (now <= this.#at) return;
    this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#at) * this.#rate);
    this.#at = now;
  }

  /** How long until one token is there, 0 if it is now. */
  waitMs(now: number): number {
    this.#refill(now);
    const paused = this.#pausedUntil - now;
    const short = 1 - this.#tokens;
    const refill = short <= 1e-9 ? 0 : Math.ceil(short / this.#rate);
    return Math.max(0, paused, refill);
  }

  /** Milliseconds between two tokens once the burst is spent. */
  get intervalMs(): number {
    return Math.max(1, Math.ceil(1 / this.#rate));
  }

  take(now: number): void {
    this.#refill(now);
    this.#tokens -= 1;
  }

  /** Nothing for `ms`, then one token, then the usual refill. */
  pause(now: number, ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, now + ms);
    this.#tokens = 0;
    this.#at = this.#pausedUntil - 1 / this.#rate;
  }

  idle(now: number): boolean {
    this.#refill(now);
    return now >= this.#pausedUntil && this.#tokens >= this.#capacity - 1e-9;
  }
}

const GROUP: Readonly<Record<PacedMethod, keyof SlackLimits>> = {
  'chat.postMessage': 'messages',
  'chat.update': 'edits',
  'chat.delete': 'edits',
  'users.info': 'usersInfo',
  'files.getUploadURLExternal': 'uploadUrls',
  'files.completeUploadExternal': 'uploadCompletions',
};

/** Idle buckets are looked for once every this many calls. */
const SWEEP_EVERY = 64;

export function createSlackPace(
  options: { readonly limits?: SlackLimits; readonly timer?: PaceTimer } = {},
): SlackPace {
  const limits = options.limits ?? slackLimits();
  const timer = options.timer ?? realTimer;
  const buckets = new Map<string, Bucket>();
  /** Per workspace bucket, how many calls somebody waits on are waiting for that budget now. */
  const peopleWaiting = new Map<string, number>();
  let calls = 0;

  const workspaceKey = (call: PacedCall) => `${call.teamId}\u0000${GROUP[call.method]}`;
  const channelKey = (call: PacedCall) =>
    call.method === 'chat.postMessage' && call.channelId ? `${call.teamId}\u0000#${call.channelId}` : null;

  function bucket(key: string, limit: Limit, now: number): Bucket {
    let found = buckets.get(key);
    if (!found) {
      found = new Bucket(limit, now);
      buckets.set(key, found);
    }
    return found;
  }

  function bucketsOf(call: PacedCall, now: number): Bucket[] {
    const channel = channelKey(call);
    const own = bucket(workspaceKey(call), limits[GROUP[call.method]], now);
    return channel ? [bucket(channel, limits.perChannel, now), own] : [own];
  }

  function sweep(now: number): void {
    calls += 1;
    if (calls % SWEEP_EVERY !== 0) return;
    for (const [key, kept] of buckets) if (kept.idle(now)) buckets.delete(key);
  }

  return {
    async acquire(call, options = {}) {
      const { signal, background = false } = options;
      const key = workspaceKey(call);
      let counted = false;
      const count = (on: boolean) => {
        if (on === counted) return;
        counted = on;
        const n = (peopleWaiting.get(key) ?? 0) + (on ? 1 : -1);
        if (n > 0) peopleWaiting.set(key, n);
        else peopleWaiting.delete(key);
      };
      try {
        for (;;) {
          signal?.throwIfAborted();
          const now = timer.now();
          // Looked up afresh each round: a bucket swept while this call slept is simply a new one.
          const needed = bucketsOf(call, now);
          const own = needed[needed.length - 1] as Bucket;
          const budgetWait = own.waitMs(now);
          const wait = Math.max(budgetWait, ...needed.map((b) => b.waitMs(now)));
          if (!background) {
            // Counted only while the workspace budget is what holds it back, not its channel.
            count(budgetWait > 0 && budgetWait >= wait);
          } else if (wait === 0 && peopleWaiting.has(key)) {
            await timer.sleep(own.intervalMs, signal);
            continue;
          }
          if (wait === 0) {
            for (const b of needed) b.take(now);
            sweep(now);
            return;
          }
          await timer.sleep(wait, signal);
        }
      } finally {
        count(false);
      }
    },
    pause(call, retryAfterMs) {
      const now = timer.now();
      const channel = channelKey(call);
      if (channel) bucket(channel, limits.perChannel, now).pause(now, retryAfterMs);
      else bucket(workspaceKey(call), limits[GROUP[call.method]], now).pause(now, retryAfterMs);
      sweep(now);
    },
    get size() {
      return buckets.size;
    },
  };
}
