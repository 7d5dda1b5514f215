/**
 * Domain types of Rebound. Every stored thing is scoped by a workspace (a Slack team or a
 * Discord guild); nothing here knows which platform it came from beyond the `platform` tag.
 */

export type Platform = 'slack' | 'discord' | 'console';

/** The tenant: a Slack team, a Discord guild, or the console's single workspace. */
export interface WorkspaceRef {
  readonly platform: Platform;
  /** The platform's own id for the team or guild (e.g. `T123`, `81384788765712384`). */
  readonly workspaceId: string;
}

/**
 * A message on a platform. A Slack `ts` is unique only within its channel, so a message is
 * always known by its workspace, its channel and its id together, never by its id alone.
 */
export interface MessageRef {
  readonly workspace: WorkspaceRef;
  /** The channel the message lives in (for a DM, the DM channel). */
  readonly channelId: string;
  /** The platform's id of the message (Slack `ts`, Discord message id). */
  readonly messageId: string;
}

export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7; // ISO: Monday = 1 … Sunday = 7

export type Visibility = 'shared' | 'counts' | 'private';

export const APPLICATION_STATUSES = [
  'applied',
  'screening',
  'interviewing',
  'offer',
  'accepted',
  'rejected',
  'withdrawn',
  'ghosted',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The statuses `/stage` moves an application to (applied is where it starts; rejected is /rejected's). */
export const STAGE_MOVES = ['screening', 'interviewing', 'offer', 'accepted', 'withdrawn', 'ghosted'] as const;
export type StageMove = (typeof STAGE_MOVES)[number];

/** Still under way: what `/applications` lists by default. */
export const ACTIVE_STATUSES = ['applied', 'screening', 'interviewing', 'offer'] as const;

export const REJECTION_STAGES = ['applied', 'screen', 'interview', 'final', 'offer'] as const;
export type RejectionStage = (typeof REJECTION_STAGES)[number];

export type FollowUpStatus = 'pending' | 'done' | 'snoozed' | 'skipped' | 'cancelled';

/** A local time of day, minutes since midnight (09:00 = 540). */
export type MinuteOfDay = number;

/** Per-group overrides of a default rule: switched off, or a different offset in days. */
export interface RuleSetting {
  readonly enabled: boolean;
  /** Replaces the rule's default offset in days, where the rule has one. */
  readonly offsetDays?: number;
}

export interface Group {
  readonly id: number;
  readonly workspace: WorkspaceRef;
  /** The platform's channel id, as the adapter encodes it. */
  readonly channelId: string;
  readonly name: string;
  readonly timezone: string;
  readonly checkInMinute: MinuteOfDay;
  readonly checkInDays: readonly Weekday[];
  readonly reminderMinute: MinuteOfDay;
  readonly ruleSettings: Readonly<Record<string, RuleSetting>>;
  readonly adminUserIds: readonly string[];
  readonly createdAt: Date;
}

export interface Member {
  readonly id: number;
  readonly groupId: number;
  readonly workspace: WorkspaceRef;
  /** The platform's user id. */
  readonly userId: string;
  readonly displayName: string;
  /** Null means: use the group's timezone. */
  readonly timezone: string | null;
  /** The member set `timezone` with /rebound timezone: it wins over the platform's profile zone. */
  readonly timezoneChosen: boolean;
  readonly quietStartMinute: MinuteOfDay;
  readonly quietEndMinute: MinuteOfDay;
  readonly pausedUntil: Date | null;
  readonly visibility: Visibility;
  readonly active: boolean;
  /** Set when a DM failed permanently; nudges then go to the group channel as one mention. */
  readonly dmUnreachable: boolean;
  /** The member's DM channel as the platform last answered it, so the next DM needs no lookup. */
  readonly dmChannelId: string | null;
  /** False when they turned their check-in reminders off; nudges are not affected. */
  readonly checkInReminders: boolean;
  readonly joinedAt: Date;
}

export interface Application {
  readonly id: number;
  readonly memberId: number;
  readonly company: string;
  readonly role: string;
  readonly link: string | null;
  readonly status: ApplicationStatus;
  readonly visibility: Visibility;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One step of an application's history: the status it moved to, and when. */
export interface ApplicationEvent {
  readonly id: number;
  readonly applicationId: number;
  readonly status: ApplicationStatus;
  readonly at: Date;
  readonly createdAt: Date;
}

/** One interview round of an application: when it is (or was), and what kind. */
export interface Interview {
  readonly id: number;
  readonly applicationId: number;
  readonly memberId: number;
  /** 1 for an application's first round, 2 for its second, … */
  readonly round: number;
  /** What the member called it: phone, technical, onsite, final, … */
  readonly kind: string;
  readonly at: Date;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface Rejection {
  readonly id: number;
  readonly applicationId: number;
  readonly memberId: number;
  readonly stage: RejectionStage;
  readonly note: string | null;
  readonly rejectedOn: Date;
  readonly createdAt: Date;
}

export interface Update {
  readonly id: number;
  readonly memberId: number;
  readonly text: string;
  readonly source: 'command' | 'thread' | 'form';
  readonly createdAt: Date;
}

export interface Feedback {
  readonly id: number;
  readonly memberId: number;
  readonly applicationId: number;
  readonly text: string;
  readonly createdAt: Date;
}

export interface FollowUp {
  readonly id: number;
  readonly memberId: number;
  /** The application the step is about; null for group-wide steps such as the weekly network nudge. */
  readonly applicationId: number | null;
  /** The interview round the step is about (preparation, thank-you, chase); null for other rules. */
  readonly interviewId: number | null;
  readonly ruleId: string;
  readonly dueAt: Date;
  readonly status: FollowUpStatus;
  /** Which occurrence of a repeating rule this is (stay-in-touch: 1, 2, 3). */
  readonly occurrence: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What a bot post in a group channel is about, so peer reactions can be credited. */
export type PostSubject =
  'application' | 'rejection' | 'update' | 'stage' | 'interview' | 'check-in' | 'digest' | 'nudge' | 'other';

/** A message the bot sent, with the platform's reference to it. */
export interface BotPost {
  readonly id: number;
  readonly workspace: WorkspaceRef;
  readonly groupId: number | null;
  /** The member the post is about (the author of the entry); null for group posts like check-ins. */
  readonly memberId: number | null;
  readonly subject: PostSubject;
  readonly subjectId: number | null;
  readonly channelId: string;
  readonly messageId: string;
  readonly createdAt: Date;
}

export interface PeerReaction {
  readonly postId: number;
  readonly reactorUserId: string;
  readonly emoji: string;
  readonly createdAt: Date;
}

export interface Goal {
  readonly memberId: number;
  readonly applications: number;
  readonly networking: number;
  readonly updatedAt: Date;
}

/** The day's check-in post in a group channel, and the thread where replies go. */
export interface CheckInThread {
  readonly id: number;
  readonly groupId: number;
  /** The group's local date, `YYYY-MM-DD`. */
  readonly localDate: string;
  readonly channelId: string;
  readonly messageId: string;
  readonly threadId: string;
  readonly createdAt: Date;
}

export interface CheckIn {
  readonly id: number;
  readonly memberId: number;
  readonly groupId: number;
  readonly localDate: string;
  readonly source: 'thread' | 'form';
  readonly applications: number;
  readonly networking: number;
  readonly followUpsDone: number;
  readonly note: string | null;
  readonly createdAt: Date;
}
