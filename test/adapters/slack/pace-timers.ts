/** Time sources for the Slack adapter's pacing in tests: nothing here waits for real. */
import type { PaceTimer } from '../../../adapters/slack/pace.ts';

/** Moves only when told to: sleepers wake in order of their deadline as `advance` passes it. */
export class ManualTimer implements PaceTimer {
  #now = 0;
  readonly #sleepers: { readonly at: number; readonly wake: () => void }[] = [];

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const sleeper = {
        at: this.#now + ms,
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.#sleepers.splice(this.#sleepers.indexOf(sleeper), 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#sleepers.push(sleeper);
    });
  }

  /** How many callers are waiting. */
  get sleeping(): number {
    return this.#sleepers.length;
  }

  /** Moves time on by `ms`, waking each sleeper at its deadline and letting it run before the next. */
  async advance(ms: number): Promise<void> {
    const until = this.#now + ms;
    for (;;) {
      await settle();
      const next = this.#sleepers.filter((s) => s.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.#sleepers.splice(this.#sleepers.indexOf(next), 1);
      this.#now = Math.max(this.#now, next.at);
      next.wake();
    }
    this.#now = until;
    await settle();
  }
}

/** Lets every pending promise continuation run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Virtual time that jumps ahead by whatever anyone sleeps: pacing keeps its order and counts, and
 * a test through the whole adapter never waits on it.
 */
export function skippingTimer(): PaceTimer {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      now += ms;
      await settle();
    },
  };
}
