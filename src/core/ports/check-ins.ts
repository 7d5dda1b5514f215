/** Daily check-ins and weekly goals. */
import type { CheckIn, CheckInThread, Goal, MessageRef, WorkspaceRef } from '../types.ts';

export interface NewCheckInThread {
  readonly workspace: WorkspaceRef;
  readonly groupId: number;
  readonly localDate: string;
  readonly channelId: string;
  readonly messageId: string;
  readonly threadId: string;
}

export interface NewCheckIn {
  readonly workspace: WorkspaceRef;
  readonly memberId: number;
  readonly groupId: number;
  readonly localDate: string;
  readonly source: CheckIn['source'];
  readonly applications: number;
  readonly networking: number;
  readonly followUpsDone: number;
  readonly note: string | null;
}

export interface CheckInRepository {
  saveThread(input: NewCheckInThread, now: Date): Promise<CheckInThread>;
  findThread(groupId: number, localDate: string): Promise<CheckInThread | null>;
  /**
   * The day's thread that replies under `thread` belong to: `thread.channelId` is the channel the
   * thread hangs off and `thread.messageId` the thread id (Slack's parent `ts`, Discord's thread
   * channel id), as stored in `CheckInThread.channelId` and `threadId`.
   */
  findThreadById(thread: MessageRef): Promise<CheckInThread | null>;
  /**
   * Records a member's check-in for a local date. A form on a day already checked in replaces the
   * day's counts and note; a thread reply then adds its note and leaves the counts. `first` tells
   * whether this was the day's first.
   */
  record(input: NewCheckIn, now: Date): Promise<{ checkIn: CheckIn; first: boolean }>;
  find(memberId: number, localDate: string): Promise<CheckIn | null>;
  listByMember(memberId: number): Promise<CheckIn[]>;
  /** The members of a group who checked in for a local date. */
  memberIdsCheckedIn(groupId: number, localDate: string): Promise<Set<number>>;
  /**
   * The members of a group who logged anything for a local date: checked in for it, or, between
   * `from` and `to` (that date's start and end), logged or moved an application, a rejection, an
   * update or feedback.
   */
  memberIdsWhoLogged(groupId: number, localDate: string, from: Date, to: Date): Promise<Set<number>>;
}

export interface GoalRepository {
  set(
    workspace: WorkspaceRef,
    memberId: number,
    goal: { applications: number; networking: number },
    now: Date,
  ): Promise<Goal>;
  get(memberId: number): Promise<Goal | null>;
}
