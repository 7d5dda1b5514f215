/** Storage of groups, members and what they log: the repositories the use cases write through. */
import type { InputFor } from '../commands/declarations.ts';
import type {
  Application,
  ApplicationEvent,
  ApplicationStatus,
  BotPost,
  Feedback,
  FollowUp,
  FollowUpStatus,
  Group,
  Interview,
  Member,
  MessageRef,
  PostSubject,
  Rejection,
  RejectionStage,
  RuleSetting,
  Update,
  Visibility,
  Weekday,
  WorkspaceRef,
} from '../types.ts';

export interface NewGroup {
  readonly workspace: WorkspaceRef;
  readonly channelId: string;
  readonly name: string;
  readonly timezone: string;
  readonly checkInMinute: number;
  readonly checkInDays: readonly Weekday[];
  readonly reminderMinute: number;
  readonly adminUserIds: readonly string[];
}

export type GroupPatch = Partial<{
  name: string;
  timezone: string;
  checkInMinute: number;
  checkInDays: readonly Weekday[];
  reminderMinute: number;
  ruleSettings: Readonly<Record<string, RuleSetting>>;
  adminUserIds: readonly string[];
}>;

export interface GroupRepository {
  findByChannel(workspace: WorkspaceRef, channelId: string): Promise<Group | null>;
  get(id: number): Promise<Group | null>;
  /**
   * The group, read inside a transaction to change it from what it holds (its admins, its rules):
   * the row stays locked until the transaction ends, so a replica doing the same waits and then
   * reads this change (SQLite's single writer needs no lock).
   */
  getForUpdate(id: number): Promise<Group | null>;
  /** The groups with these ids, in no particular order; missing ids are left out. */
  getMany(ids: readonly number[]): Promise<Group[]>;
  /** Rejects with an `InternalError` coded `conflict` when the channel already is a group (set up by another process at the same moment). */
  create(input: NewGroup, now: Date): Promise<Group>;
  update(id: number, patch: GroupPatch): Promise<Group>;
  /** Every group of every workspace the bot is still in (not removed from it): the scheduler walks them. */
  listAll(): Promise<Group[]>;
}

export interface NewMember {
  readonly groupId: number;
  readonly workspace: WorkspaceRef;
  readonly userId: string;
  readonly displayName: string;
  readonly timezone: string | null;
}

export type MemberPatch = Partial<{
  displayName: string;
  timezone: string | null;
  timezoneChosen: boolean;
  quietStartMinute: number;
  quietEndMinute: number;
  pausedUntil: Date | null;
  visibility: Visibility;
  active: boolean;
  dmUnreachable: boolean;
  dmChannelId: string | null;
  checkInReminders: boolean;
}>;

export interface MemberRepository {
  find(groupId: number, userId: string): Promise<Member | null>;
  get(id: number): Promise<Member | null>;
  /** Every membership of one person in one workspace. */
  listByUser(workspace: WorkspaceRef, userId: string): Promise<Member[]>;
  listByGroup(groupId: number, options?: { activeOnly?: boolean }): Promise<Member[]>;
  create(input: NewMember, now: Date): Promise<Member>;
  update(id: number, patch: MemberPatch): Promise<Member>;
}

export interface NewApplication {
  readonly workspace: WorkspaceRef;
  readonly memberId: number;
  readonly company: string;
  readonly role: string;
  readonly link: string | null;
  readonly status: ApplicationStatus;
  readonly visibility: Visibility;
}

export interface ApplicationRepository {
  get(id: number): Promise<Application | null>;
  /** For each of these members who logged any application (not one a rejection report created), when they logged their newest one. */
  latestCreatedAt(memberIds: readonly number[]): Promise<Map<number, Date>>;
  /** The member's applications to a company (case-insensitive), newest first. */
  findByCompany(memberId: number, company: string): Promise<Application[]>;
  /** Stores the application and the first event of its history (its status, at `now`). */
  create(input: NewApplication, now: Date): Promise<Application>;
  /** Changes what was logged (company, role, link, visibility); its history stays as it is. */
  edit(
    id: number,
    patch: { company?: string; role?: string; link?: string | null; visibility?: Visibility },
    now: Date,
  ): Promise<Application>;
  /** Moves the application to `status` and records the move as an event at `now`, all or nothing. */
  setStatus(id: number, status: ApplicationStatus, now: Date): Promise<Application>;
  /**
   * Takes back the event `fromEventId` of the application and any recorded after it (they go) and
   * puts `status` back: an Undo, which is no move of its own.
   */
  revertStatus(id: number, status: ApplicationStatus, fromEventId: number): Promise<Application>;
  /** One event of an application's history. */
  getEvent(id: number): Promise<ApplicationEvent | null>;
  /** The application's history, oldest first. */
  listEvents(applicationId: number): Promise<ApplicationEvent[]>;
  /**
   * Each application's latest news, by id: its newest event, or a later interview round's time
   * (a round ahead counts at its own time). One read for many applications (the sweep's silence check).
   */
  latestNews(applicationIds: readonly number[]): Promise<Map<number, Date>>;
  /** The newest event of each of the member's applications that has any, by application id. */
  latestEvents(memberId: number): Promise<Map<number, ApplicationEvent>>;
  /** Removes an application with everything recorded on it (rejections, feedback, follow-ups, events); false when there was none. */
  delete(id: number): Promise<boolean>;
  listByMember(memberId: number): Promise<Application[]>;
}

