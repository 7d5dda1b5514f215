/** Slack OAuth installations on the database, the bot and refresh tokens sealed with the secret box. */
import { and, eq, isNull } from 'drizzle-orm';
import type { SlackInstallationRepository, StoredSlackInstallation } from '../../../adapters/slack/installations.ts';
import type { SecretBox } from '../../secret-box.ts';
import type { Dialect } from '../dialect.ts';

/** What a sealed token is bound to: its own row and column, so a token copied into another team's row is refused. */
const context = (teamId: string, column = 'bot_token') =>
  column === 'bot_token' ? `slack_installations:${teamId}` : `slack_installations:${teamId}:${column}`;

export function createSlackInstallationRepository(d: Dialect, box: SecretBox): SlackInstallationRepository {
  const { slackInstallations: t } = d.tables;
  const sealRefresh = (teamId: string, token: string | null) =>
    token === null ? null : box.seal(token, context(teamId, 'refresh_token'));
  return {
    async save(installation, now) {
      const row = {
        teamId: installation.teamId,
        enterpriseId: installation.enterpriseId,
        botToken: box.seal(installation.botToken, context(installation.teamId)),
        botId: installation.botId,
        botUserId: installation.botUserId,
        refreshToken: sealRefresh(installation.teamId, installation.refreshToken),
        tokenExpiresAt: installation.tokenExpiresAt,
        removedAt: null,
      };
      await d.db
        .insert(t)
        .values({ ...row, installedAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: t.teamId, set: { ...row, updatedAt: now } });
    },
    async saveRefreshed(teamId, token, now) {
      const updated = await d.db
        .update(t)
        .set({
          botToken: box.seal(token.botToken, context(teamId)),
          refreshToken: sealRefresh(teamId, token.refreshToken),
          tokenExpiresAt: token.tokenExpiresAt,
          updatedAt: now,
        })
        .where(and(eq(t.teamId, teamId), isNull(t.removedAt)))
        .returning({ teamId: t.teamId });
      return updated.length > 0;
    },
    async markRemoved(teamId, now) {
      await d.db
        .update(t)
        .set({ removedAt: now, updatedAt: now })
        .where(and(eq(t.teamId, teamId), isNull(t.removedAt)));
    },
    async find(teamId): Promise<StoredSlackInstallation | null> {
      const [row] = await d.db.select().from(t).where(eq(t.teamId, teamId)).limit(1);
      if (!row) return null;
      return {
        ...row,
        botToken: box.open(row.botToken, context(teamId)),
        refreshToken: row.refreshToken === null ? null : box.open(row.refreshToken, context(teamId, 'refresh_token')),
      };
    },
  };
}
