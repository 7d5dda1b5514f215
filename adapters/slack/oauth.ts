/**
 * Slack OAuth mode: many workspaces, each with its own bot token from its installation.
 * `/slack/install` and `/slack/oauth_redirect` are served by Bolt's HTTPReceiver through
 * @slack/oauth's InstallProvider (state signed with the state secret, checked against the browser's
 * state cookie); what it stores goes to the database through `installationStore`. Inbound requests
 * (`authorize`) and proactive sends (`clientFor`) look the team's installation up, through a short
 * cache so a busy workspace does not read its row on every request. With token rotation, a token
 * close to its expiry is refreshed first (`token-refresh.ts`), once per workspace across replicas.
 */
import type { Authorize, Installation, InstallationStore, webApi } from '@slack/bolt';
import type { Clock } from '../../src/core/clock.ts';
import { DeliveryError } from '../../src/core/errors.ts';
import type { LeaseRepository, Logger } from '../../src/core/ports/index.ts';
import type { SlackInstallationRepository, StoredSlackInstallation } from './installations.ts';
import { createTokenRefresher, needsRefresh, TokenRefreshError, type TokenRefresherOptions } from './token-refresh.ts';

/** The bot scopes Rebound asks for when a workspace installs it: those of `manifest.json`. */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'im:write',
  'files:write',
  'reactions:read',
  'users:read',
  'channels:history',
  'groups:history',
  'im:history',
] as const;

/** A token that could not be refreshed is still used while it has more than this left. */
export const STILL_USABLE_MS = 5 * 60_000;
/** After a failed refresh, how long before the next is tried (meanwhile the token is used while it lasts). */
export const REFRESH_RETRY_MS = 30_000;

/** How long a workspace's installation is used from memory before it is read again. */
export const INSTALLATION_CACHE_MS = 60_000;

export interface SlackOAuthOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Signs the `state` of each install link (and its cookie), so a forged or stale one is refused. */
  readonly stateSecret: string;
  /** Where the installations are kept, their tokens sealed. */
  readonly installations: SlackInstallationRepository;
  /** Where replicas agree which of them refreshes a workspace's rotating token (one at a time). */
  readonly leases: LeaseRepository;
  /** Waiting on another replica's refresh: how often to read again, for how long. 200 ms steps for 15 s when absent. */
  readonly refreshWait?: TokenRefresherOptions['wait'];
}

export interface InstallationAccess {
  /** Bolt's `authorize`: the bot token and ids of the workspace a request comes from. */
  readonly authorize: Authorize<boolean>;
  /** The Web API client of the team a proactive send is for; a transient DeliveryError when it has not installed Rebound. */
  clientFor(teamId: string): Promise<webApi.WebClient>;
  /** What InstallProvider stores a finished install in. */
  readonly installationStore: InstallationStore;
  /** The workspace uninstalled the app or revoked its token: its installation is used no more. */
  markRemoved(teamId: string): Promise<void>;
}

