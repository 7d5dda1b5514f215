/** Row ↔ domain mapping shared by the repositories of both dialects. */
import { sql, type InferSelectModel, type Placeholder } from 'drizzle-orm';
import type { Delivery } from '../../core/ports/index.ts';
import type {
  Interview,
  Application,
  ApplicationEvent,
  ApplicationStatus,
  BotPost,
  CheckIn,
  CheckInThread,
  FollowUp,
  Group,
  Member,
  PostSubject,
  Rejection,
  RejectionStage,
  RuleSetting,
  Weekday,
  WorkspaceRef,
} from '../../core/types.ts';
import type { Tables } from '../schema/define.ts';

/** A row of one table as drizzle selects it. */
export type RowOf<K extends keyof Tables> = InferSelectModel<Tables[K]>;

export function workspaceOf(row: { platform: WorkspaceRef['platform']; workspaceId: string }): WorkspaceRef {
  return { platform: row.platform, workspaceId: row.workspaceId };
}

/** Splits a list into parts of at most `size`, so no statement exceeds either dialect's parameter limit. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}

export function scopeOf(ws: WorkspaceRef): { platform: WorkspaceRef['platform']; workspaceId: string } {
  return { platform: ws.platform, workspaceId: ws.workspaceId };
}

export function toGroup(r: RowOf<'groups'>): Group {
  return {
    id: r.id,
    workspace: workspaceOf(r),
    channelId: r.channelId,
    name: r.name,
    timezone: r.timezone,
    checkInMinute: r.checkInMinute,
    checkInDays: r.checkInDays
      .split(',')
      .filter((d) => d !== '')
      .map((d) => Number(d) as Weekday),
    reminderMinute: r.reminderMinute,
    ruleSettings: JSON.parse(r.ruleSettings) as Record<string, RuleSetting>,
    adminUserIds: JSON.parse(r.adminUserIds) as string[],
    createdAt: r.createdAt,
  };
}

export function toMember(r: RowOf<'members'>): Member {
  return {
    id: r.id,
    groupId: r.groupId,
    workspace: workspaceOf(r),
    userId: r.userId,
    displayName: r.displayName,
    timezone: r.timezone,
    timezoneChosen: r.timezoneChosen,
    quietStartMinute: r.quietStartMinute,
    quietEndMinute: r.quietEndMinute,
    pausedUntil: r.pausedUntil,
    visibility: r.visibility,
    active: r.active,
    dmUnreachable: r.dmUnreachable,
    dmChannelId: r.dmChannelId,
    checkInReminders: r.checkInReminders,
    joinedAt: r.joinedAt,
  };
}

export function toApplication(r: RowOf<'applications'>): Application {
  return {
    id: r.id,
    memberId: r.memberId,
    company: r.company,
    role: r.role,
    link: r.link,
    status: r.status as ApplicationStatus,
    visibility: r.visibility,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function toApplicationEvent(r: RowOf<'applicationEvents'>): ApplicationEvent {
  return {
    id: r.id,
    applicationId: r.applicationId,
    status: r.status as ApplicationStatus,
    at: r.at,
    createdAt: r.createdAt,
  };
}

export function toInterview(r: RowOf<'interviews'>): Interview {
  return {
    id: r.id,
    applicationId: r.applicationId,
    memberId: r.memberId,
    round: r.round,
    kind: r.kind,
    at: r.at,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function toRejection(r: RowOf<'rejections'>): Rejection {
  return {
    id: r.id,
    applicationId: r.applicationId,
    memberId: r.memberId,
    stage: r.stage as RejectionStage,
    note: r.note,
    rejectedOn: r.rejectedOn,
    createdAt: r.createdAt,
  };
}

export function toFollowUp(r: RowOf<'followUps'>): FollowUp {
  return {
    id: r.id,
    memberId: r.memberId,
    applicationId: r.applicationId,
    interviewId: r.interviewId,
    ruleId: r.ruleId,
    dueAt: r.dueAt,
    status: r.status,
    occurrence: r.occurrence,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function toPost(r: RowOf<'posts'>): BotPost {
  return {
    id: r.id,
    workspace: workspaceOf(r),
    groupId: r.groupId,
    memberId: r.memberId,
    subject: r.subject as PostSubject,
    subjectId: r.subjectId,
    channelId: r.channelId,
    messageId: r.messageId,
    createdAt: r.createdAt,
  };
}

export function toCheckInThread(r: RowOf<'checkInThreads'>): CheckInThread {
  return {
    id: r.id,
    groupId: r.groupId,
    localDate: r.localDate,
    channelId: r.channelId,
    messageId: r.messageId,
    threadId: r.threadId,
    createdAt: r.createdAt,
  };
}

export function toCheckIn(r: RowOf<'checkIns'>): CheckIn {
  return {
    id: r.id,
    memberId: r.memberId,
    groupId: r.groupId,
    localDate: r.localDate,
    source: r.source,
    applications: r.applications,
    networking: r.networking,
    followUpsDone: r.followUpsDone,
    note: r.note,
    createdAt: r.createdAt,
  };
}

export function toDelivery(r: RowOf<'deliveries'>): Delivery {
  return {
    key: r.key,
    kind: r.kind,
    memberId: r.memberId,
    subjectId: r.subjectId,
    owner: r.owner,
    channelId: r.channelId,
    messageId: r.messageId,
    status: r.status,
    attempts: r.attempts,
    inFlight: r.inFlight === 1,
    retryAt: r.retryAt,
    firstFailedAt: r.firstFailedAt,
    claimedAt: r.claimedAt,
    sentAt: r.sentAt,
    error: r.error,
  };
}

/** `?, ?, ?`: the placeholders of a raw statement's list of `count` values. */
export function marks(count: number): string {
  return count === 0 ? '' : '?' + ', ?'.repeat(count - 1);
}

/*
 * Raw rows hold values as each driver gives them: SQLite booleans are 0/1 and PostgreSQL's
 * `boolean` true/false; times (epoch ms) are numbers in SQLite and PGlite, strings from
 * node-postgres (its `bigint`). These read either.
 */
export const flag = (v: unknown): boolean => v === true || v === 1;
export const instant = (v: unknown): Date => new Date(Number(v));
export const optInstant = (v: unknown): Date | null => (v === null ? null : new Date(Number(v)));
export const whole = (v: unknown): number => Number(v);
export const optWhole = (v: unknown): number | null => (v === null ? null : Number(v));
export const str = (v: unknown): string => v as string;
export const optStr = (v: unknown): string | null => (v === null ? null : (v as string));

/** `{ a: sql.placeholder('a'), … }`: the values of a prepared insert whose parameters are named like its columns. */
export function placeholders<K extends string>(...names: K[]): Record<K, Placeholder<K>> {
  return Object.fromEntries(names.map((name) => [name, sql.placeholder(name)])) as Record<K, Placeholder<K>>;
}
