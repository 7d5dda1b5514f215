/**
 * Token rotation: a workspace's bot token that expires (Slack's last 12 hours) is exchanged for a
 * new one shortly before it does, with `oauth.v2.access` and the installation's refresh token.
 * A refresh token is good for one exchange, so one refresh per workspace runs at a time: callers
 * in this process share it, and across replicas the lease `slack-token:<teamId>` decides who
 * makes it. The holder reads the installation again once it holds the lease (another replica may
 * have refreshed meanwhile); the others wait and read it again until its token is fresh.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { webApi } from '@slack/bolt';
import type { Clock } from '../../src/core/clock.ts';
import type { LeaseRepository, Logger } from '../../src/core/ports/index.ts';
import type { SlackInstallationRepository, StoredSlackInstallation } from './installations.ts';

/** A bot token with less than this left is refreshed before it is used. */
export const TOKEN_REFRESH_MARGIN_MS = 2 * 60 * 60_000;
/** How long a replica holds a workspace's refresh lease: longer than one `oauth.v2.access` call may take. */
export const TOKEN_REFRESH_LEASE_MS = 30_000;
/** While another replica refreshes: how often the installation is read again, and for how long at most. */
export const TOKEN_REFRESH_WAIT = { stepMs: 200, totalMs: 15_000 } as const;

/** Why a usable bot token could not be had: the refresh failed, or another replica's did not finish in time. */
export type TokenRefreshFailure = 'refresh-failed' | 'no-refresh-token' | 'not-installed' | 'timed-out';

export class TokenRefreshError extends Error {
  override readonly name = 'TokenRefreshError';
  constructor(
    readonly code: TokenRefreshFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True when the installation's bot token expires within the margin (or has expired). */
export function needsRefresh(installation: StoredSlackInstallation, now: Date): boolean {
  const expiresAt = installation.tokenExpiresAt;
  return expiresAt !== null && expiresAt.getTime() - now.getTime() < TOKEN_REFRESH_MARGIN_MS;
}

export interface TokenRefresher {
  /**
   * The workspace's installation with a bot token fit to use, refreshed if it needed it; a
   * TokenRefreshError when none could be had (the expiring token is then not to be used).
   */
  refresh(teamId: string): Promise<StoredSlackInstallation>;
}

export interface TokenRefresherOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly installations: SlackInstallationRepository;
  readonly leases: LeaseRepository;
  /** A Web API client with no token: `oauth.v2.access` authenticates with the client id and secret. */
  readonly client: webApi.WebClient;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Waiting on another replica's refresh; `TOKEN_REFRESH_WAIT` when absent. */
  readonly wait?: { readonly stepMs: number; readonly totalMs: number };
}

/** What a failure is called in the log: Slack's error code or the error's kind, never a token. */
function reasonOf(error: unknown): string {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  if (typeof data?.error === 'string') return data.error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'unknown';
}

export function createTokenRefresher(options: TokenRefresherOptions): TokenRefresher {
  const { installations, leases, client, clock, logger } = options;
  const wait = options.wait ?? TOKEN_REFRESH_WAIT;
  const holder = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const running = new Map<string, Promise<StoredSlackInstallation>>();
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const current = async (teamId: string): Promise<StoredSlackInstallation> => {
    const found = await installations.find(teamId);
    if (!found || found.removedAt) {
      throw new TokenRefreshError('not-installed', `workspace ${teamId} has not installed Rebound`);
    }
    return found;
  };

  const exchange = async (installation: StoredSlackInstallation): Promise<StoredSlackInstallation> => {
    const { teamId, refreshToken } = installation;
    if (!refreshToken) {
      throw new TokenRefreshError(
        'no-refresh-token',
        `the bot token of workspace ${teamId} expires and has no refresh token`,
      );
    }
    const answer = await client.oauth.v2
      .access({
        client_id: options.clientId,
        client_secret: options.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
      })
      .catch((error: unknown) => {
        throw new TokenRefreshError('refresh-failed', `Slack refused to refresh the bot token: ${reasonOf(error)}`, {
          cause: error,
        });
      });
    const { access_token: botToken, refresh_token: next, expires_in: expiresIn } = answer;
    if (!botToken || !next || typeof expiresIn !== 'number' || (answer.team?.id && answer.team.id !== teamId)) {
      throw new TokenRefreshError('refresh-failed', 'the refresh answer had no bot token, refresh token or expiry');
    }
    const now = clock.now();
    const token = { botToken, refreshToken: next, tokenExpiresAt: new Date(now.getTime() + expiresIn * 1000) };
    // Removed meanwhile (uninstalled): the new token is not kept, and not used.
    if (!(await installations.saveRefreshed(teamId, token, now))) {
      throw new TokenRefreshError('not-installed', `workspace ${teamId} has not installed Rebound`);
    }
    logger.info({ teamId }, 'slack bot token refreshed');
    return { ...installation, ...token, updatedAt: now };
  };

  const refreshOnce = async (teamId: string): Promise<StoredSlackInstallation> => {
    const lease = `slack-token:${teamId}`;
    for (let waited = 0; ; waited += wait.stepMs) {
      if (await leases.acquire(lease, holder, clock.now(), TOKEN_REFRESH_LEASE_MS)) {
        try {
          const installation = await current(teamId);
          return needsRefresh(installation, clock.now()) ? await exchange(installation) : installation;
        } finally {
          await leases.release(lease, holder).catch(() => undefined);
        }
      }
      // Another replica refreshes: its token is read once it is saved.
      if (waited >= wait.totalMs) {
        throw new TokenRefreshError('timed-out', `another replica's refresh of workspace ${teamId} did not finish`);
      }
      await sleep(wait.stepMs);
      const installation = await current(teamId);
      if (!needsRefresh(installation, clock.now())) return installation;
    }
  };

  return {
    refresh(teamId) {
      const known = running.get(teamId);
      if (known) return known;
      const refreshed = refreshOnce(teamId)
        .catch((error: unknown) => {
          const failure = error instanceof TokenRefreshError ? error.code : 'error';
          const cause = error instanceof TokenRefreshError && error.cause !== undefined ? error.cause : error;
          logger.error({ teamId, failure, reason: reasonOf(cause) }, 'slack bot token not refreshed');
          throw error;
        })
        .finally(() => running.delete(teamId));
      running.set(teamId, refreshed);
      return refreshed;
    },
  };
}
