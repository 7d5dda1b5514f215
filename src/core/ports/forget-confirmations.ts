/** Forget-me confirmations: one per `/rebound forget-me`, decided once. */
import type { WorkspaceRef } from '../types.ts';

/** `deleting` while the deletion runs (a crash there leaves it to be retaken), then `deleted`. */
export type ForgetConfirmationState = 'open' | 'deleting' | 'deleted' | 'kept';

export interface ForgetConfirmation {
  readonly id: number;
  readonly workspace: WorkspaceRef;
  /** Who asked; null once their data is deleted, so the row no longer says who it was. */
  readonly userId: string | null;
  readonly state: ForgetConfirmationState;
  readonly expiresAt: Date;
  /** When it last changed state; null while open. */
  readonly decidedAt: Date | null;
}

export interface ForgetConfirmationRepository {
  /** Issues a confirmation for this person, valid until `expiresAt`; drops long-expired ones of the workspace. */
  create(workspace: WorkspaceRef, userId: string, expiresAt: Date, now: Date): Promise<ForgetConfirmation>;
  get(id: number): Promise<ForgetConfirmation | null>;
  /** Moves a confirmation to `state`; call inside a transaction after reading it. */
  decide(id: number, state: ForgetConfirmationState, now: Date): Promise<void>;
  /** Every confirmation of this person in the workspace becomes `deleted` and forgets whose it was. */
  markForgotten(workspace: WorkspaceRef, userId: string, now: Date): Promise<void>;
}
