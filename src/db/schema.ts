/**
 * The drizzle schema. Every row carries `platform` + `workspace_id` so no query can cross
 * workspaces by accident; times are stored as epoch milliseconds.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { INBOUND_KINDS } from '../core/ports/inbound-ledger.ts';
import { LEDGER_KINDS } from '../core/ports/ledger.ts';

const scope = {
  platform: text('platform', { enum: ['slack', 'discord', 'console'] }).notNull(),
  workspaceId: text('workspace_id').notNull(),
};
const ms = (name: string) => integer(name, { mode: 'timestamp_ms' });

export const workspaces = sqliteTable('workspaces', { ...scope, createdAt: ms('created_at').notNull() }, (t) => [
  primaryKey({ columns: [t.platform, t.workspaceId] }),
]);

export const groups = sqliteTable(
  'groups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ...scope,
    channelId: text('channel_id').notNull(),
    name: text('name').notNull(),
    timezone: text('timezone').notNull(),
    checkInMinute: integer('check_in_minute').notNull(),
    /** ISO weekdays, comma-separated: `1,2,3,4,5`. */
    checkInDays: text('check_in_days').notNull(),
    reminderMinute: integer('reminder_minute').notNull(),
    /** JSON: rule id → { enabled, offsetDays? }. */
    ruleSettings: text('rule_settings').notNull().default('{}'),
    /** JSON array of user ids. */
    adminUserIds: text('admin_user_ids').notNull().default('[]'),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('groups_channel_uq').on(t.platform, t.workspaceId, t.channelId)],
);

export const members = sqliteTable(
  'members',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ...scope,
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    displayName: text('display_name').notNull(),
    timezone: text('timezone'),
    /** The member chose `timezone` themselves: a platform-reported profile zone no longer replaces it. */
    timezoneChosen: integer('timezone_chosen', { mode: 'boolean' }).notNull().default(false),
    quietStartMinute: integer('quiet_start_minute')
      .notNull()
      .default(21 * 60),
    quietEndMinute: integer('quiet_end_minute')
      .notNull()
      .default(8 * 60),
    pausedUntil: ms('paused_until'),
    visibility: text('visibility', { enum: ['shared', 'counts', 'private'] })
      .notNull()
      .default('shared'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    dmUnreachable: integer('dm_unreachable', { mode: 'boolean' }).notNull().default(false),
    /** Off when the member turned their check-in reminders off (`/rebound reminders off`). */
    checkInReminders: integer('check_in_reminders', { mode: 'boolean' }).notNull().default(true),
    joinedAt: ms('joined_at').notNull(),
  },
  (t) => [
    uniqueIndex('members_group_user_uq').on(t.groupId, t.userId),
    index('members_user_idx').on(t.platform, t.workspaceId, t.userId),
  ],
);

export const applications = sqliteTable(
  'applications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ...scope,
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    company: text('company').notNull(),
    /** Lower-cased company, for case-insensitive matching. */
    companyKey: text('company_key').notNull(),
    role: text('role').notNull(),
    link: text('link'),
    status: text('status').notNull(),
    visibility: text('visibility', { enum: ['shared', 'counts', 'private'] }).notNull(),
    /** Stored by a rejection report rather than logged as an application sent (weekly counts leave it out). */
    createdByRejection: integer('created_by_rejection', { mode: 'boolean' }).notNull().default(false),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [
    index('applications_member_company_idx').on(t.memberId, t.companyKey),
    index('applications_member_created_idx').on(t.memberId, t.createdAt),
  ],
);

export const rejections = sqliteTable(
  'rejections',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ...scope,
    applicationId: integer('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    stage: text('stage').notNull(),
    note: text('note'),
    rejectedOn: ms('rejected_on').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('rejections_member_idx').on(t.memberId)],
);

export const updates = sqliteTable(
  'updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ...scope,
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    source: text('source', { enum: ['command', 'thread', 'form'] }).notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('updates_member_idx').on(t.memberId, t.createdAt)],
);

export const feedback = sqliteTable(
  'feedback',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ...scope,
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    applicationId: integer('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('feedback_member_idx').on(t.memberId)],
);

export const followUps = sqliteTable(
  'follow_ups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ...scope,
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    applicationId: integer('application_id').references(() => applications.id, { onDelete: 'cascade' }),
    ruleId: text('rule_id').notNull(),
    dueAt: ms('due_at').notNull(),
    status: text('status', { enum: ['pending', 'done', 'snoozed', 'skipped', 'cancelled'] }).notNull(),
    occurrence: integer('occurrence').notNull().default(1),
    /** When a nudge for the current due time was claimed; cleared when the due time moves. */
    nudgedAt: ms('nudged_at'),
    /** Closed by something the member logged (an application ends keep-applying), not by their own Done. */
    closedAutomatically: integer('closed_automatically', { mode: 'boolean' }).notNull().default(false),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [
    // The sweep reads only open rows by due time: a partial index keeps that independent of history.
    index('follow_ups_open_due_idx')
      .on(t.dueAt)
      .where(sql`status in ('pending', 'snoozed') and nudged_at is null`),
    index('follow_ups_member_idx').on(t.memberId, t.status),
    index('follow_ups_application_idx').on(t.applicationId),
  ],
);

export const posts = sqliteTable(
  'posts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ...scope,
    groupId: integer('group_id').references(() => groups.id, { onDelete: 'cascade' }),
    memberId: integer('member_id').references(() => members.id, { onDelete: 'set null' }),
    subject: text('subject').notNull(),
    subjectId: integer('subject_id'),
    channelId: text('channel_id').notNull(),
    messageId: text('message_id').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [
    // A message id (Slack `ts`) is unique only within its channel.
    uniqueIndex('posts_message_uq').on(t.platform, t.workspaceId, t.channelId, t.messageId),
    index('posts_member_idx').on(t.memberId),
  ],
);

export const reactions = sqliteTable(
  'reactions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ...scope,
    postId: integer('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    reactorUserId: text('reactor_user_id').notNull(),
    emoji: text('emoji').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('reactions_uq').on(t.postId, t.reactorUserId, t.emoji)],
);

export const checkInThreads = sqliteTable(
  'check_in_threads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ...scope,
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    localDate: text('local_date').notNull(),
    channelId: text('channel_id').notNull(),
    messageId: text('message_id').notNull(),
    threadId: text('thread_id').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('check_in_threads_day_uq').on(t.groupId, t.localDate),
    index('check_in_threads_thread_idx').on(t.platform, t.workspaceId, t.channelId, t.threadId),
  ],
);

