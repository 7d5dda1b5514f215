/** Insights (stats, the digest) and data rights (export, forget-me), and the chart renderer. */
import type {
  Application,
  ApplicationEvent,
  Interview,
  BotPost,
  CheckIn,
  Feedback,
  FollowUp,
  Goal,
  Group,
  Member,
  PeerReaction,
  Rejection,
  Update,
  WorkspaceRef,
} from '../types.ts';
import type { PendingEntry } from './entries.ts';
import type { Delivery } from './ledger.ts';

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
  /** The history of those applications, oldest first. */
  readonly events: readonly ApplicationEvent[];
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
  /** Applications moved to interviewing, offer or accepted in the window (by an event then); one each. */
  readonly advanced: readonly Application[];
  /** Applications with an interview round (`/interview`) whose time is in the window; one each. */
  readonly interviewed: readonly Application[];
  /** Applications moved to `offer` in the window (by an event then), in the order of those events; one each. */
  readonly offers: readonly Application[];
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

/** Every application of a group's memberships (active or not), with all of its history: the group's funnel. */
export interface PipelineFacts {
  readonly applications: readonly ApplicationFact[];
  /** Their events, oldest first. */
  readonly events: readonly ApplicationEvent[];
  readonly rejections: readonly Rejection[];
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
  memberFacts(memberId: number): Promise<MemberFacts>;
  groupFacts(groupId: number, window: InsightWindow): Promise<GroupFacts>;
  /** All-time, whatever the visibility (the core decides what the group sees); three reads, however many applications. */
  groupPipeline(groupId: number): Promise<PipelineFacts>;
}

/** Everything stored about one person in one workspace, across all their groups. */
export interface MemberExport {
  readonly workspace: WorkspaceRef;
  readonly userId: string;
  readonly memberships: readonly Member[];
  /** The groups those memberships belong to (for context: names and channels). */
  readonly groups: readonly Pick<Group, 'id' | 'name' | 'channelId' | 'timezone' | 'adminUserIds'>[];
  readonly applications: readonly Application[];
  /** The history of those applications: each status they moved to, with when. */
  readonly applicationEvents: readonly ApplicationEvent[];
  /** Their interview rounds: when, and what kind. */
  readonly interviews: readonly Interview[];
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
  /** Entries typed again and held until they confirm ("log it again"). */
  readonly pendingEntries: readonly PendingEntry[];
}

/** Rows deleted by `forgetMember`, per table. */
export type ForgetReport = Readonly<
  Record<
    | 'members'
    | 'applications'
    | 'applicationEvents'
    | 'interviews'
    | 'rejections'
    | 'updates'
    | 'feedback'
    | 'followUps'
    | 'deliveries'
    | 'checkIns'
    | 'goals'
    | 'posts'
    | 'reactions'
    | 'adminEntries',
    number
  >
>;

/** Data rights: a complete export, and deletion of everything about a person in a workspace. */
export interface PrivacyRepository {
  exportMember(workspace: WorkspaceRef, userId: string): Promise<MemberExport>;
  /**
   * Deletes every row about the person in the workspace, in one transaction: memberships in all
   * groups and everything hanging off them, reactions they gave or received, the bot's posts about
   * them, and their user id in group admin lists. Other members' rows are untouched.
   */
  forgetMember(workspace: WorkspaceRef, userId: string): Promise<ForgetReport>;
  /**
   * Deletes everything stored for the workspace, in one transaction, if it is still marked removed
   * at or before `removedBefore` (a reinstall meanwhile keeps it): its groups, members and all they
   * recorded, the ledger, and what the platform's adapter kept for it (an installation). Returns
   * how many rows went, or null when it was not deleted.
   */
  deleteWorkspace(workspace: WorkspaceRef, removedBefore: Date): Promise<number | null>;
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
