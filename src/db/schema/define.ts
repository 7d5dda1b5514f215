/**
 * The drizzle schema, written once for both dialects: `defineSchema` is given each dialect's
 * column helpers (`sqlite-columns.ts`, `postgres-columns.ts`). Every row carries `platform` +
 * `workspace_id` so no query can cross workspaces by accident; times are epoch milliseconds. Here
 * are the workspaces, groups, members and what members log; a group's day-to-day activity (posts,
 * check-ins, the delivery ledger) is in `define-activity.ts`, the service's own tables in
 * `define-service.ts`.
 */
import { sql } from 'drizzle-orm';
import { defineActivityTables } from './define-activity.ts';
import { defineServiceTables } from './define-service.ts';
import { scopeColumns } from './scope.ts';
import type { Columns } from './sqlite-columns.ts';

export function defineSchema(columns: Columns) {
  const { table, id, text, int, time, bool, index, uniqueIndex, primaryKey } = columns;
  const scope = scopeColumns(columns);
  const workspaces = table(
    'workspaces',
    {
      ...scope,
      createdAt: time('created_at').notNull(),
      /**
       * When the workspace removed the bot (Slack's app_uninstalled or tokens_revoked): nothing is
       * sent to it from then on, and its data is deleted once the grace period has passed; null
       * while the bot is there, and again after a reinstall within the period.
       */
      removedAt: time('removed_at'),
    },
    (t) => [primaryKey({ columns: [t.platform, t.workspaceId] })],
  );

  const groups = table(
    'groups',
    {
      id: id('id'),
      ...scope,
      channelId: text('channel_id').notNull(),
      name: text('name').notNull(),
      timezone: text('timezone').notNull(),
      checkInMinute: int('check_in_minute').notNull(),
      /** ISO weekdays, comma-separated: `1,2,3,4,5`. */
      checkInDays: text('check_in_days').notNull(),
      reminderMinute: int('reminder_minute').notNull(),
      /** JSON: rule id → { enabled, offsetDays? }. */
      ruleSettings: text('rule_settings').notNull().default('{}'),
      /** JSON array of user ids. */
      adminUserIds: text('admin_user_ids').notNull().default('[]'),
      createdAt: time('created_at').notNull(),
    },
    (t) => [uniqueIndex('groups_channel_uq').on(t.platform, t.workspaceId, t.channelId)],
  );

  const members = table(
    'members',
    {
      id: id('id'),
      ...scope,
      groupId: int('group_id')
        .notNull()
        .references(() => groups.id, { onDelete: 'cascade' }),
      userId: text('user_id').notNull(),
      displayName: text('display_name').notNull(),
      timezone: text('timezone'),
      /** The member chose `timezone` themselves: a platform-reported profile zone no longer replaces it. */
      timezoneChosen: bool('timezone_chosen').notNull().default(false),
      quietStartMinute: int('quiet_start_minute')
        .notNull()
        .default(21 * 60),
      quietEndMinute: int('quiet_end_minute')
        .notNull()
        .default(8 * 60),
      pausedUntil: time('paused_until'),
      visibility: text('visibility', { enum: ['shared', 'counts', 'private'] })
        .notNull()
        .default('shared'),
      active: bool('active').notNull().default(true),
      dmUnreachable: bool('dm_unreachable').notNull().default(false),
      /** The DM channel the platform answered with for the last DM: the next one needs no lookup. */
      dmChannelId: text('dm_channel_id'),
      /** Off when the member turned their check-in reminders off (`/rebound reminders off`). */
      checkInReminders: bool('check_in_reminders').notNull().default(true),
      joinedAt: time('joined_at').notNull(),
    },
    (t) => [
      uniqueIndex('members_group_user_uq').on(t.groupId, t.userId),
      index('members_user_idx').on(t.platform, t.workspaceId, t.userId),
    ],
  );

  const applications = table(
    'applications',
    {
      id: id('id'),
      ...scope,
      memberId: int('member_id')
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
      createdByRejection: bool('created_by_rejection').notNull().default(false),
      createdAt: time('created_at').notNull(),
      updatedAt: time('updated_at').notNull(),
    },
    (t) => [
      index('applications_member_company_idx').on(t.memberId, t.companyKey),
      index('applications_member_created_idx').on(t.memberId, t.createdAt),
    ],
  );

  const rejections = table(
    'rejections',
    {
      id: id('id'),
      ...scope,
      applicationId: int('application_id')
        .notNull()
        .references(() => applications.id, { onDelete: 'cascade' }),
      memberId: int('member_id')
        .notNull()
        .references(() => members.id, { onDelete: 'cascade' }),
      stage: text('stage').notNull(),
      note: text('note'),
      rejectedOn: time('rejected_on').notNull(),
      createdAt: time('created_at').notNull(),
    },
    (t) => [index('rejections_member_idx').on(t.memberId)],
  );

  /** The history of an application: one row per status it moved to (applied, screening, …), with when. */
  const applicationEvents = table(
    'application_events',
    {
      id: id('id'),
      ...scope,
      applicationId: int('application_id')
        .notNull()
        .references(() => applications.id, { onDelete: 'cascade' }),
      /** The application's member, so export and forget-me find the history like every row of theirs. */
      memberId: int('member_id')
        .notNull()
        .references(() => members.id, { onDelete: 'cascade' }),
      status: text('status').notNull(),
      at: time('at').notNull(),
      createdAt: time('created_at').notNull(),
    },
    (t) => [
      index('application_events_application_idx').on(t.applicationId, t.at),
      index('application_events_member_idx').on(t.memberId),
    ],
  );

  /** Interview rounds: when each is, and what kind; an application's rounds are numbered from 1. */
  const interviews = table(
    'interviews',
    {
      id: id('id'),
      ...scope,
      applicationId: int('application_id')
        .notNull()
        .references(() => applications.id, { onDelete: 'cascade' }),
      memberId: int('member_id')
        .notNull()
        .references(() => members.id, { onDelete: 'cascade' }),
      round: int('round').notNull(),
      kind: text('kind').notNull(),
      at: time('at').notNull(),
      createdAt: time('created_at').notNull(),
      updatedAt: time('updated_at').notNull(),
    },
    (t) => [
      uniqueIndex('interviews_round_uq').on(t.applicationId, t.round),
      index('interviews_member_idx').on(t.memberId, t.at),
    ],
  );

  const updates = table(
    'updates',
    {
      id: id('id'),
      ...scope,
      memberId: int('member_id')
        .notNull()
        .references(() => members.id, { onDelete: 'cascade' }),
      text: text('text').notNull(),
      source: text('source', { enum: ['command', 'thread', 'form'] }).notNull(),
      createdAt: time('created_at').notNull(),
    },
    (t) => [index('updates_member_idx').on(t.memberId, t.createdAt)],
  );

  const feedback = table(
    'feedback',
    {
      id: id('id'),
      ...scope,
      memberId: int('member_id')
        .notNull()
        .references(() => members.id, { onDelete: 'cascade' }),
      applicationId: int('application_id')
        .notNull()
        .references(() => applications.id, { onDelete: 'cascade' }),
      text: text('text').notNull(),
      createdAt: time('created_at').notNull(),
    },
    (t) => [index('feedback_member_idx').on(t.memberId)],
  );

  const followUps = table(
    'follow_ups',
    {
      id: id('id'),
      ...scope,
      memberId: int('member_id')
        .notNull()
        .references(() => members.id, { onDelete: 'cascade' }),
      applicationId: int('application_id').references(() => applications.id, { onDelete: 'cascade' }),
      /** The interview round the step is about (preparation, thank-you, chase); null for every other rule. */
      interviewId: int('interview_id').references(() => interviews.id, { onDelete: 'cascade' }),
      ruleId: text('rule_id').notNull(),
      dueAt: time('due_at').notNull(),
      status: text('status', { enum: ['pending', 'done', 'snoozed', 'skipped', 'cancelled'] }).notNull(),
      occurrence: int('occurrence').notNull().default(1),
      /** When a nudge for the current due time was claimed; cleared when the due time moves. */
      nudgedAt: time('nudged_at'),
      /** Closed by something the member logged (an application ends keep-applying), not by their own Done. */
      closedAutomatically: bool('closed_automatically').notNull().default(false),
      createdAt: time('created_at').notNull(),
      updatedAt: time('updated_at').notNull(),
    },
    (t) => [
      // The sweep reads only open rows by due time: a partial index keeps that independent of history.
      index('follow_ups_open_due_idx')
        .on(t.dueAt)
        .where(sql`status in ('pending', 'snoozed') and nudged_at is null`),
      // The sweep's pages, by member: the open steps of the next members in member order, read from
      // the index alone, so a page costs what is open, not every step members ever had.
      index('follow_ups_open_member_idx')
        .on(t.memberId, t.dueAt)
        .where(sql`status in ('pending', 'snoozed') and nudged_at is null`),
      index('follow_ups_member_idx').on(t.memberId, t.status),
      index('follow_ups_application_idx').on(t.applicationId),
      index('follow_ups_interview_idx').on(t.interviewId),
    ],
  );

  const activity = defineActivityTables(columns, { groupId: () => groups.id, memberId: () => members.id });

  return {
    workspaces,
    groups,
    members,
    applications,
    rejections,
    applicationEvents,
    interviews,
    updates,
    feedback,
    followUps,
    ...activity,
    ...defineServiceTables(columns),
  };
}

/** The tables, typed as SQLite tables in both dialects (see `postgres-columns.ts`). */
export type Tables = ReturnType<typeof defineSchema>;
