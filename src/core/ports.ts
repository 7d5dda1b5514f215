/**
 * Ports: what the core needs from the outside world. Adapters and the database implement them;
 * every member is required, so the compiler catches a missing one.
 */
import type { Message, OutboundFile } from './messages.ts';
import type {
  Application,
  ApplicationStatus,
  BotPost,
  CheckIn,
  CheckInThread,
  Feedback,
  FollowUp,
  FollowUpStatus,
  Goal,
  Group,
  Member,
  PeerReaction,
  PostSubject,
  Rejection,
  RejectionStage,
  RuleSetting,
  Update,
  Visibility,
  Weekday,
  WorkspaceRef,
} from './types.ts';

// ---------------------------------------------------------------- chat (outbound)

export interface ChannelTarget {
  readonly workspace: WorkspaceRef;
  readonly channelId: string;
}

export interface UserTarget {
  readonly workspace: WorkspaceRef;
  readonly userId: string;
}

/** The platform's reference to a message the bot sent. */
export interface SentMessage {
  readonly channelId: string;
  readonly messageId: string;
}

/**
 * Proactive sends, from stored references. Every method throws a `DeliveryError` when the
 * platform refuses or cannot be reached; it never swallows a failure.
 */
export interface ChatPort {
  /** Post to a group channel. */
  postToChannel(target: ChannelTarget, message: Message, files?: readonly OutboundFile[]): Promise<SentMessage>;
  /** Post a message that opens a thread (the daily check-in). `threadId` is where replies go. */
  postThreadStarter(target: ChannelTarget, message: Message, threadName: string): Promise<SentMessage & { readonly threadId: string }>;
  /** Post in an existing thread. */
  postInThread(target: ChannelTarget, threadId: string, message: Message): Promise<SentMessage>;
  /** A direct message to one person. */
  sendDirect(target: UserTarget, message: Message, files?: readonly OutboundFile[]): Promise<SentMessage>;
  /** Replace the content of a message the bot sent earlier. */
  updateMessage(workspace: WorkspaceRef, sent: SentMessage, message: Message): Promise<void>;
}

// ---------------------------------------------------------------- storage

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
  findByChannel(workspace: WorkspaceRef, channelId: string): Group | null;
  get(id: number): Group | null;
  /** The groups with these ids, in no particular order; missing ids are left out. */
  getMany(ids: readonly number[]): Group[];
  create(input: NewGroup, now: Date): Group;
  update(id: number, patch: GroupPatch): Group;
  /** Every group of every workspace: the scheduler walks them. */
  listAll(): Group[];
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
  quietStartMinute: number;
  quietEndMinute: number;
  pausedUntil: Date | null;
  visibility: Visibility;
  active: boolean;
  dmUnreachable: boolean;
}>;

export interface MemberRepository {
  find(groupId: number, userId: string): Member | null;
  get(id: number): Member | null;
  /** The members with these ids, in no particular order; missing ids are left out (the sweep loads its due set in bulk). */
  getMany(ids: readonly number[]): Member[];
  /** Every membership of one person in one workspace. */
  listByUser(workspace: WorkspaceRef, userId: string): Member[];
  listByGroup(groupId: number, options?: { activeOnly?: boolean }): Member[];
  create(input: NewMember, now: Date): Member;
  update(id: number, patch: MemberPatch): Member;
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
  get(id: number): Application | null;
  /** The applications with these ids, in no particular order; missing ids are left out. */
  getMany(ids: readonly number[]): Application[];
  /** For each of these members who logged any application (not one a rejection report created), when they logged their newest one. */
  latestCreatedAt(memberIds: readonly number[]): Map<number, Date>;
  /** The member's applications to a company (case-insensitive), newest first. */
  findByCompany(memberId: number, company: string): Application[];
  create(input: NewApplication, now: Date): Application;
  setStatus(id: number, status: ApplicationStatus, now: Date): Application;
  listByMember(memberId: number): Application[];
  /** Applications the member logged strictly after `since` (for keep-applying's condition). */
  countCreatedSince(memberId: number, since: Date): number;
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
  create(input: NewRejection, now: Date): Rejection;
  listByMember(memberId: number): Rejection[];
}

export interface UpdateRepository {
  create(input: { workspace: WorkspaceRef; memberId: number; text: string; source: Update['source'] }, now: Date): Update;
  listByMember(memberId: number): Update[];
}

