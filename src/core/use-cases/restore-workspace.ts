import type { CoreDeps } from '../deps.ts';
import type { WorkspaceRef } from '../types.ts';

/**
 * The bot was installed in the workspace. One that had removed it, and whose data the grace
 * period has not deleted yet, is served again as it was: its groups, steps and check-ins.
 */
export async function restoreWorkspace(deps: CoreDeps, workspace: WorkspaceRef): Promise<void> {
  if (!(await deps.store.workspaces.markRestored(workspace))) return;
  deps.logger.info(
    { platform: workspace.platform, workspace: workspace.workspaceId },
    'bot installed again in a removed workspace; it is served again',
  );
}
