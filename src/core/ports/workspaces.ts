/**
 * Workspaces the bot was removed from (Slack's app_uninstalled or tokens_revoked): nothing is sent
 * to them, and their data is deleted once the grace period has passed unless the bot comes back.
 */
import type { WorkspaceRef } from '../types.ts';

export interface WorkspaceRepository {
  /** Marks the workspace removed at `now`; false (and the first time kept) when it already was. */
  markRemoved(workspace: WorkspaceRef, now: Date): Promise<boolean>;
  /** The bot is back: clears the mark; false when the workspace was not marked removed. */
  markRestored(workspace: WorkspaceRef): Promise<boolean>;
  /** Every workspace marked removed now. */
  listRemoved(): Promise<WorkspaceRef[]>;
  /** Workspaces marked removed at or before `before`, the earliest first, at most `limit`. */
  listRemovedBefore(before: Date, limit: number): Promise<WorkspaceRef[]>;
}
