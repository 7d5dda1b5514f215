/**
 * A workspace removing Rebound: `app_uninstalled`, or `tokens_revoked` naming the bot's token.
 * Bolt hands both over without authorizing them (the token is already dead). The installation is
 * marked removed (OAuth mode) and the core told, so nothing more is sent there. If that cannot be
 * written (the database away), the failure is logged; sends to the workspace then fail with its
 * dead token as transient failures (`delivery.ts`), so nobody there is marked unreachable.
 */
import type { App } from '@slack/bolt';
import type { WorkspaceLifecycle } from '../../src/core/event-handler.ts';
import type { Logger } from '../../src/core/ports/index.ts';

export interface UninstallDeps {
  readonly workspaces: WorkspaceLifecycle;
  /** Marks the workspace's installation removed (OAuth mode), or forgets it was seen (one token). */
  readonly markInstallationRemoved: (teamId: string) => Promise<void>;
  readonly logger: Logger;
}

export function registerUninstall(app: App, deps: UninstallDeps): void {
  async function removed(teamId: string, why: string): Promise<void> {
    deps.logger.info({ teamId, why }, 'slack workspace removed Rebound');
    await deps.markInstallationRemoved(teamId);
    await deps.workspaces.removed({ platform: 'slack', workspaceId: teamId });
  }

  app.event('app_uninstalled', async ({ body }) => removed(body.team_id, 'app_uninstalled'));

  app.event('tokens_revoked', async ({ event, body }) => {
    // Only the bot's token matters: Rebound asks for no user tokens.
    if ((event.tokens.bot ?? []).length === 0) return;
    await removed(body.team_id, 'tokens_revoked');
  });
}
