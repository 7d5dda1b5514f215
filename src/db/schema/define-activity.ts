/**
 * What a group does day to day, beside its members' entries in `define.ts`: the bot's posts and
 * the reactions to them, the daily check-in threads and check-ins, the delivery ledger, goals and
 * entries held for a second look. Given the columns that rows here point at.
 */
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { DELIVERY_STATUSES, LEDGER_KINDS } from '../../core/ports/ledger.ts';
import { scopeColumns } from './scope.ts';
import type { Columns } from './sqlite-columns.ts';

export interface ActivityRefs {
  readonly groupId: () => AnySQLiteColumn;
  readonly memberId: () => AnySQLiteColumn;
}

export function defineActivityTables(columns: Columns, refs: ActivityRefs) {
  const { table, id, text, int, time, index, uniqueIndex } = columns;
  const scope = scopeColumns(columns);
  const posts = table(
    'posts',
    {
      id: id('id'),
      ...scope,
      groupId: int('group_id').references(refs.groupId, { onDelete: 'cascade' }),
      memberId: int('member_id').references(refs.memberId, { onDelete: 'set null' }),
      subject: text('subject').notNull(),
      subjectId: int('subject_id'),
      channelId: text('channel_id').notNull(),
      messageId: text('message_id').notNull(),
      createdAt: time('created_at').notNull(),
    },
    (t) => [
      // A message id (Slack `ts`) is unique only within its channel.
      uniqueIndex('posts_message_uq').on(t.platform, t.workspaceId, t.channelId, t.messageId),
      index('posts_member_idx').on(t.memberId),
    ],
  );

  const reactions = table(
    'reactions',
    {
      id: id('id'),
      ...scope,
      postId: int('post_id')
        .notNull()
        .references(() => posts.id, { onDelete: 'cascade' }),
      reactorUserId: text('reactor_user_id').notNull(),
      emoji: text('emoji').notNull(),
      createdAt: time('created_at').notNull(),
    },
    (t) => [uniqueIndex('reactions_uq').on(t.postId, t.reactorUserId, t.emoji)],
  );

  const checkInThreads = table(
    'check_in_threads',
    {
      id: id('id'),
      ...scope,
      groupId: int('group_id').notNull().references(refs.groupId, { onDelete: 'cascade' }),
      localDate: text('local_date').notNull(),
      channelId: text('channel_id').notNull(),
      messageId: text('message_id').notNull(),
      threadId: text('thread_id').notNull(),
      createdAt: time('created_at').notNull(),
    },
    (t) => [
      uniqueIndex('check_in_threads_day_uq').on(t.groupId, t.localDate),
      index('check_in_threads_thread_idx').on(t.platform, t.workspaceId, t.channelId, t.threadId),
    ],
  );

  const checkIns = table(
    'check_ins',
    {
      id: id('id'),
      ...scope,
      memberId: int('member_id').notNull().references(refs.memberId, { onDelete: 'cascade' }),
      groupId: int('group_id').notNull().references(refs.groupId, { onDelete: 'cascade' }),
      localDate: text('local_date').notNull(),
      source: text('source', { enum: ['thread', 'form'] }).notNull(),
      applications: int('applications').notNull().default(0),
      networking: int('networking').notNull().default(0),
      followUpsDone: int('follow_ups_done').notNull().default(0),
      note: text('note'),
      createdAt: time('created_at').notNull(),
    },
    (t) => [uniqueIndex('check_ins_member_day_uq').on(t.memberId, t.localDate)],
  );

  const deliveries = table(
    'deliveries',
    {
      id: id('id'),
      ...scope,
      /** The idempotency key: follow-up id + due time, group + local date, … */
      key: text('key').notNull(),
      kind: text('kind', { enum: LEDGER_KINDS }).notNull(),
      /** The member the delivery was for, when it was for one (forget-me deletes these). */
      memberId: int('member_id').references(refs.memberId, { onDelete: 'cascade' }),
      /** What was delivered: the follow-up id for nudges, the group id for check-ins, … */
      subjectId: int('subject_id'),
      /** The local date it was for (check-in post, reminder, paused day): read back, never parsed from the key. */
      localDate: text('local_date'),
      status: text('status', { enum: DELIVERY_STATUSES }).notNull(),
      /** Which process claimed it. */
      owner: text('owner').notNull(),
      attempts: int('attempts').notNull().default(0),
      /**
       * 1 from the moment an attempt's request may leave until its answer is recorded: while 1 the
       * outcome is unknown (the platform may have the message); 0 when every attempt so far was
       * answered with a refusal or never left.
       */
      inFlight: int('in_flight').notNull().default(0),
      /** Status `retry`: not claimable again before this time. */
      retryAt: time('retry_at'),
      /** When the first transient failure happened: retries stop after the retry window from here. */
      firstFailedAt: time('first_failed_at'),
      claimedAt: time('claimed_at').notNull(),
      sentAt: time('sent_at'),
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

  const goals = table('goals', {
    memberId: int('member_id').primaryKey().references(refs.memberId, { onDelete: 'cascade' }),
    ...scope,
    applications: int('applications').notNull(),
    networking: int('networking').notNull(),
    updatedAt: time('updated_at').notNull(),
  });

  /**
   * An entry the member typed again within a day of the same one: held, not logged, until they
   * press "Log it again". Nothing else reads it; it goes when pressed, when forgotten, or after a day.
   */
  const pendingEntries = table(
    'pending_entries',
    {
      id: id('id'),
      ...scope,
      memberId: int('member_id').notNull().references(refs.memberId, { onDelete: 'cascade' }),
      kind: text('kind', { enum: ['applied', 'rejected'] }).notNull(),
      /** JSON: the command's typed input, as it was read. */
      input: text('input').notNull(),
      createdAt: time('created_at').notNull(),
    },
    (t) => [index('pending_entries_member_idx').on(t.memberId)],
  );

  return { posts, reactions, checkInThreads, checkIns, deliveries, goals, pendingEntries };
}
