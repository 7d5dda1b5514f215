/** The core's `Store` over one dialect: the same repositories for SQLite and PostgreSQL. */
import type { Store } from '../core/ports/index.ts';
import type { Dialect } from './dialect.ts';
import { createApplicationRepository } from './repositories/applications.ts';
import { createCheckInRepository } from './repositories/check-ins.ts';
import { createDeliveryRepository } from './repositories/deliveries.ts';
import {
  createFeedbackRepository,
  createGoalRepository,
  createRejectionRepository,
  createUpdateRepository,
} from './repositories/entries.ts';
import { createFollowUpRepository } from './repositories/follow-ups.ts';
import { createForgetConfirmationRepository } from './repositories/forget-confirmations.ts';
import { createGroupRepository } from './repositories/groups.ts';
import { createInboundLedger } from './repositories/inbound-events.ts';
import { createInsightsRepository } from './repositories/insights.ts';
import { createInterviewRepository } from './repositories/interviews.ts';
import { createLeaseRepository } from './repositories/leases.ts';
import { createMemberRepository } from './repositories/members.ts';
import { createPendingEntryRepository } from './repositories/pending-entries.ts';
import { createPostRepository, createReactionRepository } from './repositories/posts.ts';
import { createPrivacyRepository } from './repositories/privacy.ts';
import { createWorkspaceRepository } from './repositories/workspaces.ts';

/**
 * Every repository over `dialect`. The dialect finds the open transaction of the current async
 * context itself, so the store inside a transaction (`tx`) is this same store: a call on it, or
 * on the store a use case was given, made inside the transaction's callback runs inside it.
 */
export function createStore(dialect: Dialect): Store {
  const store: Store = {
    groups: createGroupRepository(dialect),
    members: createMemberRepository(dialect),
    applications: createApplicationRepository(dialect),
    interviews: createInterviewRepository(dialect),
    rejections: createRejectionRepository(dialect),
    updates: createUpdateRepository(dialect),
    feedback: createFeedbackRepository(dialect),
    followUps: createFollowUpRepository(dialect),
    posts: createPostRepository(dialect),
    reactions: createReactionRepository(dialect),
    pendingEntries: createPendingEntryRepository(dialect),
    deliveries: createDeliveryRepository(dialect),
    goals: createGoalRepository(dialect),
    checkIns: createCheckInRepository(dialect),
    insights: createInsightsRepository(dialect),
    privacy: createPrivacyRepository(dialect),
    forgetConfirmations: createForgetConfirmationRepository(dialect),
    inbound: createInboundLedger(dialect),
    leases: createLeaseRepository(dialect),
    workspaces: createWorkspaceRepository(dialect),
    transaction: (fn) => dialect.transaction(() => fn(store)),
  };
  return store;
}
