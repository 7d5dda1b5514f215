/**
 * The service's own tables, beside the members' data in `define.ts`: forget-me confirmations, the
 * console's clock, the inbound ledger, leases and Slack installations. None refers to a member's rows.
 */
import { INBOUND_KINDS } from '../../core/ports/inbound-ledger.ts';
import type { Columns } from './sqlite-columns.ts';
import { scopeColumns } from './scope.ts';

export function defineServiceTables(columns: Columns) {
  const { table, text, time, id, index, primaryKey } = columns;
  const scope = scopeColumns(columns);
  /**
   * Forget-me confirmations, each usable once: the second press reads what the first one did. The
   * person's id is cleared when their data is deleted, so no row keeps who they were.
   */
  const forgetConfirmations = table(
    'forget_confirmations',
    {
      id: id('id'),
      ...scope,
      userId: text('user_id'),
      state: text('state', { enum: ['open', 'deleting', 'deleted', 'kept'] }).notNull(),
      expiresAt: time('expires_at').notNull(),
      createdAt: time('created_at').notNull(),
      decidedAt: time('decided_at'),
    },
    (t) => [index('forget_confirmations_user_idx').on(t.platform, t.workspaceId, t.userId)],
  );

  /** The console's simulated time, so a restart carries on where `:time` left it; no row means the real clock. */
  const consoleClocks = table('console_clocks', { ...scope, simulatedAt: time('simulated_at').notNull() }, (t) => [
    primaryKey({ columns: [t.platform, t.workspaceId] }),
  ]);

  /**
   * Platform ids of inbound deliveries already taken in (Slack event and trigger ids, Discord
   * interaction and message ids), so a retry is handled once by whichever process gets it first.
   * Rows older than the retention are pruned by the sweep.
   */
  const inboundEvents = table(
    'inbound_events',
    {
      ...scope,
      kind: text('kind', { enum: INBOUND_KINDS }).notNull(),
      /** The platform's own id for the delivery. */
      deliveryId: text('delivery_id').notNull(),
      receivedAt: time('received_at').notNull(),
    },
    (t) => [
      primaryKey({ columns: [t.platform, t.workspaceId, t.kind, t.deliveryId] }),
      index('inbound_events_received_idx').on(t.receivedAt),
    ],
  );

  /**
   * Leases on work one replica at a time may do (the Discord gateway connection): whoever holds an
   * unexpired lease keeps it by renewing; a lapsed one goes to the next replica that asks.
   */
  const leases = table('leases', {
    name: text('name').primaryKey(),
    /** Which process holds it (host:pid:random). */
    holder: text('holder').notNull(),
    expiresAt: time('expires_at').notNull(),
  });

  /**
   * Slack OAuth installations, one per workspace (Slack OAuth mode). The bot token is sealed with
   * REBOUND_SECRET_KEY (`src/secret-box.ts`); the row holds no token in the clear. Enterprise Grid
   * org-wide installs are not supported yet: `enterprise_id` is kept for them.
   */
  const slackInstallations = table('slack_installations', {
    teamId: text('team_id').primaryKey(),
    enterpriseId: text('enterprise_id'),
    /** The bot token, sealed: `v1.<nonce>.<tag>.<ciphertext>`. */
    botToken: text('bot_token').notNull(),
    botId: text('bot_id').notNull(),
    botUserId: text('bot_user_id').notNull(),
    /** With token rotation on: the refresh token, sealed like the bot token; null without rotation. */
    refreshToken: text('refresh_token'),
    /** With token rotation on: when the bot token expires; null when it does not. */
    tokenExpiresAt: time('token_expires_at'),
    installedAt: time('installed_at').notNull(),
    updatedAt: time('updated_at').notNull(),
    /** When the workspace uninstalled the app or revoked its token; null while installed. */
    removedAt: time('removed_at'),
  });

  return { forgetConfirmations, consoleClocks, inboundEvents, leases, slackInstallations };
}
