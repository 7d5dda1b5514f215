/**
 * Ports: what the core needs from the outside world. Adapters and the database implement them;
 * every member is required, so the compiler catches a missing one.
 */
export type { ChannelTarget, UserTarget, SentMessage, SendOptions, ChatPort } from './chat.ts';
export type {
  NewGroup,
  GroupPatch,
  GroupRepository,
  NewMember,
  MemberPatch,
  MemberRepository,
  NewApplication,
  ApplicationRepository,
  NewInterview,
  InterviewRepository,
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
  PendingInput,
  PendingEntry,
  PendingEntryRepository,
} from './entries.ts';
export type { NewDelivery, DeliveryStatus, Delivery, DeliveryRepository } from './ledger.ts';
export type { NewCheckInThread, NewCheckIn, CheckInRepository, GoalRepository } from './check-ins.ts';
export type {
  ApplicationFact,
  DoneFollowUpFact,
  MemberFacts,
  ReactionFact,
  GroupFacts,
  PipelineFacts,
  InsightWindow,
  InsightsRepository,
  MemberExport,
  ForgetReport,
  PrivacyRepository,
  WeekChartDayData,
  ChartRenderer,
} from './insights.ts';
export type { InboundKind, InboundLedger } from './inbound-ledger.ts';
export type { LeaseRepository } from './leases.ts';
export type { WorkspaceRepository } from './workspaces.ts';
export type { Store } from './store.ts';
export type { Logger } from './logger.ts';
export type {
  ForgetConfirmation,
  ForgetConfirmationState,
  ForgetConfirmationRepository,
} from './forget-confirmations.ts';
