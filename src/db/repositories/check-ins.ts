import type { Statement } from 'better-sqlite3';
import { and, eq, sql } from 'drizzle-orm';
import type { CheckInRepository } from '../../core/ports/index.ts';
import { InternalError } from '../../core/errors.ts';
import type { Db } from '../open.ts';
import type { SyncOf } from '../sqlite-gate.ts';
import { checkIns, checkInThreads } from '../schema.ts';
import { scopeOf, sqliteOf, toCheckIn, toCheckInThread } from './rows.ts';

const inGroupBetween = (table: string, column: string) =>
  `SELECT member_id FROM ${table} WHERE member_id IN (SELECT id FROM members WHERE group_id = ?) AND ${column} >= ? AND ${column} < ?`;

/** A day's check-ins, and everything logged in the day's time range, by the group's members. */
const WHO_LOGGED_SQL = [
  'SELECT member_id FROM check_ins WHERE group_id = ? AND local_date = ?',
  inGroupBetween('applications', 'updated_at'),
  inGroupBetween('rejections', 'created_at'),
  inGroupBetween('updates', 'created_at'),
  inGroupBetween('feedback', 'created_at'),
].join(' UNION ');

export function createCheckInRepository(db: Db): SyncOf<CheckInRepository> {
  let whoLogged: Statement | undefined;
  return {
    saveThread(input, now) {
      const row = db
        .insert(checkInThreads)
        .values({
          ...scopeOf(input.workspace),
          groupId: input.groupId,
          localDate: input.localDate,
          channelId: input.channelId,
          messageId: input.messageId,
          threadId: input.threadId,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning()
        .get();
      const saved =
        row ??
        db
          .select()
          .from(checkInThreads)
          .where(and(eq(checkInThreads.groupId, input.groupId), eq(checkInThreads.localDate, input.localDate)))
          .get();
      if (!saved) throw new InternalError('invariant', 'check-in thread neither inserted nor found');
      return toCheckInThread(saved);
    },
    findThread(groupId, localDate) {
      const row = db
        .select()
        .from(checkInThreads)
        .where(and(eq(checkInThreads.groupId, groupId), eq(checkInThreads.localDate, localDate)))
        .get();
      return row ? toCheckInThread(row) : null;
    },
    findThreadById(thread) {
      const row = db
        .select()
        .from(checkInThreads)
        .where(
          and(
            eq(checkInThreads.platform, thread.workspace.platform),
            eq(checkInThreads.workspaceId, thread.workspace.workspaceId),
            eq(checkInThreads.channelId, thread.channelId),
            eq(checkInThreads.threadId, thread.messageId),
          ),
        )
        .get();
      return row ? toCheckInThread(row) : null;
    },
    record(input, now) {
      const existing = db
        .select()
        .from(checkIns)
        .where(and(eq(checkIns.memberId, input.memberId), eq(checkIns.localDate, input.localDate)))
        .get();
      if (!existing) {
        const row = db
          .insert(checkIns)
          .values({ ...scopeOf(input.workspace), ...withoutWorkspace(input), createdAt: now })
          .returning()
          .get();
        return { checkIn: toCheckIn(row), first: true };
      }
      // A form replaces the day's numbers and note; a thread reply only adds its note.
      const patch =
        input.source === 'form'
          ? {
              source: input.source,
              applications: input.applications,
              networking: input.networking,
              followUpsDone: input.followUpsDone,
              note: input.note,
            }
          : { note: [existing.note, input.note].filter((n) => n !== null).join('\n') || null };
      const row = db.update(checkIns).set(patch).where(eq(checkIns.id, existing.id)).returning().get();
      if (!row) throw new InternalError('invariant', 'check-in vanished during update');
      return { checkIn: toCheckIn(row), first: false };
    },
    find(memberId, localDate) {
      const row = db
        .select()
        .from(checkIns)
        .where(and(eq(checkIns.memberId, memberId), eq(checkIns.localDate, localDate)))
        .get();
      return row ? toCheckIn(row) : null;
    },
    memberIdsCheckedIn(groupId, localDate) {
      const rows = db
        .select({ memberId: checkIns.memberId })
        .from(checkIns)
        .where(and(eq(checkIns.groupId, groupId), eq(checkIns.localDate, localDate)))
        .all();
      return new Set(rows.map((r) => r.memberId));
    },
    memberIdsWhoLogged(groupId, localDate, from, to) {
      const range = [groupId, from.getTime(), to.getTime()];
      const rows = (whoLogged ??= sqliteOf(db).prepare(WHO_LOGGED_SQL))
        .pluck()
        .all(groupId, localDate, ...range, ...range, ...range, ...range) as number[];
      return new Set(rows);
    },
    listByMember(memberId) {
      return db
        .select()
        .from(checkIns)
        .where(eq(checkIns.memberId, memberId))
        .orderBy(checkIns.localDate)
        .all()
        .map(toCheckIn);
    },
  };
}

function withoutWorkspace<T extends { workspace: unknown }>(input: T): Omit<T, 'workspace'> {
  const { workspace: _ws, ...rest } = input;
  return rest;
}