export interface FeedbackRepository {
  create(input: { workspace: WorkspaceRef; memberId: number; applicationId: number; text: string }, now: Date): Feedback;
  listByMember(memberId: number): Feedback[];
}

export interface NewFollowUp {
  readonly workspace: WorkspaceRef;
  readonly memberId: number;
  readonly applicationId: number | null;
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
  get(id: number): FollowUp | null;
  createMany(inputs: readonly NewFollowUp[], now: Date): FollowUp[];
  /** Changes status or due time; moving the due time makes the step due for a nudge again. */
  update(id: number, patch: { status?: FollowUpStatus; dueAt?: Date }, now: Date): FollowUp;
  /** Records that a nudge for the current due time was claimed, so the sweep stops listing it. */
  markNudged(ids: readonly number[], now: Date): void;
  /** Undoes `markNudged` for a claim that was released before anything was sent. */
  clearNudged(ids: readonly number[]): void;
  /** The member's follow-ups in the given statuses, soonest first (at most `limit` when given). */
  listByMember(memberId: number, statuses: readonly FollowUpStatus[], limit?: number): FollowUp[];
  /** How many of the member's follow-ups are in the given statuses. */
  countByMember(memberId: number, statuses: readonly FollowUpStatus[]): number;
  /** Sets the member's open follow-ups of these rules to `status` (any application); returns how many. */
  closeOpenForMember(memberId: number, ruleIds: readonly string[], status: FollowUpStatus, now: Date): number;
  /** Follow-ups still open (pending or snoozed) for an application and some rules. */
  listOpenForApplication(applicationId: number, ruleIds: readonly string[]): FollowUp[];
  /** Open follow-ups (pending or snoozed) not yet nudged whose due time is at or before `now`, soonest first. */
  listDue(now: Date, limit: number): FollowUp[];
  /** The same due steps, each with its member and its application, read in one pass (the sweep's claim). */
  listDueWithContext(now: Date, limit: number): DueStep[];
  /** The earliest due time after `after` among open, un-nudged follow-ups (when to wake next). */
  nextDueAfter(after: Date): Date | null;
  /** Sets every open follow-up of the application for these rules to `cancelled`; returns how many. */
  cancelOpen(applicationId: number, ruleIds: readonly string[], now: Date): number;
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
  create(input: NewPost, now: Date): BotPost;
  get(id: number): BotPost | null;
  findByMessage(workspace: WorkspaceRef, messageId: string): BotPost | null;
}

export interface ReactionRepository {
  /** Records a peer reaction; false when it was already recorded. */
  add(postId: number, reactorUserId: string, emoji: string, now: Date): boolean;
  /** Removes it; false when there was none. */
  remove(postId: number, reactorUserId: string, emoji: string): boolean;
  countForPost(postId: number): number;
}

export interface NewDelivery {
  readonly key: string;
  readonly kind: string;
  readonly workspace: WorkspaceRef;
  readonly memberId: number | null;
  /** What is delivered: the follow-up id for a nudge item, the group id for a check-in, … */
  readonly subjectId: number | null;
  /** Which process claims it (host:pid:random), for diagnosis. */
  readonly owner: string;
}

export type DeliveryStatus = 'claimed' | 'sent' | 'failed' | 'abandoned';

export interface Delivery {
  readonly key: string;
  readonly kind: string;
  readonly memberId: number | null;
  readonly subjectId: number | null;
  readonly owner: string;
  readonly channelId: string | null;
  readonly messageId: string | null;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly claimedAt: Date;
  readonly sentAt: Date | null;
  readonly error: string | null;
}

/**
 * The exactly-once ledger. A delivery is claimed under its idempotency key before anything is
 * sent (the unique key makes the claim atomic across processes) and marked after.
 */
