/**
 * What the Slack adapter keeps per installed workspace in OAuth mode, and the repository it keeps
 * it in (implemented on the database in `src/db/repositories/slack-installations.ts`).
 */

/** One workspace's installation of the app: what answering and sending in it needs. */
export interface SlackInstallation {
  readonly teamId: string;
  /** The Enterprise Grid org the workspace belongs to, when it does; null otherwise. */
  readonly enterpriseId: string | null;
  /** `xoxb-…`, in the clear: the repository seals it at rest. */
  readonly botToken: string;
  readonly botId: string;
  readonly botUserId: string;
  /** With token rotation: `xoxe-1-…`, what gets the next bot token; in the clear, sealed at rest. Null without rotation. */
  readonly refreshToken: string | null;
  /** With token rotation: when `botToken` stops working. Null when it does not expire. */
  readonly tokenExpiresAt: Date | null;
}

export interface StoredSlackInstallation extends SlackInstallation {
  /** When the workspace first installed the app. */
  readonly installedAt: Date;
  /** When it last installed it again, or its token was last refreshed. */
  readonly updatedAt: Date;
  /** When the workspace uninstalled the app or revoked its token; null while installed. */
  readonly removedAt: Date | null;
}

/** A refreshed bot token (token rotation): the token, its refresh token and its expiry. */
export interface RefreshedToken {
  readonly botToken: string;
  readonly refreshToken: string;
  readonly tokenExpiresAt: Date;
}

export interface SlackInstallationRepository {
  /**
   * Stores the workspace's installation, replacing an earlier one (a reinstall keeps `installedAt`
   * and clears `removedAt`).
   */
  save(installation: SlackInstallation, now: Date): Promise<void>;
  /** Replaces the bot token of an installation with a refreshed one; false when there is none (or it was removed). */
  saveRefreshed(teamId: string, token: RefreshedToken, now: Date): Promise<boolean>;
  /** The workspace uninstalled the app or revoked its token: kept, marked removed, until it installs again. */
  markRemoved(teamId: string, now: Date): Promise<void>;
  /** The workspace's installation (removed or not), or null when it never installed the app. */
  find(teamId: string): Promise<StoredSlackInstallation | null>;
}
