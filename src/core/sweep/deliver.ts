/**
 * One claimed send under the ledger's rules. The attempt is written right before the request
 * leaves (the adapter calls `beforeRequest` after any wait for the platform's limits), and what
 * the platform answered decides what happens next:
 * - accepted → marked sent, with what the caller stores about the message, in one transaction;
 * - rate limited → the attempt is known refused; wait what the platform said, and send again;
 * - transient (refused, or never sent) → waits as `retry` for a later sweep, with growing backoff,
 *   for the retry window; then it is given up and marked failed;
 * - permanent → returned, so the caller can fall back (a DM to one mention in the channel);
 * - unknown (the request left, no answer came) → abandoned at once: never sent again.
 * The wait is injected so tests never sleep.
 */
import type { CoreDeps } from '../deps.ts';
import { DeliveryError } from '../errors.ts';
import type { SendOptions, SentMessage, Store } from '../ports/index.ts';

export interface RetryPolicy {
  /** Waits `ms` milliseconds (a real timer in production, instant in tests and the console). */
  readonly wait: (ms: number) => Promise<void>;
  /** Rate-limit waits one send may add up to before it is treated as a transient failure. */
  readonly maxRateLimitWaitMs: number;
  /** How long a key waits as `retry` after its Nth attempt failed transiently. */
  readonly retryDelayMs: (attempts: number) => number;
  /** From the first transient failure, how long retries go on before the send is given up. */
  readonly retryWindowMs: number;
  /** Told when a retry falls due, so a sweep can run then rather than at the next heartbeat. */
  readonly onRetryScheduled?: (at: Date) => void;
}

export const DEFAULT_RETRY: Omit<RetryPolicy, 'wait'> = {
  maxRateLimitWaitMs: 10 * 60_000,
  // 5, 10, 20, 40 s, … doubling, never more than an hour between tries: a short outage is over
  // in seconds, a long one costs a try an hour.
  retryDelayMs: (attempts) => Math.min(60 * 60_000, 5_000 * 2 ** Math.max(0, attempts - 1)),
  retryWindowMs: 24 * 60 * 60_000,
};

/** Thrown when this process no longer holds a delivery's claim: another process's recovery released it. Never retried. */
export class ClaimLostError extends Error {
  override readonly name = 'ClaimLostError';
}

export type ClaimedOutcome<S extends SentMessage | null = SentMessage> =
  | { readonly outcome: 'sent'; readonly sent: S }
  | { readonly outcome: 'lost' }
  /** Refused for good; the keys are still claimed, for the caller to fall back or mark failed. */
  | { readonly outcome: 'failed'; readonly error: DeliveryError }
  /** Refused for now; the keys wait as `retry` for a later sweep. */
  | { readonly outcome: 'retry'; readonly error: DeliveryError; readonly retryAt: Date }
  /** Retried for the whole window; the keys are marked failed. */
  | { readonly outcome: 'given-up'; readonly error: DeliveryError }
  /** The request left and no answer came; the keys are abandoned, never resent. */
  | { readonly outcome: 'unknown'; readonly error: DeliveryError };

/** How many sends ended in each way. */
export type OutcomeCounts = Record<ClaimedOutcome['outcome'], number>;

export const noOutcomes = (): OutcomeCounts => ({ sent: 0, lost: 0, failed: 0, retry: 0, 'given-up': 0, unknown: 0 });

/** The queue lane of a workspace: sends of one workspace share its limits, other workspaces are independent. */
export const laneOf = (workspace: { readonly platform: string; readonly workspaceId: string }): string =>
  `${workspace.platform}:${workspace.workspaceId}`;

export interface Claim {
  readonly keys: readonly string[];
  readonly owner: string;
  /**
   * Runs in the transaction that moves the keys to `retry`: what makes the work visible to a later
   * sweep again (a nudge's follow-ups are no longer marked nudged).
   */
  readonly onRetry?: (tx: Store) => Promise<void>;
}

function asDeliveryError(error: unknown, attempted: boolean): DeliveryError {
  if (error instanceof DeliveryError) {
    // Nothing left if the attempt was never started: not unknown, only not sent.
    return error.kind === 'unknown' && !attempted ? DeliveryError.transient(error.message, error) : error;
  }
  const message = `unexpected send failure: ${error instanceof Error ? error.message : 'unknown'}`;
  return attempted ? DeliveryError.unknown(message, error) : DeliveryError.transient(message, error);
}