export interface DeliveryRepository {
  /** True when this caller now owns the key; false when anyone claimed it before. */
  claim(input: NewDelivery, now: Date): boolean;
  /** Claims many keys at once; returns the keys this caller now owns (the others were claimed before). */
  claimMany(inputs: readonly NewDelivery[], now: Date): Set<string>;
  /** Counts one more send attempt on one key, unconditionally (prefer `startAttempt`, which checks ownership). */
  markAttempt(key: string, now: Date): void;
  /**
   * Written just before the platform is called: counts one more send attempt on every key and
   * renews their lease (`claimedAt` = now), but only if `owner` still holds all of them as claims.
   * False (and nothing written) when any key was released or taken meanwhile: then do not send.
   */
  startAttempt(keys: readonly string[], owner: string, now: Date): boolean;
  /** Deletes `owner`'s claims on these keys that never had a send attempt; returns how many. */
  releaseUnattempted(keys: readonly string[], owner: string): number;
  /** Which of these keys exist in the ledger, in any status. */
  existingKeys(keys: readonly string[]): Set<string>;
  /** The keys of one member's deliveries of one kind (e.g. the days a reminder was skipped for a pause). */
  keysForMember(memberId: number, kind: string): string[];
  markSent(key: string, sent: SentMessage | null, now: Date): void;
  markFailed(key: string, error: string, now: Date): void;
  get(key: string): Delivery | null;
  /** Deliveries that share one sent message (the items of one nudge). */
  listByMessage(messageId: string): Delivery[];
  /** The newest delivery of a kind about a subject (the last nudge of a follow-up). */
  latestForSubject(kind: string, subjectId: number): Delivery | null;
  /** Claims still unmarked since before `claimedBefore`: their process died or hung. */
  listStaleClaims(claimedBefore: Date, limit: number): Delivery[];
  /** Deletes a claim nothing was sent for (still claimed, no attempt), so the work can be claimed again; false if it was not such a claim. */
  release(key: string): boolean;
  /** Gives up on a claim whose send may or may not have reached the platform (never resent); only a key still `claimed`. */
  markAbandoned(key: string, reason: string): void;
}

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
  saveThread(input: NewCheckInThread, now: Date): CheckInThread;
  findThread(groupId: number, localDate: string): CheckInThread | null;
  findThreadById(workspace: WorkspaceRef, threadId: string): CheckInThread | null;
  /**
   * Records a member's check-in for a local date. A second check-in the same day adds its counts
   * to the first; `first` tells whether this was the day's first.
   */
  record(input: NewCheckIn, now: Date): { checkIn: CheckIn; first: boolean };
  find(memberId: number, localDate: string): CheckIn | null;
  listByMember(memberId: number): CheckIn[];
  /** The members of a group who checked in for a local date. */
  memberIdsCheckedIn(groupId: number, localDate: string): Set<number>;
}

export interface GoalRepository {
  set(workspace: WorkspaceRef, memberId: number, goal: { applications: number; networking: number }, now: Date): Goal;
  get(memberId: number): Goal | null;
}

// ---------------------------------------------------------------- insights and privacy

/** An application as the insights read it. */
export interface ApplicationFact extends Application {
  /** True when a rejection report first stored it, so it is not an application logged that day. */
  readonly viaRejection: boolean;
}

/** A follow-up marked done, and when. */
export interface DoneFollowUpFact {
  readonly id: number;
  readonly memberId: number;
  readonly ruleId: string;
  readonly applicationId: number | null;
  readonly doneAt: Date;
}

/** Everything /stats reads about one membership. */
export interface MemberFacts {
  readonly applications: readonly ApplicationFact[];
  readonly rejections: readonly Rejection[];
  readonly feedback: readonly Feedback[];
  readonly followUpsDone: readonly DoneFollowUpFact[];
  readonly checkIns: readonly CheckIn[];
  /** Peer reactions on the bot's posts about this member. */
  readonly reactionsReceived: number;
  /** Reactions this person gave on posts about others in the same group. */
  readonly reactionsGiven: number;
}

/** A peer reaction on a post about a member. */
export interface ReactionFact {
  readonly reactorUserId: string;
  /** The member the post is about. */
  readonly memberId: number;
  readonly createdAt: Date;
}

/** One window of a group's activity (a week), raw; the core decides what is shown to whom. */
export interface GroupFacts {
  /** Every membership of the group, active or not. */
  readonly members: readonly Member[];
  /** Applications created in the window. */
  readonly applications: readonly ApplicationFact[];
  /** Applications whose status moved to interviewing, offer or accepted in the window. */
  readonly advanced: readonly Application[];
  /** Rejections reported in the window, with how many steps about them have been done so far. */
  readonly rejections: readonly (Rejection & { readonly followUpsDone: number })[];
  readonly followUpsDone: readonly DoneFollowUpFact[];
  readonly feedback: readonly Feedback[];
  /** Check-ins whose local date is within the window's dates. */
  readonly checkIns: readonly CheckIn[];
  /** Reactions given in the window on the group's posts about members. */
  readonly reactions: readonly ReactionFact[];
  /** The applications that the rejections, follow-ups and feedback above refer to. */
  readonly referenced: readonly Application[];
}

