/**
 * Inbound deduplication: the platform ids of deliveries already taken in, kept in the database so
 * that a retry reaching another process, or arriving after a restart, is still recognised.
 */
import type { WorkspaceRef } from '../types.ts';

/** What a recorded id names; stored in every row, so existing names must not change. */
export const INBOUND_KINDS = [
  /** A Slack Events API `event_id`. */
  'event',
  /** A Slack slash command's `trigger_id`. */
  'command',
  /** A Slack modal submission's `trigger_id`. */
  'form-submit',
  /** A Discord interaction id. */
  'interaction',
  /** A Discord message id (a gateway RESUME can replay a MESSAGE_CREATE). */
  'message',
] as const;

export type InboundKind = (typeof INBOUND_KINDS)[number];

/**
 * The record of inbound deliveries. The key is platform + workspace + kind + id; recording it is
 * atomic across processes on one database, so exactly one of two replicas handed the same retry
 * goes on to handle it.
 */
export interface InboundLedger {
  /**
   * Records the key as seen at `now`. True only the first time it is recorded (by any process);
   * false for every later delivery until the entry is pruned (see `sweep/prune-inbound-ledger.ts`).
   */
  firstDelivery(workspace: WorkspaceRef, kind: InboundKind, id: string, now: Date): Promise<boolean>;
  /** Deletes the entries recorded before `before`, so the table holds only the retention window; returns how many. */
  prune(before: Date): Promise<number>;
}