export interface NewInterview {
  readonly workspace: WorkspaceRef;
  readonly applicationId: number;
  readonly memberId: number;
  readonly kind: string;
  readonly at: Date;
}

export interface InterviewRepository {
  /** Stores the round as the application's next one (1, 2, …). */
  create(input: NewInterview, now: Date): Promise<Interview>;
  get(id: number): Promise<Interview | null>;
  /** Several rounds by id, in one read (a nudge's steps). */
  getMany(ids: readonly number[]): Promise<Map<number, Interview>>;
  /** Moves a round to another time. */
  reschedule(id: number, at: Date, now: Date): Promise<Interview>;
  /** The application's rounds, first round first. */
  listByApplication(applicationId: number): Promise<Interview[]>;
  /** Removes a round with its steps (an Undo); false when there was none. */
  delete(id: number): Promise<boolean>;
}

export interface NewRejection {
  readonly workspace: WorkspaceRef;
  readonly applicationId: number;
  readonly memberId: number;
  readonly stage: RejectionStage;
  readonly note: string | null;
  readonly rejectedOn: Date;
}

export interface RejectionRepository {
  create(input: NewRejection, now: Date): Promise<Rejection>;
  get(id: number): Promise<Rejection | null>;
  listByMember(memberId: number): Promise<Rejection[]>;
  /**
   * A member's rejections from one company (any case or spacing) logged after `since`, newest
   * first, with the role of the application each is about: what a repeated `/rejected` is checked against.
   */
  listRecentForCompany(memberId: number, company: string, since: Date): Promise<{ createdAt: Date; role: string }[]>;
  /** Removes one rejection report (its application stays); false when there was none. */
  delete(id: number): Promise<boolean>;
}

export interface UpdateRepository {
  create(
    input: { workspace: WorkspaceRef; memberId: number; text: string; source: Update['source'] },
    now: Date,
  ): Promise<Update>;
  get(id: number): Promise<Update | null>;
  listByMember(memberId: number): Promise<Update[]>;
  /** Removes one update; false when there was none. */
  delete(id: number): Promise<boolean>;
}

export interface FeedbackRepository {
  create(
    input: { workspace: WorkspaceRef; memberId: number; applicationId: number; text: string },
    now: Date,
  ): Promise<Feedback>;
}

export interface NewFollowUp {
  readonly workspace: WorkspaceRef;
  readonly memberId: number;
  readonly applicationId: number | null;
  /** The interview round the step is about; left out (null) for steps of other rules. */
  readonly interviewId?: number | null;
  readonly ruleId: string;
  readonly dueAt: Date;
  readonly occurrence: number;
}

/** A due follow-up with what a nudge needs to say about it. */
export interface DueStep {
  readonly followUp: FollowUp;
  readonly member: Member;
  readonly application: Application | null;
}

