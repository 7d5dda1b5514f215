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
}

export interface StoredSlackInstallation extends SlackInstallation {
  /** When the workspace first installed the app. */
  readonly installedAt: Date;
  /** When it last installed it again (a new token). */
  readonly updatedAt: Date;
}

export interface SlackInstallationRepository {
  /** Stores the workspace's installation, replacing an earlier one (a reinstall keeps `installedAt`). */
  save(installation: SlackInstallation, now: Date): Promise<void>;
  /** The workspace's installation, or null when it has not installed the app. */
  find(teamId: string): Promise<StoredSlackInstallation | null>;
}
