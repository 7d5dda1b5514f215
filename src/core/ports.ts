/**
 * Ports: what the core needs from the outside world. Adapters and the database implement them;
 * every member is required, so the compiler catches a missing one.
 */
import type { CheckInRepository, GoalRepository } from './ports/check-ins.ts';
import type {
  GroupRepository,
  MemberRepository,
  ApplicationRepository,
  RejectionRepository,
  UpdateRepository,
  FeedbackRepository,
  FollowUpRepository,
  PostRepository,
  ReactionRepository,
} from './ports/entries.ts';
import type { InsightsRepository, PrivacyRepository } from './ports/insights.ts';
import type { DeliveryRepository } from './ports/ledger.ts';
import type { ForgetConfirmationRepository } from './ports/forget-confirmations.ts';

export type { ChannelTarget, UserTarget, SentMessage, ChatPort } from './ports/chat.ts';
export type {
  NewGroup,
  GroupPatch,
  GroupRepository,
  NewMember,
  MemberPatch,
  MemberRepository,
  NewApplication,
  ApplicationRepository,
  NewRejection,
  RejectionRepository,
  UpdateRepository,
  FeedbackRepository,
  NewFollowUp,
  DueStep,
  FollowUpRepository,
  NewPost,
  PostRepository,
  ReactionRepository,
} from './ports/entries.ts';
export type { NewDelivery, DeliveryStatus, Delivery, DeliveryRepository } from './ports/ledger.ts';
export type {
  ForgetConfirmation,
  ForgetConfirmationState,
  ForgetConfirmationRepository,
} from './ports/forget-confirmations.ts';
export type { NewCheckInThread, NewCheckIn, CheckInRepository, GoalRepository } from './ports/check-ins.ts';
export type {
  ApplicationFact,
  DoneFollowUpFact,
  MemberFacts,
  ReactionFact,
  GroupFacts,
  InsightWindow,
  InsightsRepository,
  MemberExport,
  ForgetReport,
  PrivacyRepository,
  WeekChartDayData,
  ChartRenderer,
} from './ports/insights.ts';

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
  readonly forgetConfirmations: ForgetConfirmationRepository;
  /** Runs `fn` in one transaction; if it throws, nothing it wrote remains. Synchronous on purpose. */
  transaction<T>(fn: () => T): T;
}

/** Structured logging without personal text. */
export interface Logger {
  info(fields: Readonly<Record<string, string | number | boolean | null>>, message: string): void;
  warn(fields: Readonly<Record<string, string | number | boolean | null>>, message: string): void;
  error(fields: Readonly<Record<string, string | number | boolean | null>>, message: string): void;
}