export interface FollowUpRepository {
  get(id: number): Promise<FollowUp | null>;
  createMany(inputs: readonly NewFollowUp[], now: Date): Promise<FollowUp[]>;
  /** Changes status or due time; moving the due time makes the step due for a nudge again. */
  update(id: number, patch: { status?: FollowUpStatus; dueAt?: Date }, now: Date): Promise<FollowUp>;
  /** Records that a nudge for the current due time was claimed, so the sweep stops listing it. */
  markNudged(ids: readonly number[], now: Date): Promise<void>;
  /** Undoes `markNudged` for a claim that was released before anything was sent. */
  clearNudged(ids: readonly number[]): Promise<void>;
  /** The member's follow-ups in the given statuses, soonest first (at most `limit` when given). */
  listByMember(memberId: number, statuses: readonly FollowUpStatus[], limit?: number): Promise<FollowUp[]>;
  /** How many of the member's follow-ups are in the given statuses. */
  countByMember(memberId: number, statuses: readonly FollowUpStatus[]): Promise<number>;
  /**
   * Sets the member's open follow-ups of these rules to `status` (any application), marked as closed
   * automatically so no figure counts them as done by the member; returns how many.
   */
  closeOpenForMember(memberId: number, ruleIds: readonly string[], status: FollowUpStatus, now: Date): Promise<number>;
  /** Open follow-ups (pending or snoozed) not yet nudged whose due time is at or before `now`, soonest first. */
  listDue(now: Date, limit: number): Promise<FollowUp[]>;
  /**
   * The same due steps, each with its member and its application, read in one pass: the sweep's
   * claim. Call it inside a transaction, which then marks the steps nudged (or claims their
   * delivery keys): on PostgreSQL the steps returned stay locked until that transaction ends and
   * steps another replica's claim holds are skipped, so replicas sweeping at once split the due
   * work instead of both taking it.
   */
  listDueWithContext(now: Date, limit: number): Promise<DueStep[]>;
  /**
   * The sweep's page of due work: every due step (with context, locked as above) of the first
   * `members` members after `afterMemberId` that have any, by member id then due time. A member's
   * steps are never split between pages, so each page gives whole nudges.
   */
  listDuePage(now: Date, afterMemberId: number, members: number): Promise<DueStep[]>;
  /** The earliest due time after `after` among open, un-nudged follow-ups (when to wake next). */
  nextDueAfter(after: Date): Promise<Date | null>;
  /** The application's open follow-ups (pending or snoozed) of these rules. */
  listOpenForApplication(applicationId: number, ruleIds: readonly string[]): Promise<FollowUp[]>;
  /** Sets every open follow-up of the interview round to `cancelled` (it moved, or ended); returns how many. */
  cancelOpenForInterview(interviewId: number, now: Date): Promise<number>;
  /** Sets every open follow-up of the application for these rules to `cancelled`; returns how many. */
  cancelOpen(applicationId: number, ruleIds: readonly string[], now: Date): Promise<number>;
  /** Removes the application's follow-ups created at or after `since` (a plan taken back); returns how many. */
  deleteForApplicationSince(applicationId: number, since: Date): Promise<number>;
  /**
   * Reopens the member's follow-ups of these rules that were set `done` at exactly `at` (what a
   * logged application ticked off, when it is taken back); returns how many.
   */
  reopenDoneAt(memberId: number, ruleIds: readonly string[], at: Date): Promise<number>;
  /**
   * Reopens the application's follow-ups that were set `cancelled` at exactly `at` (what a stage
   * move closed, when it is taken back); returns how many.
   */
  reopenCancelledAt(applicationId: number, at: Date): Promise<number>;
}

export interface NewPost {
  readonly workspace: WorkspaceRef;
  readonly groupId: number | null;
  readonly memberId: number | null;
  readonly subject: PostSubject;
  readonly subjectId: number | null;
  readonly channelId: string;
  readonly messageId: string;
}

export interface PostRepository {
  create(input: NewPost, now: Date): Promise<BotPost>;
  /** The bot's post that is this message, in its workspace and channel. */
  findByMessage(message: MessageRef): Promise<BotPost | null>;
  /** The bot's group post about one entry, if it made one. */
  findBySubject(workspace: WorkspaceRef, subject: PostSubject, subjectId: number): Promise<BotPost | null>;
  /** Removes the post's record and the peer reactions counted on it; returns how many reactions went. */
  delete(id: number): Promise<number>;
}

export interface ReactionRepository {
  /** Records a peer reaction; false when it was already recorded. */
  add(postId: number, reactorUserId: string, emoji: string, now: Date): Promise<boolean>;
  /** Removes it; false when there was none. */
  remove(postId: number, reactorUserId: string, emoji: string): Promise<boolean>;
}

/** What a held entry is: the command it came from and its typed input. */
export type PendingInput =
  | { readonly kind: 'applied'; readonly input: InputFor<'applied'> }
  | { readonly kind: 'rejected'; readonly input: InputFor<'rejected'> };

export type PendingEntry = PendingInput & {
  readonly id: number;
  readonly memberId: number;
  readonly createdAt: Date;
};

/** Entries typed again within a day of the same one, held until the member says to log them. */
export interface PendingEntryRepository {
  create(workspace: WorkspaceRef, memberId: number, entry: PendingInput, now: Date): Promise<PendingEntry>;
  get(id: number): Promise<PendingEntry | null>;
  /** False when it was gone already. */
  delete(id: number): Promise<boolean>;
  /** Drops every held entry made before `before`; returns how many. */
  deleteOlderThan(before: Date): Promise<number>;
}
