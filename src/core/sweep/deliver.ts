/**
 * Sending with the platform's failure modes in mind: rate limited → wait what the platform said
 * and retry; transient → back off and retry a bounded number of times; permanent → give up at once
 * so the caller can fall back. The wait is injected so tests never sleep.
 */
import type { CoreDeps } from '../deps.ts';
import { DeliveryError } from '../errors.ts';
import type { Message } from '../messages.ts';
import type { SentMessage, Store } from '../ports/index.ts';
import type { Group, Member } from '../types.ts';

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

export async function sendWithRetry<T>(
  send: () => Promise<T>,
  policy: RetryPolicy,
  onRetry?: (error: DeliveryError, attempt: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (error instanceof ClaimLostError) throw error;
      const failure =
        error instanceof DeliveryError ? error : DeliveryError.transient('unexpected send failure', error);
      if (failure.kind === 'permanent' || attempt >= policy.maxAttempts) throw failure;
      onRetry?.(failure, attempt);
      const delay =
        failure.kind === 'rate-limited' &&
        failure.retryAfterMs !== undefined &&
        failure.retryAfterMs <= policy.maxRateLimitWaitMs
          ? failure.retryAfterMs
          : policy.backoffMs(attempt);
      await policy.wait(delay);
    }
  }
}

/** Thrown when this process no longer holds a delivery's claim: another process's recovery released it. Never retried. */
export class ClaimLostError extends Error {
  override readonly name = 'ClaimLostError';
}

export type ClaimedOutcome<S extends SentMessage = SentMessage> =
  | { readonly outcome: 'sent'; readonly sent: S }
  | { readonly outcome: 'lost' }
  | { readonly outcome: 'failed'; readonly error: DeliveryError };

/**
 * Sends a claimed delivery under the ledger's rules: before every platform call (retries too) the
 * attempt is written and the claim's ownership checked; right after the platform accepts, the keys
 * are marked sent, together with `record` (what the caller stores about the sent message, through
 * `tx`), in one local transaction. That transaction is the whole window in which a crash leaves the
 * outcome unknown.
 */
export async function sendClaimed<S extends SentMessage>(
  deps: CoreDeps,
  claim: { readonly keys: readonly string[]; readonly owner: string },
  policy: RetryPolicy,
  send: () => Promise<S>,
  record?: (tx: Store, sent: S, now: Date) => Promise<void>,
): Promise<ClaimedOutcome<S>> {
  try {
    const sent = await sendWithRetry(async () => {
      const owned = await deps.store.transaction((tx) =>
        tx.deliveries.startAttempt(claim.keys, claim.owner, deps.clock.now()),
      );
      if (!owned) throw new ClaimLostError('claim released or taken by another process');
      return send();
    }, policy);
    const now = deps.clock.now();
    await deps.store.transaction(async (tx) => {
      for (const key of claim.keys) await tx.deliveries.markSent(key, sent, now);
      await record?.(tx, sent, now);
    });
    return { outcome: 'sent', sent };
  } catch (error) {
    if (error instanceof ClaimLostError) return { outcome: 'lost' };
    if (error instanceof DeliveryError) return { outcome: 'failed', error };
    throw error;
  }
}

/** Marks keys failed after the retries ran out or a permanent refusal; the caller logs it. */
export async function markFailed(deps: CoreDeps, keys: readonly string[], error: DeliveryError): Promise<void> {
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    for (const k of keys) await tx.deliveries.markFailed(k, `${error.kind}: ${error.message}`, now);
  });
}

/**
 * A claimed message for one member: a DM, or, when DMs fail permanently (closed, user gone), one
 * mention in the group channel instead; the member is then marked unreachable by DM so later
 * messages go to the channel directly. Failures are marked in the ledger and logged, never dropped.
 */
export async function sendToMember(
  deps: CoreDeps,
  target: { readonly member: Member; readonly group: Group; readonly message: Message; readonly channelIntro: string },
  claim: { readonly keys: readonly string[]; readonly owner: string; readonly what: string },
  policy: RetryPolicy,
): Promise<ClaimedOutcome> {
  const { member, group } = target;
  const log = {
    platform: member.workspace.platform,
    workspace: member.workspace.workspaceId,
    group: group.id,
    member: member.id,
    what: claim.what,
    items: claim.keys.length,
  };
  const inChannel = () =>
    sendClaimed(deps, claim, policy, () =>
      deps.chat.postToChannel(
        { workspace: group.workspace, channelId: group.channelId },
        {
          ...target.message,
          blocks: [{ type: 'mention', userIds: [member.userId], text: target.channelIntro }, ...target.message.blocks],
        },
      ),
    );
  let result = member.dmUnreachable
    ? await inChannel()
    : await sendClaimed(deps, claim, policy, () =>
        deps.chat.sendDirect({ workspace: member.workspace, userId: member.userId }, target.message),
      );
  if (result.outcome === 'failed' && result.error.kind === 'permanent' && !member.dmUnreachable) {
    deps.logger.warn(
      { ...log, failure: 'permanent' },
      'DM failed permanently; falling back to one mention in the group channel',
    );
    await deps.store.members.update(member.id, { dmUnreachable: true });
    result = await inChannel();
  }
  if (result.outcome === 'failed') {
    await markFailed(deps, claim.keys, result.error);
    deps.logger.error({ ...log, outcome: 'failed', failure: result.error.kind }, `${claim.what} not delivered`);
  } else if (result.outcome === 'lost') {
    deps.logger.warn({ ...log, outcome: 'lost' }, `${claim.what} claim was released by another process; not sent here`);
  } else {
    deps.logger.info({ ...log, outcome: 'sent' }, `${claim.what} delivered`);
  }
  return result;
}
