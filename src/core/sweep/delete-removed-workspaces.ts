import type { CoreDeps } from '../deps.ts';

/** How long a workspace that removed the bot keeps its data, for a reinstall to find it (the default of the setting). */
export const DEFAULT_REMOVED_WORKSPACE_GRACE_MS = 30 * 24 * 60 * 60_000;

/** Workspaces deleted per sweep at most: a backlog is worked off over a few minutes, never in one long pass. */
const PER_SWEEP = 20;

/**
 * Deletes the data of every workspace that removed the bot more than `graceMs` ago and did not
 * install it again: each in one transaction of its own. Returns how many workspaces went.
 */
export async function deleteRemovedWorkspaces(deps: CoreDeps, graceMs: number): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - graceMs);
  let deleted = 0;
  for (const workspace of await deps.store.workspaces.listRemovedBefore(cutoff, PER_SWEEP)) {
    const rows = await deps.store.privacy.deleteWorkspace(workspace, cutoff);
    if (rows === null) continue;
    deps.logger.info(
      { platform: workspace.platform, workspace: workspace.workspaceId, rows },
      'data of a workspace that removed the bot deleted after the grace period',
    );
    deleted++;
  }
  return deleted;
}
