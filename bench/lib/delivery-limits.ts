/**
 * The rate-limit windows the delivery benchmarks' fake platforms enforce. Both decide at the
 * moment a request arrives, and a refused request does not count against any window: `wait`
 * asks every limit a request is under first, and only a request all of them allow is `take`n.
 */

interface Window {
  /** 0 when one more request fits now, else how long until one does (ms). */
  wait(now: number): number;
  /** Counts one request (call only after `wait` said 0). */
  take(now: number): void;
}

/**
 * At most `limit` accepted requests in any `windowMs` milliseconds: stricter than a fixed window
 * (no double burst across a window edge), and over a long drain it allows the same rate.
 */
export class SlidingWindow implements Window {
  readonly #accepted: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  wait(now: number): number {
    const accepted = this.#accepted;
    while (accepted.length > 0 && (accepted[0] as number) <= now - this.windowMs) accepted.shift();
    return accepted.length < this.limit ? 0 : (accepted[0] as number) + this.windowMs - now;
  }

  take(now: number): void {
    this.#accepted.push(now);
  }
}

/**
 * `limit` requests per window, the window starting at the first request after the previous one
 * ended: Discord's buckets as its headers describe them (limit, remaining, reset after).
 */
export class FixedWindow implements Window {
  #count = 0;
  #resetAt = -Infinity;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  wait(now: number): number {
    if (now >= this.#resetAt) return 0;
    return this.#count < this.limit ? 0 : this.#resetAt - now;
  }

  take(now: number): void {
    if (now >= this.#resetAt) {
      this.#count = 0;
      this.#resetAt = now + this.windowMs;
    }
    this.#count += 1;
  }

  /** Requests left in the current window, after those taken. */
  remaining(now: number): number {
    return now >= this.#resetAt ? this.limit : this.limit - this.#count;
  }

  /** Milliseconds until the current window ends (a full window when none is running). */
  resetAfterMs(now: number): number {
    return now >= this.#resetAt ? this.windowMs : this.#resetAt - now;
  }
}

/** One window per key (a channel, a token), made on first use. */
export class Windows<W extends Window> {
  readonly #windows = new Map<string, W>();

  constructor(readonly make: () => W) {}

  of(key: string): W {
    let window = this.#windows.get(key);
    if (!window) this.#windows.set(key, (window = this.make()));
    return window;
  }
}

/** The longest wait any of these windows asks for; 0 when all allow a request now. */
export function longestWait(windows: readonly Window[], now: number): number {
  return Math.max(0, ...windows.map((w) => w.wait(now)));
}
