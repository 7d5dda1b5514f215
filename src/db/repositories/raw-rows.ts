/**
 * The sweep's hot reads, without the query builder: raw statements (prepared once and cached on
 * SQLite), their snake_case rows turned into drizzle's row shape and then into domain objects by
 * the same `to…` functions as everywhere else. The object literals are typed as drizzle's select
 * models, so a column added to the schema and not read here fails to compile. Values are decoded
 * for either dialect (see `rows.ts`).
 */
import type { Application, FollowUp, Member, WorkspaceRef } from '../../core/types.ts';
import {
  flag,
  instant,
  optInstant,
  optStr,
  optWhole,
  str,
  toApplication,
  toFollowUp,
  toMember,
  whole,
  type RowOf,
} from './rows.ts';
import type { Row } from '../dialect.ts';

type Platform = WorkspaceRef['platform'];

export function rawFollowUp(r: Row): FollowUp {
  const row: RowOf<'followUps'> = {
    id: whole(r.id),
    platform: str(r.platform) as Platform,
    workspaceId: str(r.workspace_id),
    memberId: whole(r.member_id),
    applicationId: optWhole(r.application_id),
    interviewId: optWhole(r.interview_id),
    ruleId: str(r.rule_id),
    dueAt: instant(r.due_at),
    status: str(r.status) as FollowUp['status'],
    occurrence: whole(r.occurrence),
    nudgedAt: optInstant(r.nudged_at),
    closedAutomatically: flag(r.closed_automatically),
    createdAt: instant(r.created_at),
    updatedAt: instant(r.updated_at),
  };
  return toFollowUp(row);
}

const columns = (table: string, alias: string, names: readonly string[]) =>
  names.map((n) => `${table}.${n} AS ${alias}${n}`).join(', ');
const MEMBER_COLUMNS = [
  'id',
  'platform',
  'workspace_id',
  'group_id',
  'user_id',
  'display_name',
  'timezone',
  'quiet_start_minute',
  'quiet_end_minute',
  'paused_until',
  'visibility',
  'active',
  'dm_unreachable',
  'joined_at',
  'check_in_reminders',
  'timezone_chosen',
  'dm_channel_id',
];
const APPLICATION_COLUMNS = [
  'id',
  'platform',
  'workspace_id',
  'member_id',
  'company',
  'company_key',
  'role',
  'link',
  'status',
  'visibility',
  'created_by_rejection',
  'created_at',
  'updated_at',
];
const FOLLOW_UP_COLUMNS = [
  'id',
  'platform',
  'workspace_id',
  'member_id',
  'application_id',
  'rule_id',
  'due_at',
  'status',
  'occurrence',
  'nudged_at',
  'created_at',
  'updated_at',
  'interview_id',
];

/**
 * Due steps with their member and application in one statement: the partial index finds the due
 * rows, primary keys the rest. The WHERE clause is the partial index's predicate word for word, so
 * SQLite uses it. The dialect's lock clause goes after it (PostgreSQL: `FOR UPDATE OF follow_ups
 * SKIP LOCKED`, which is why `follow_ups` keeps its name).
 */
export const DUE_WITH_CONTEXT_SQL =
  `SELECT ${columns('follow_ups', 'f_', FOLLOW_UP_COLUMNS)}, ${columns('m', 'm_', MEMBER_COLUMNS)}, ${columns('a', 'a_', APPLICATION_COLUMNS)} ` +
  'FROM follow_ups JOIN members m ON m.id = follow_ups.member_id LEFT JOIN applications a ON a.id = follow_ups.application_id ' +
  "WHERE follow_ups.status in ('pending', 'snoozed') and follow_ups.nudged_at is null AND follow_ups.due_at <= ? " +
  'ORDER BY follow_ups.due_at, follow_ups.id LIMIT ?';

const DUE = "follow_ups.status in ('pending', 'snoozed') and follow_ups.nudged_at is null AND follow_ups.due_at <= ?";

/** Parameters: now, now, after member id, members. */
export const DUE_PAGE_SQL =
  `SELECT ${columns('follow_ups', 'f_', FOLLOW_UP_COLUMNS)}, ${columns('m', 'm_', MEMBER_COLUMNS)}, ${columns('a', 'a_', APPLICATION_COLUMNS)} ` +
  'FROM follow_ups JOIN members m ON m.id = follow_ups.member_id LEFT JOIN applications a ON a.id = follow_ups.application_id ' +
  `WHERE ${DUE} AND follow_ups.member_id IN (` +
  `SELECT follow_ups.member_id FROM follow_ups WHERE ${DUE} AND follow_ups.member_id > ? ` +
  'GROUP BY follow_ups.member_id ORDER BY follow_ups.member_id LIMIT ?) ' +
  'ORDER BY follow_ups.member_id, follow_ups.due_at, follow_ups.id';

const M_AT = FOLLOW_UP_COLUMNS.length;
const A_AT = M_AT + MEMBER_COLUMNS.length;

/**
 * One row of `DUE_WITH_CONTEXT_SQL` read as values (an array, the cheapest form), columns in
 * the order of the lists above. Members are shared between a member's steps.
 */
export function rawDueStep(
  r: readonly unknown[],
  members: Map<number, Member>,
): { followUp: FollowUp; member: Member; application: Application | null } {
  const memberId = whole(r[M_AT]);
  let member = members.get(memberId);
  if (!member) {
    const m = M_AT;
    member = toMember({
      id: whole(r[m]),
      platform: str(r[m + 1]) as Platform,
      workspaceId: str(r[m + 2]),
      groupId: whole(r[m + 3]),
      userId: str(r[m + 4]),
      displayName: str(r[m + 5]),
      timezone: optStr(r[m + 6]),
      timezoneChosen: flag(r[m + 15]),
      quietStartMinute: whole(r[m + 7]),
      quietEndMinute: whole(r[m + 8]),
      pausedUntil: optInstant(r[m + 9]),
      visibility: str(r[m + 10]) as Member['visibility'],
      active: flag(r[m + 11]),
      dmUnreachable: flag(r[m + 12]),
      joinedAt: instant(r[m + 13]),
      checkInReminders: flag(r[m + 14]),
      dmChannelId: optStr(r[m + 16]),
    });
    members.set(memberId, member);
  }
  const a = A_AT;
  return {
    followUp: toFollowUp({
      id: whole(r[0]),
      platform: str(r[1]) as Platform,
      workspaceId: str(r[2]),
      memberId: whole(r[3]),
      applicationId: optWhole(r[4]),
      interviewId: optWhole(r[12]),
      ruleId: str(r[5]),
      dueAt: instant(r[6]),
      status: str(r[7]) as FollowUp['status'],
      occurrence: whole(r[8]),
      nudgedAt: optInstant(r[9]),
      // Due steps are open: none of them was closed yet, automatically or not.
      closedAutomatically: false,
      createdAt: instant(r[10]),
      updatedAt: instant(r[11]),
    }),
    member,
    application:
      r[a] === null
        ? null
        : toApplication({
            id: whole(r[a]),
            platform: str(r[a + 1]) as Platform,
            workspaceId: str(r[a + 2]),
            memberId: whole(r[a + 3]),
            company: str(r[a + 4]),
            companyKey: str(r[a + 5]),
            role: str(r[a + 6]),
            link: optStr(r[a + 7]),
            status: str(r[a + 8]),
            visibility: str(r[a + 9]) as Application['visibility'],
            createdByRejection: flag(r[a + 10]),
            createdAt: instant(r[a + 11]),
            updatedAt: instant(r[a + 12]),
          }),
  };
}