export function createInstallationAccess(
  options: SlackOAuthOptions,
  deps: {
    readonly clock: Clock;
    readonly logger: Logger;
    readonly clientOf: (token: string) => webApi.WebClient;
    /** Told once a workspace's installation is stored (a first install or a reinstall). */
    readonly onInstalled: (teamId: string) => Promise<void>;
  },
): InstallationAccess {
  const { installations } = options;
  const cached = new Map<string, { readonly at: number; readonly found: Promise<StoredSlackInstallation | null> }>();
  const clients = new Map<string, { readonly token: string; readonly client: webApi.WebClient }>();
  const refresher = createTokenRefresher({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    installations,
    leases: options.leases,
    // No token: the refresh authenticates with the client id and secret.
    client: deps.clientOf(''),
    clock: deps.clock,
    logger: deps.logger,
    ...(options.refreshWait ? { wait: options.refreshWait } : {}),
  });

  /** The workspace's installation while it is installed: one it uninstalled counts as none. */
  const current = async (teamId: string): Promise<StoredSlackInstallation | null> => {
    const found = await installations.find(teamId);
    return found && !found.removedAt ? found : null;
  };

  const lookUp = (teamId: string): Promise<StoredSlackInstallation | null> => {
    const now = deps.clock.now().getTime();
    const hit = cached.get(teamId);
    if (hit && now - hit.at < INSTALLATION_CACHE_MS) return hit.found;
    const found = current(teamId);
    cached.set(teamId, { at: now, found });
    // Only an installation is remembered: a workspace that installs in a moment is seen at once.
    found.then(
      (installation) => installation ?? cached.delete(teamId),
      () => cached.delete(teamId),
    );
    return found;
  };

  /** When each workspace's last refresh failed: the next one waits `REFRESH_RETRY_MS` (a sweep's sends do not each ask). */
  const failedAt = new Map<string, number>();

  /** The installation, its token refreshed first when it expires soon; the refreshed one is what is cached. */
  const usable = async (installation: StoredSlackInstallation): Promise<StoredSlackInstallation> => {
    if (!needsRefresh(installation, deps.clock.now())) return installation;
    const now = deps.clock.now().getTime();
    // Slack refusing the refresh (or being away) for a while costs nothing while the token lasts:
    // it is used until shortly before it expires, and the refresh is tried again now and then.
    const stillUsable = (installation.tokenExpiresAt?.getTime() ?? 0) - now > STILL_USABLE_MS;
    const failed = failedAt.get(installation.teamId);
    if (failed !== undefined && now - failed < REFRESH_RETRY_MS) {
      if (stillUsable) return installation;
      throw new TokenRefreshError(
        'refresh-failed',
        `the bot token of workspace ${installation.teamId} was not refreshed`,
      );
    }
    const fresh = await refresher.refresh(installation.teamId).catch((error: unknown) => {
      failedAt.set(installation.teamId, deps.clock.now().getTime());
      if (stillUsable) return installation;
      throw error;
    });
    if (fresh === installation) return installation;
    failedAt.delete(installation.teamId);
    cached.set(installation.teamId, { at: deps.clock.now().getTime(), found: Promise.resolve(fresh) });
    return fresh;
  };

  const authorize: Authorize<boolean> = async (source) => {
    const found = source.teamId ? await lookUp(source.teamId) : null;
    if (!found) {
      deps.logger.warn({ teamId: source.teamId ?? 'none' }, 'slack workspace has not installed Rebound');
      throw new Error(`workspace ${source.teamId ?? '(none)'} has not installed Rebound`);
    }
    // A token that could not be refreshed is not used: the request goes unanswered.
    const installation = await usable(found);
    return {
      botToken: installation.botToken,
      botId: installation.botId,
      botUserId: installation.botUserId,
      teamId: installation.teamId,
      ...(installation.enterpriseId ? { enterpriseId: installation.enterpriseId } : {}),
    };
  };

  return {
    authorize,
    async clientFor(teamId) {
      // An installation that cannot be read (the database, or a token sealed with another key)
      // is no refusal by Slack: nothing was sent, and later sweeps try again.
      const installation = await lookUp(teamId).catch((error: unknown) => {
        deps.logger.error(
          { teamId, error: error instanceof Error ? error.name : 'unknown' },
          'slack installation unreadable',
        );
        throw DeliveryError.transient(`the installation of workspace ${teamId} could not be read`, error);
      });
      // Not a refusal about the member (a permanent failure would mark their DMs unreachable and
      // move every nudge to the group channel, which fails the same way): the send waits, is
      // retried for the retry window, and goes out if the workspace installs again meanwhile.
      // A removed installation (its token is dead) is none: nothing is attempted with it.
      if (!installation) {
        throw DeliveryError.transient(`workspace ${teamId} has not installed Rebound`);
      }
      // Nothing is sent with an expiring token that could not be refreshed; the send is tried again later.
      const { botToken } = await usable(installation).catch((error: unknown) => {
        throw DeliveryError.transient(`the bot token of workspace ${teamId} could not be refreshed`, error);
      });
      const known = clients.get(teamId);
      if (known?.token === botToken) return known.client;
      const client = deps.clientOf(botToken);
      clients.set(teamId, { token: botToken, client });
      return client;
    },
    async markRemoved(teamId) {
      await installations.markRemoved(teamId, deps.clock.now());
      cached.delete(teamId);
      clients.delete(teamId);
    },
    installationStore: {
      async storeInstallation(installation) {
        const teamId = installation.team?.id;
        const bot = installation.bot;
        if (!teamId || installation.isEnterpriseInstall) throw new Error('org-wide installs are not supported');
        if (!bot) throw new Error('the installation has no bot token');
        await installations.save(
          {
            teamId,
            enterpriseId: installation.enterprise?.id ?? null,
            botToken: bot.token,
            botId: bot.id,
            botUserId: bot.userId,
            refreshToken: bot.refreshToken ?? null,
            // Slack gives the expiry in seconds since the epoch.
            tokenExpiresAt: bot.expiresAt === undefined ? null : new Date(bot.expiresAt * 1000),
          },
          deps.clock.now(),
        );
        cached.delete(teamId);
        deps.logger.info({ teamId }, 'slack workspace installed Rebound');
        await deps.onInstalled(teamId);
      },
      async fetchInstallation(query): Promise<Installation> {
        const found = query.teamId ? await current(query.teamId) : null;
        if (!found) throw new Error(`workspace ${query.teamId ?? '(none)'} has not installed Rebound`);
        return {
          team: { id: found.teamId },
          enterprise: found.enterpriseId ? { id: found.enterpriseId } : undefined,
          user: { token: undefined, scopes: undefined, id: '' },
          bot: { token: found.botToken, scopes: [...BOT_SCOPES], id: found.botId, userId: found.botUserId },
          isEnterpriseInstall: false,
        };
      },
    },
  };
}
