/** The store: every repository the core writes through, and its transaction. */
import type { CheckInRepository, GoalRepository } from './check-ins.ts';
import type {
  GroupRepository,
  MemberRepository,
  ApplicationRepository,
  InterviewRepository,
  RejectionRepository,
  UpdateRepository,
  FeedbackRepository,
  FollowUpRepository,
  PostRepository,
  ReactionRepository,
  PendingEntryRepository,
} from './entries.ts';
import type { InsightsRepository, PrivacyRepository } from './insights.ts';
import type { DeliveryRepository } from './ledger.ts';
import type { ForgetConfirmationRepository } from './forget-confirmations.ts';
import type { InboundLedger } from './inbound-ledger.ts';
import type { LeaseRepository } from './leases.ts';
import type { WorkspaceRepository } from './workspaces.ts';

/** All repositories, plus a transaction that makes a use case's writes all-or-nothing. */
export interface Store {
  readonly groups: GroupRepository;
  readonly members: MemberRepository;
  readonly applications: ApplicationRepository;
  readonly interviews: InterviewRepository;
  readonly rejections: RejectionRepository;
  readonly updates: UpdateRepository;
  readonly feedback: FeedbackRepository;
  readonly followUps: FollowUpRepository;
  readonly posts: PostRepository;
  readonly reactions: ReactionRepository;
  readonly pendingEntries: PendingEntryRepository;
  readonly deliveries: DeliveryRepository;
  readonly goals: GoalRepository;
  readonly checkIns: CheckInRepository;
  readonly insights: InsightsRepository;
  readonly privacy: PrivacyRepository;
  readonly forgetConfirmations: ForgetConfirmationRepository;
  /** Ids of inbound deliveries already taken in, so a platform's retry is handled once. */
  readonly inbound: InboundLedger;
  /** Leases on work one replica at a time may do (the Discord gateway). */
  readonly leases: LeaseRepository;
  /** Workspaces the bot was removed from, until it comes back or their data is deleted. */
  readonly workspaces: WorkspaceRepository;
  /**
   * Runs `fn` in one transaction and gives it `tx`, the store inside that transaction; if `fn`
   * rejects, nothing it wrote remains. Transactions never wait on a platform: claim, send and mark
   * are separate transactions.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
}
