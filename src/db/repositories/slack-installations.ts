/** Slack OAuth installations on the database, the bot token sealed with the secret box. */
import { eq } from 'drizzle-orm';
import type { SlackInstallationRepository, StoredSlackInstallation } from '../../../adapters/slack/installations.ts';
import type { SecretBox } from '../../secret-box.ts';
import type { Dialect } from '../dialect.ts';

/** What a sealed token is bound to: its own row, so a token copied into another team's row is refused. */
const context = (teamId: string) => `slack_installations:${teamId}`;

export function createSlackInstallationRepository(d: Dialect, box: SecretBox): SlackInstallationRepository {
  const { slackInstallations: t } = d.tables;
  return {
    async save(installation, now) {
      const row = {
        teamId: installation.teamId,
        enterpriseId: installation.enterpriseId,
        botToken: box.seal(installation.botToken, context(installation.teamId)),
        botId: installation.botId,
        botUserId: installation.botUserId,
      };
      await d.db
        .insert(t)
        .values({ ...row, installedAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: t.teamId, set: { ...row, updatedAt: now } });
    },
    async find(teamId): Promise<StoredSlackInstallation | null> {
      const [row] = await d.db.select().from(t).where(eq(t.teamId, teamId)).limit(1);
      if (!row) return null;
      return { ...row, botToken: box.open(row.botToken, context(teamId)) };
    },
  };
}
