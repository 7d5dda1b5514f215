import type { CoreDeps } from '../deps.ts';
import type { WorkspaceRef } from '../types.ts';

/**
 * The workspace removed the bot (uninstalled it, or revoked its token). From now on nothing is
 * sent there: the sweep skips its groups and steps, and what was waiting to go out (claimed, or
 * waiting to be retried, not in flight) is released, not failed, so a reinstall within the grace
 * period picks it up again. A second notice (Slack sends both app_uninstalled and tokens_revoked)
 * changes nothing.
 */
export async function removeWorkspace(deps: CoreDeps, workspace: WorkspaceRef): Promise<void> {
  const now = deps.clock.now();
  const result = await deps.store.transaction(async (tx) => {
    const first = await tx.workspaces.markRemoved(workspace, now);
    const { released, nudgeSubjects } = await tx.deliveries.releaseWorkspace(workspace);
    await tx.followUps.clearNudged(nudgeSubjects);
    return { first, released };
  });
  deps.logger.info(
    { platform: workspace.platform, workspace: workspace.workspaceId, released: result.released, first: result.first },
    'bot removed from the workspace; nothing more is sent there',
  );
}