export interface InsightWindow {
  readonly from: Date;
  /** Exclusive. */
  readonly to: Date;
  /** The window's local dates, for check-ins (stored by local date). */
  readonly firstDate: string;
  readonly lastDate: string;
}

/** Read-only aggregate queries behind /stats, /stats group and the weekly digest. */
export interface InsightsRepository {
  memberFacts(memberId: number): MemberFacts;
  groupFacts(groupId: number, window: InsightWindow): GroupFacts;
}

/** Everything stored about one person in one workspace, across all their groups. */
export interface MemberExport {
  readonly workspace: WorkspaceRef;
  readonly userId: string;
  readonly memberships: readonly Member[];
  /** The groups those memberships belong to (for context: names and channels). */
  readonly groups: readonly Pick<Group, 'id' | 'name' | 'channelId' | 'timezone' | 'adminUserIds'>[];
  readonly applications: readonly Application[];
  readonly rejections: readonly Rejection[];
  readonly updates: readonly Update[];
  readonly feedback: readonly Feedback[];
  readonly followUps: readonly FollowUp[];
  readonly deliveries: readonly Delivery[];
  readonly checkIns: readonly CheckIn[];
  readonly goals: readonly Goal[];
  /** The bot's posts about them (their applications, rejections, updates). */
  readonly posts: readonly BotPost[];
  /** Reactions they gave on any post in the workspace. */
  readonly reactionsGiven: readonly PeerReaction[];
  /** Reactions others gave on posts about them. */
  readonly reactionsReceived: readonly PeerReaction[];
}

/** Rows deleted by `forgetMember`, per table. */
export type ForgetReport = Readonly<Record<'members' | 'applications' | 'rejections' | 'updates' | 'feedback' | 'followUps' | 'deliveries' | 'checkIns' | 'goals' | 'posts' | 'reactions' | 'adminEntries', number>>;

/** Data rights: a complete export, and deletion of everything about a person in a workspace. */
export interface PrivacyRepository {
  exportMember(workspace: WorkspaceRef, userId: string): MemberExport;
  /**
   * Deletes every row about the person in the workspace, in one transaction: memberships in all
   * groups and everything hanging off them, reactions they gave or received, the bot's posts about
   * them, and their user id in group admin lists. Other members' rows are untouched.
   */
  forgetMember(workspace: WorkspaceRef, userId: string): ForgetReport;
}

/** The chart the weekly digest carries; rendering is not the core's concern. */
export interface WeekChartDayData {
  /** Local date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly applications: number;
  readonly followUpsDone: number;
  readonly checkIns: number;
}

export interface ChartRenderer {
  /** Renders one week (seven days, Monday first) as a PNG. */
  renderWeek(input: { readonly title: string; readonly days: readonly WeekChartDayData[] }): Promise<Uint8Array>;
}

/** All repositories, plus a transaction that makes a use case's writes all-or-nothing. */
export interface Store {
  readonly groups: GroupRepository;
  readonly members: MemberRepository;
  readonly applications: ApplicationRepository;
  readonly rejections: RejectionRepository;
  readonly updates: UpdateRepository;
  readonly feedback: FeedbackRepository;
  readonly followUps: FollowUpRepository;
  readonly posts: PostRepository;
  readonly reactions: ReactionRepository;
  readonly deliveries: DeliveryRepository;
  readonly goals: GoalRepository;
  readonly checkIns: CheckInRepository;
  readonly insights: InsightsRepository;
  readonly privacy: PrivacyRepository;
  /** Runs `fn` in one transaction; if it throws, nothing it wrote remains. Synchronous on purpose. */
  transaction<T>(fn: () => T): T;
}

/** Structured logging without personal text. */
export interface Logger {
  info(fields: Readonly<Record<string, string | number | boolean | null>>, message: string): void;
  warn(fields: Readonly<Record<string, string | number | boolean | null>>, message: string): void;
  error(fields: Readonly<Record<string, string | number | boolean | null>>, message: string): void;
}
