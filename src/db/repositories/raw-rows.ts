/**
 * The sweep's hot reads, without the query builder: prepared statements run per id or once per
 * sweep, their snake_case rows turned into drizzle's row shape and then into domain objects by the
 * same `to…` functions as everywhere else. The object literals are typed as drizzle's select
 * models, so a column added to the schema and not read here fails to compile.
 */
import type Database from 'better-sqlite3';
import type { InferSelectModel } from 'drizzle-orm';
import type { Application, FollowUp, Member, WorkspaceRef } from '../../core/types.ts';
import type * as s from '../schema.ts';
import { toApplication, toFollowUp, toMember } from './rows.ts';

type Platform = WorkspaceRef['platform'];
type Raw = Record<string, unknown>;
const num = (v: unknown) => v as number;
const str = (v: unknown) => v as string;
const optStr = (v: unknown) => (v === null ? null : (v as string));
const date = (v: unknown) => new Date(v as number);
const optDate = (v: unknown) => (v === null ? null : new Date(v as number));

export function rawMember(r: Raw): Member {
  const row: InferSelectModel<typeof s.members> = {
    id: num(r.id),
    platform: str(r.platform) as Platform,
    workspaceId: str(r.workspace_id),
    groupId: num(r.group_id),
    userId: str(r.user_id),
    displayName: str(r.display_name),
    timezone: optStr(r.timezone),
    timezoneChosen: r.timezone_chosen === 1,
    quietStartMinute: num(r.quiet_start_minute),
    quietEndMinute: num(r.quiet_end_minute),
    pausedUntil: optDate(r.paused_until),
    visibility: str(r.visibility) as Member['visibility'],
    active: r.active === 1,
    dmUnreachable: r.dm_unreachable === 1,
    checkInReminders: r.check_in_reminders === 1,
    joinedAt: date(r.joined_at),
  };
  return toMember(row);
}

export function rawApplication(r: Raw): Application {
  const row: InferSelectModel<typeof s.applications> = {
    id: num(r.id),
    platform: str(r.platform) as Platform,
    workspaceId: str(r.workspace_id),
    memberId: num(r.member_id),
    company: str(r.company),
    companyKey: str(r.company_key),
    role: str(r.role),
    link: optStr(r.link),
    status: str(r.status),
    visibility: str(r.visibility) as Application['visibility'],
    createdByRejection: r.created_by_rejection === 1,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
  return toApplication(row);
}

export function rawFollowUp(r: Raw): FollowUp {
  const row: InferSelectModel<typeof s.followUps> = {
    id: num(r.id),
    platform: str(r.platform) as Platform,
    workspaceId: str(r.workspace_id),
    memberId: num(r.member_id),
    applicationId: r.application_id === null ? null : num(r.application_id),
    ruleId: str(r.rule_id),
    dueAt: date(r.due_at),
    status: str(r.status) as FollowUp['status'],
    occurrence: num(r.occurrence),
    nudgedAt: optDate(r.nudged_at),
    closedAutomatically: r.closed_automatically === 1,
    createdAt: date(r.created_at),
    updatedAt: date(r.updated_at),
  };
  return toFollowUp(row);
}

/** Rows by id through a prepared single-row statement, each id once, in the order given. */
export function byIds<T>(statement: Database.Statement, ids: readonly number[], map: (row: Raw) => T): T[] {
  const found: T[] = [];
  for (const id of new Set(ids)) {
    const row = statement.get(id) as Raw | undefined;
    if (row) found.push(map(row));
  }
  return found;
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
];

/**
 * Due steps with their member and application in one statement: the partial index finds the due
 * rows, primary keys the rest, all inside SQLite. The WHERE clause is the partial index's
 * predicate word for word, so SQLite uses it.
 */
export const DUE_WITH_CONTEXT_SQL =
  `SELECT ${columns('f', 'f_', FOLLOW_UP_COLUMNS)}, ${columns('m', 'm_', MEMBER_COLUMNS)}, ${columns('a', 'a_', APPLICATION_COLUMNS)} ` +
  'FROM follow_ups f JOIN members m ON m.id = f.member_id LEFT JOIN applications a ON a.id = f.application_id ' +
  "WHERE f.status in ('pending', 'snoozed') and f.nudged_at is null AND f.due_at <= ? ORDER BY f.due_at, f.id LIMIT ?";

const M_AT = FOLLOW_UP_COLUMNS.length;
const A_AT = M_AT + MEMBER_COLUMNS.length;

/**
 * One row of `DUE_WITH_CONTEXT_SQL` read with `.raw()` (an array, the cheapest form), columns in
 * the order of the lists above. Members are shared between a member's steps.
 */
export function rawDueStep(
  r: readonly unknown[],
  members: Map<number, Member>,
): { followUp: FollowUp; member: Member; application: Application | null } {
  const memberId = r[M_AT] as number;
  let member = members.get(memberId);
  if (!member) {
    const m = M_AT;
    member = toMember({
      id: num(r[m]),
      platform: str(r[m + 1]) as Platform,
      workspaceId: str(r[m + 2]),
      groupId: num(r[m + 3]),
      userId: str(r[m + 4]),
      displayName: str(r[m + 5]),
      timezone: optStr(r[m + 6]),
      timezoneChosen: r[m + 14] === 1,
      quietStartMinute: num(r[m + 7]),
      quietEndMinute: num(r[m + 8]),
      pausedUntil: optDate(r[m + 9]),
      visibility: str(r[m + 10]) as Member['visibility'],
      active: r[m + 11] === 1,
      dmUnreachable: r[m + 12] === 1,
      joinedAt: date(r[m + 13]),
      checkInReminders: r[m + 14] === 1,
    });
    members.set(memberId, member);
  }
  const a = A_AT;
  return {
    followUp: toFollowUp({
      id: num(r[0]),
      platform: str(r[1]) as Platform,
      workspaceId: str(r[2]),
      memberId: num(r[3]),
      applicationId: r[4] === null ? null : num(r[4]),
      ruleId: str(r[5]),
      dueAt: date(r[6]),
      status: str(r[7]) as FollowUp['status'],
      occurrence: num(r[8]),
      nudgedAt: optDate(r[9]),
      // Due steps are open: none of them was closed yet, automatically or not.
      closedAutomatically: false,
      createdAt: date(r[10]),
      updatedAt: date(r[11]),
    }),
    member,
    application:
      r[a] === null
        ? null
        : toApplication({
            id: num(r[a]),
            platform: str(r[a + 1]) as Platform,
            workspaceId: str(r[a + 2]),
            memberId: num(r[a + 3]),
            company: str(r[a + 4]),
            companyKey: str(r[a + 5]),
            role: str(r[a + 6]),
            link: optStr(r[a + 7]),
            status: str(r[a + 8]),
            visibility: str(r[a + 9]) as Application['visibility'],
            createdByRejection: r[a + 10] === 1,
            createdAt: date(r[a + 11]),
            updatedAt: date(r[a + 12]),
          }),
  };
}
