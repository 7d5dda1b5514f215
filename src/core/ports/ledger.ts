/** The delivery ledger: idempotency keys claimed before a send and marked after. */
import type { MessageRef, WorkspaceRef } from '../types.ts';
import type { SentMessage } from './chat.ts';

/** The kinds of ledger entry; stored in every row, so existing names must not change (entries are built in `sweep/ledger-keys.ts`). */
export const LEDGER_KINDS = [
  'nudge',
  'checkin',
  'reminder',
  'reminder-paused',
  'digest',
  'digest-chart',
  'network',
  'network-week',
] as const;

export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** Built by `ledgerClaim` from a typed ledger entry; never assembled by hand. */
export interface NewDelivery {
  readonly key: string;
  readonly kind: LedgerKind;
  readonly workspace: WorkspaceRef;
  readonly memberId: number | null;
  /** What is delivered: the follow-up id for a nudge item, the group id for a check-in, … */
  readonly subjectId: number | null;
  /** The local date a delivery is for (a check-in post, a reminder, a paused day), when it is for one. */
  readonly localDate: string | null;
  /** Which process claims it (host:pid:random), for diagnosis. */
  readonly owner: string;
}

/**
 * `claimed`: held by one process. `retry`: refused transiently, claimable again from `retryAt`.
 * `sent`, `failed` (refused for good, or retried for the whole window) and `abandoned` (its outcome
 * is unknown, or its day ended) are final.
 */
export const DELIVERY_STATUSES = ['claimed', 'retry', 'sent', 'failed', 'abandoned'] as const;

export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface Delivery {
  readonly key: string;
  readonly kind: LedgerKind;
  readonly memberId: number | null;
  readonly subjectId: number | null;
  readonly owner: string;
  readonly channelId: string | null;
  readonly messageId: string | null;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  /** An attempt's request may have left and its answer is not recorded: the outcome is unknown. */
  readonly inFlight: boolean;
  readonly retryAt: Date | null;
  readonly firstFailedAt: Date | null;
  readonly claimedAt: Date;
  readonly sentAt: Date | null;
  readonly error: string | null;
}

/**
 * The exactly-once ledger. A delivery is claimed under its idempotency key before anything is
 * sent (the unique key makes the claim atomic across processes) and marked after.
 */
export interface DeliveryRepository {
  /**
   * True when this caller now owns the key; false when anyone holds it. A key waiting as `retry`
   * whose `retryAt` has come is claimable again (its attempts and first failure are kept).
   */
  claim(input: NewDelivery, now: Date): Promise<boolean>;
  /** Claims many keys at once, as `claim`; returns the keys this caller now owns. */
  claimMany(inputs: readonly NewDelivery[], now: Date): Promise<Set<string>>;
  /**
   * Written just before the platform is called: counts one more send attempt on every key, marks
   * it in flight (its outcome unknown until recorded) and renews the lease (`claimedAt` = now), but
   * only if `owner` still holds all of them as claims. False (and nothing written) when any key was
   * released or taken meanwhile: then do not send.
   */
  startAttempt(keys: readonly string[], owner: string, now: Date): Promise<boolean>;
  /** The platform answered the attempt with a refusal: the outcome is known again (not in flight). */
  markRefused(keys: readonly string[], owner: string): Promise<void>;
  /**
   * A transient refusal: `owner`'s claims on these keys wait as `retry` until `at`, not in flight;
   * the first failure's time is kept from the first time. Returns how many keys it moved.
   */
  scheduleRetry(
    keys: readonly string[],
    owner: string,
    retry: { readonly at: Date; readonly error: string; readonly now: Date },
  ): Promise<number>;
  /** Renews the lease of every claim `owner` holds (a live process keeps its claims); returns how many. */
  renewClaims(owner: string, now: Date): Promise<number>;
  /** Deletes `owner`'s claims on these keys that never had a send attempt; returns how many. */
  releaseUnattempted(keys: readonly string[], owner: string): Promise<number>;
  /** Which of these keys cannot be claimed at `now`: any status but a `retry` whose time has come. */
  heldKeys(keys: readonly string[], now: Date): Promise<Set<string>>;
  /** The local dates of one member's deliveries of one kind (e.g. the days a reminder was skipped for a pause). */
  localDatesForMember(memberId: number, kind: LedgerKind): Promise<string[]>;
  markSent(key: string, sent: SentMessage | null, now: Date): Promise<void>;
  markFailed(key: string, error: string, now: Date): Promise<void>;
  get(key: string): Promise<Delivery | null>;
  /** Deliveries that share one sent message (the items of one nudge), in the order they were claimed. */
  listByMessage(message: MessageRef): Promise<Delivery[]>;
  /** Claims still unmarked since before `claimedBefore`: their process died or hung. */
  listStaleClaims(claimedBefore: Date, limit: number): Promise<Delivery[]>;
  /** Deletes a claim nothing was sent for (still claimed, no attempt), so the work can be claimed again; false if it was not such a claim. */
  release(key: string): Promise<boolean>;
  /**
   * The workspace removed the bot: deletes its deliveries still waiting (claimed or `retry`, not in
   * flight), so they are neither failed nor sent, and can be claimed again if it comes back.
   * Returns the follow-up ids of the nudges among them (to be seen as not nudged again).
   */
  releaseWorkspace(workspace: WorkspaceRef): Promise<{ readonly released: number; readonly nudgeSubjects: number[] }>;
  /** Gives up on a claim whose send may or may not have reached the platform (never resent); only a key still `claimed`. */
  markAbandoned(key: string, reason: string): Promise<void>;
}