export const checkIns = sqliteTable(
  'check_ins',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ...scope,
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    groupId: integer('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    localDate: text('local_date').notNull(),
    source: text('source', { enum: ['thread', 'form'] }).notNull(),
    applications: integer('applications').notNull().default(0),
    networking: integer('networking').notNull().default(0),
    followUpsDone: integer('follow_ups_done').notNull().default(0),
    note: text('note'),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('check_ins_member_day_uq').on(t.memberId, t.localDate)],
);

export const deliveries = sqliteTable(
  'deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ...scope,
    /** The idempotency key: follow-up id + due time, group + local date, … */
    key: text('key').notNull(),
    kind: text('kind', { enum: LEDGER_KINDS }).notNull(),
    /** The member the delivery was for, when it was for one (forget-me deletes these). */
    memberId: integer('member_id').references(() => members.id, { onDelete: 'cascade' }),
    /** What was delivered: the follow-up id for nudges, the group id for check-ins, … */
    subjectId: integer('subject_id'),
    /** The local date it was for (check-in post, reminder, paused day): read back, never parsed from the key. */
    localDate: text('local_date'),
    status: text('status', { enum: ['claimed', 'sent', 'failed', 'abandoned'] }).notNull(),
    /** Which process claimed it. */
    owner: text('owner').notNull(),
    attempts: integer('attempts').notNull().default(0),
    claimedAt: ms('claimed_at').notNull(),
    sentAt: ms('sent_at'),
    channelId: text('channel_id'),
    messageId: text('message_id'),
    error: text('error'),
  },
  (t) => [
    uniqueIndex('deliveries_key_uq').on(t.key),
    index('deliveries_status_idx').on(t.status, t.claimedAt),
    index('deliveries_message_idx').on(t.platform, t.workspaceId, t.channelId, t.messageId),
  ],
);

export const goals = sqliteTable('goals', {
  memberId: integer('member_id')
    .primaryKey()
    .references(() => members.id, { onDelete: 'cascade' }),
  ...scope,
  applications: integer('applications').notNull(),
  networking: integer('networking').notNull(),
  updatedAt: ms('updated_at').notNull(),
});

/**
 * An entry the member typed again within a day of the same one: held, not logged, until they
 * press "Log it again". Nothing else reads it; it goes when pressed, when forgotten, or after a day.
 */
export const pendingEntries = sqliteTable(
  'pending_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ...scope,
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['applied', 'rejected'] }).notNull(),
    /** JSON: the command's typed input, as it was read. */
    input: text('input').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('pending_entries_member_idx').on(t.memberId)],
);

/**
 * Forget-me confirmations, each usable once: the second press reads what the first one did. The
 * person's id is cleared when their data is deleted, so no row keeps who they were.
 */
export const forgetConfirmations = sqliteTable(
  'forget_confirmations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    ...scope,
    userId: text('user_id'),
    state: text('state', { enum: ['open', 'deleting', 'deleted', 'kept'] }).notNull(),
    expiresAt: ms('expires_at').notNull(),
    createdAt: ms('created_at').notNull(),
    decidedAt: ms('decided_at'),
  },
  (t) => [index('forget_confirmations_user_idx').on(t.platform, t.workspaceId, t.userId)],
);

/** The console's simulated time, so a restart carries on where `:time` left it; no row means the real clock. */
export const consoleClocks = sqliteTable(
  'console_clocks',
  { ...scope, simulatedAt: ms('simulated_at').notNull() },
  (t) => [primaryKey({ columns: [t.platform, t.workspaceId] })],
);

/**
 * Platform ids of inbound deliveries already taken in (Slack event and trigger ids, Discord
 * interaction and message ids), so a retry is handled once by whichever process gets it first.
 * Rows older than the retention are pruned by the sweep.
 */
export const inboundEvents = sqliteTable(
  'inbound_events',
  {
    ...scope,
    kind: text('kind', { enum: INBOUND_KINDS }).notNull(),
    /** The platform's own id for the delivery. */
    deliveryId: text('delivery_id').notNull(),
    receivedAt: ms('received_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.platform, t.workspaceId, t.kind, t.deliveryId] }),
    index('inbound_events_received_idx').on(t.receivedAt),
  ],
);