export async function sendClaimed<S extends SentMessage | null>(
  deps: CoreDeps,
  claim: Claim,
  policy: RetryPolicy,
  send: (options: SendOptions) => Promise<S>,
  record?: (tx: Store, sent: S, now: Date) => Promise<void>,
): Promise<ClaimedOutcome<S>> {
  const { keys, owner } = claim;
  let rateLimitWaited = 0;
  for (;;) {
    let attempted = false;
    const beforeRequest = async () => {
      const owned = await deps.store.transaction((tx) => tx.deliveries.startAttempt(keys, owner, deps.clock.now()));
      if (!owned) throw new ClaimLostError('claim released or taken by another process');
      attempted = true;
    };
    let failure: DeliveryError;
    try {
      const sent = await send({ beforeRequest, background: true });
      const now = deps.clock.now();
      await deps.store.transaction(async (tx) => {
        for (const key of keys) await tx.deliveries.markSent(key, sent, now);
        await record?.(tx, sent, now);
      });
      return { outcome: 'sent', sent };
    } catch (error) {
      if (error instanceof ClaimLostError) return { outcome: 'lost' };
      failure = asDeliveryError(error, attempted);
    }
    if (failure.kind === 'unknown') {
      await deps.store.transaction(async (tx) => {
        for (const key of keys) await tx.deliveries.markAbandoned(key, `outcome unknown: ${failure.message}`);
      });
      return { outcome: 'unknown', error: failure };
    }
    if (attempted) await deps.store.deliveries.markRefused(keys, owner);
    if (failure.kind === 'permanent') return { outcome: 'failed', error: failure };
    if (failure.kind === 'rate-limited') {
      const delay = Math.max(0, failure.retryAfterMs ?? 1000);
      if (rateLimitWaited + delay <= policy.maxRateLimitWaitMs) {
        rateLimitWaited += delay;
        await policy.wait(delay);
        continue;
      }
    }
    return scheduleRetry(deps, claim, policy, failure);
  }
}

/** A transient refusal: wait as `retry`, or give up when the retry window from the first failure has passed. */
async function scheduleRetry(
  deps: CoreDeps,
  claim: Claim,
  policy: RetryPolicy,
  failure: DeliveryError,
): Promise<ClaimedOutcome<never>> {
  const now = deps.clock.now();
  const row = await deps.store.deliveries.get(claim.keys[0] ?? '');
  const first = row?.firstFailedAt ?? now;
  if (now.getTime() - first.getTime() >= policy.retryWindowMs) {
    await markFailed(deps, claim.keys, failure);
    return { outcome: 'given-up', error: failure };
  }
  const retryAt = new Date(now.getTime() + policy.retryDelayMs(Math.max(1, row?.attempts ?? 1)));
  const moved = await deps.store.transaction(async (tx) => {
    const n = await tx.deliveries.scheduleRetry(claim.keys, claim.owner, {
      at: retryAt,
      error: `${failure.kind}: ${failure.message}`,
      now,
    });
    if (n > 0) await claim.onRetry?.(tx);
    return n;
  });
  if (moved === 0) return { outcome: 'lost' };
  policy.onRetryScheduled?.(retryAt);
  return { outcome: 'retry', error: failure, retryAt };
}

/** Marks keys failed after a permanent refusal with no fallback left, or the retry window passed; the caller logs it. */
export async function markFailed(deps: CoreDeps, keys: readonly string[], error: DeliveryError): Promise<void> {
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    for (const k of keys) await tx.deliveries.markFailed(k, `${error.kind}: ${error.message}`, now);
  });
}

/** The log line's words and level for an outcome that is not `sent`. */
export function describeOutcome(result: ClaimedOutcome): { level: 'warn' | 'error'; words: string } {
  switch (result.outcome) {
    case 'lost':
      return { level: 'warn', words: 'claim was released by another process; not sent here' };
    case 'retry':
      return { level: 'warn', words: `not delivered yet (${result.error.kind}); retried by a later sweep` };
    case 'unknown':
      return { level: 'error', words: 'outcome unknown (the request left and no answer came); abandoned, not resent' };
    case 'given-up':
      return { level: 'error', words: 'not delivered: retried for the whole retry window, given up' };
    case 'failed':
      return { level: 'error', words: 'not delivered: refused' };
    case 'sent':
      return { level: 'warn', words: 'delivered' };
  }
}
