import { and, eq, sql } from 'drizzle-orm';
import type { CheckInRepository } from '../../core/ports/index.ts';
import { InternalError } from '../../core/errors.ts';
import type { Dialect } from '../dialect.ts';
import { scopeOf, toCheckIn, toCheckInThread, whole } from './rows.ts';

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

export function createCheckInRepository(d: Dialect): CheckInRepository {
  const { checkIns, checkInThreads } = d.tables;
  const threadOfDay = async (groupId: number, localDate: string) => {
    const [row] = await d.db
      .select()
      .from(checkInThreads)
      .where(and(eq(checkInThreads.groupId, groupId), eq(checkInThreads.localDate, localDate)))
      .limit(1);
    return row;
  };
  return {
    async saveThread(input, now) {
      // The first thread of the day stays: a second insert does nothing and the first is read back.
      const [row] = await d.db
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
        .returning();
      const saved = row ?? (await threadOfDay(input.groupId, input.localDate));
      if (!saved) throw new InternalError('invariant', 'check-in thread neither inserted nor found');
      return toCheckInThread(saved);
    },
    async findThread(groupId, localDate) {
      const row = await threadOfDay(groupId, localDate);
      return row ? toCheckInThread(row) : null;
    },
    async findThreadById(thread) {
      const [row] = await d.db
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
        .limit(1);
      return row ? toCheckInThread(row) : null;
    },
    async record(input, now) {
      // Insert first: the unique (member, day) index decides which check-in was the day's first,
      // even between two processes; the later one then changes the row in one statement.
      const [inserted] = await d.db
        .insert(checkIns)
        .values({ ...scopeOf(input.workspace), ...withoutWorkspace(input), createdAt: now })
        .onConflictDoNothing({ target: [checkIns.memberId, checkIns.localDate] })
        .returning();
      if (inserted) return { checkIn: toCheckIn(inserted), first: true };
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
          : input.note === null
            ? {}
            : {
                note: sql`case when ${checkIns.note} is null then ${input.note} else ${checkIns.note} || ${'\n'} || ${input.note} end`,
              };
      const where = and(eq(checkIns.memberId, input.memberId), eq(checkIns.localDate, input.localDate));
      const [row] =
        Object.keys(patch).length > 0
          ? await d.db.update(checkIns).set(patch).where(where).returning()
          : await d.db.select().from(checkIns).where(where).limit(1);
      if (!row) throw new InternalError('invariant', 'check-in vanished during update');
      return { checkIn: toCheckIn(row), first: false };
    },
    async find(memberId, localDate) {
      const [row] = await d.db
        .select()
        .from(checkIns)
        .where(and(eq(checkIns.memberId, memberId), eq(checkIns.localDate, localDate)))
        .limit(1);
      return row ? toCheckIn(row) : null;
    },
    async memberIdsCheckedIn(groupId, localDate) {
      const rows = await d.db
        .select({ memberId: checkIns.memberId })
        .from(checkIns)
        .where(and(eq(checkIns.groupId, groupId), eq(checkIns.localDate, localDate)));
      return new Set(rows.map((r) => r.memberId));
    },
    async memberIdsWhoLogged(groupId, localDate, from, to) {
      const range = [groupId, from.getTime(), to.getTime()];
      const rows = await d.rows(WHO_LOGGED_SQL, [groupId, localDate, ...range, ...range, ...range, ...range]);
      return new Set(rows.map((r) => whole(r.member_id)));
    },
    async listByMember(memberId) {
      const rows = await d.db
        .select()
        .from(checkIns)
        .where(eq(checkIns.memberId, memberId))
        .orderBy(checkIns.localDate);
      return rows.map(toCheckIn);
    },
  };
}

function withoutWorkspace<T extends { workspace: unknown }>(input: T): Omit<T, 'workspace'> {
  const { workspace: _ws, ...rest } = input;
  return rest;
}
