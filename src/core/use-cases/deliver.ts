/**
 * Sending with the platform's failure modes in mind: rate limited → wait what the platform said
 * and retry; transient → back off and retry a bounded number of times; permanent → give up at once
 * so the caller can fall back. The wait is injected so tests never sleep.
 */
import { DeliveryError } from '../errors.ts';

export interface RetryPolicy {
  /** Waits `ms` milliseconds (a real timer in production, instant in tests and the console). */
  readonly wait: (ms: number) => Promise<void>;
  readonly maxAttempts: number;
  /** Backoff before retry N (1-based) after a transient failure. */
  readonly backoffMs: (retry: number) => number;
  /** Longest rate-limit wait we accept before treating it as transient. */
  readonly maxRateLimitWaitMs: number;
}

export const DEFAULT_RETRY: Omit<RetryPolicy, 'wait'> = {
  maxAttempts: 4,
  backoffMs: (retry) => Math.min(30_000, 1000 * 4 ** (retry - 1)),
  maxRateLimitWaitMs: 120_000,
};

export async function sendWithRetry<T>(send: () => Promise<T>, policy: RetryPolicy, onRetry?: (error: DeliveryError, attempt: number) => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : DeliveryError.transient('unexpected send failure', error);
      if (failure.kind === 'permanent' || attempt >= policy.maxAttempts) throw failure;
      onRetry?.(failure, attempt);
      const delay =
        failure.kind === 'rate-limited' && failure.retryAfterMs !== undefined && failure.retryAfterMs <= policy.maxRateLimitWaitMs
          ? failure.retryAfterMs
          : policy.backoffMs(attempt);
      await policy.wait(delay);
    }
  }
}
