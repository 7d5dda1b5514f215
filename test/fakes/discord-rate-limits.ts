/**
 * Discord's rate limits as the fake REST server enforces them: the global limit per token and
 * per-route buckets per major parameter, answered with the headers Discord sends
 * (https://discord.com/developers/docs/topics/rate-limits).
 */
import type { ScriptedAnswer } from './discord-rest.ts';

/** One route's bucket: `limit` requests per `windowMs`, counted per major parameter. */
export interface BucketRule {
  readonly method: string;
  /** Matches the path after `/api/v10`; its first group is the major parameter (a channel id). */
  readonly path: RegExp;
  readonly limit: number;
  readonly windowMs: number;
  /** The `X-RateLimit-Bucket` hash: one per route, the same for every channel, as Discord does. */
  readonly hash: string;
}

/** Message create: 5 per 5 s per channel. */
export const MESSAGE_CREATE_BUCKET: BucketRule = {
  method: 'POST',
  path: /^\/channels\/(\d+)\/messages$/,
  limit: 5,
  windowMs: 5000,
  hash: 'a06de4e1b3b7c1e5d1f3b2c0a9e8d7f6',
};

export interface RateLimits {
  /** Requests per second per token; beyond it a global 429. No global limit when absent. */
  readonly globalPerSecond?: number;
  readonly buckets?: readonly BucketRule[];
}

/** A fixed window that opens with its first request. */
class Window {
  #used = 0;
  #resetAt = 0;
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one request; `allowed` false once the window's limit is used up. */
  take(now: number): { allowed: boolean; remaining: number; resetAfterMs: number } {
    if (now >= this.#resetAt) {
      this.#used = 0;
      this.#resetAt = now + this.windowMs;
    }
    const allowed = this.#used < this.limit;
    if (allowed) this.#used += 1;
    return { allowed, remaining: this.limit - this.#used, resetAfterMs: this.#resetAt - now };
  }
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

export class RateLimiter {
  #global = new Map<string, Window>();
  #buckets = new Map<string, Window>();

  constructor(readonly limits: RateLimits) {}

  /** A global 429 when this token is over its limit; the request is not counted in any bucket then. */
  global(token: string, now: number): ScriptedAnswer | undefined {
    const perSecond = this.limits.globalPerSecond;
    if (perSecond === undefined) return undefined;
    const window = this.#global.get(token) ?? new Window(perSecond, 1000);
    this.#global.set(token, window);
    const taken = window.take(now);
    if (taken.allowed) return undefined;
    return {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: taken.resetAfterMs / 1000, global: true, code: 0 },
      headers: {
        'retry-after': seconds(taken.resetAfterMs),
        'x-ratelimit-global': 'true',
        'x-ratelimit-scope': 'global',
      },
    };
  }

  /**
   * Counts the request in its route's bucket: the headers to answer with, and a 429 when the
   * bucket is used up. Nothing for a route without a bucket.
   */
  bucket(
    method: string,
    path: string,
    now: number,
  ): { headers: Record<string, string>; refusal: ScriptedAnswer | undefined } | undefined {
    for (const rule of this.limits.buckets ?? []) {
      const match = method === rule.method ? rule.path.exec(path) : null;
      if (!match) continue;
      const key = `${rule.hash}:${match[1] ?? ''}`;
      const window = this.#buckets.get(key) ?? new Window(rule.limit, rule.windowMs);
      this.#buckets.set(key, window);
      const taken = window.take(now);
      const headers = {
        'x-ratelimit-bucket': rule.hash,
        'x-ratelimit-limit': String(rule.limit),
        'x-ratelimit-remaining': String(taken.remaining),
        'x-ratelimit-reset-after': seconds(taken.resetAfterMs),
        'x-ratelimit-reset': seconds(Date.now() + taken.resetAfterMs),
      };
      if (taken.allowed) return { headers, refusal: undefined };
      const refusal: ScriptedAnswer = {
        status: 429,
        body: {
          message: 'You are being rate limited.',
          retry_after: taken.resetAfterMs / 1000,
          global: false,
          code: 0,
        },
        headers: { ...headers, 'retry-after': seconds(taken.resetAfterMs), 'x-ratelimit-scope': 'user' },
      };
      return { headers, refusal };
    }
    return undefined;
  }
}
