import type { Store } from '../core/ports/index.ts';
import type { OpenedDatabase } from './open.ts';
import { createApplicationRepository } from './repositories/applications.ts';
import { createCheckInRepository } from './repositories/check-ins.ts';
import { createDeliveryRepository } from './repositories/deliveries.ts';
import {
  createFeedbackRepository,
  createGoalRepository,
  createRejectionRepository,
  createUpdateRepository,
} from './repositories/entries.ts';
import { createForgetConfirmationRepository } from './repositories/forget-confirmations.ts';
import { createFollowUpRepository } from './repositories/follow-ups.ts';
import { createGroupRepository } from './repositories/groups.ts';
import { createInboundLedger } from './repositories/inbound-events.ts';
import { createMemberRepository } from './repositories/members.ts';
import { createPendingEntryRepository } from './repositories/pending-entries.ts';
import { createPostRepository, createReactionRepository } from './repositories/posts.ts';
import { createInsightsRepository } from './repositories/insights.ts';
import { createPrivacyRepository } from './repositories/privacy.ts';

/** The core's `Store`, on SQLite. Transactions are IMMEDIATE so two processes never deadlock on upgrade. */
export function createSqliteStore(database: OpenedDatabase): Store {
  const { db, sqlite } = database;
  const run = sqlite.transaction((fn: () => unknown) => fn());
  return {
    groups: createGroupRepository(db),
    members: createMemberRepository(db),
    applications: createApplicationRepository(db),
    rejections: createRejectionRepository(db),
    updates: createUpdateRepository(db),
    feedback: createFeedbackRepository(db),
    followUps: createFollowUpRepository(db),
    posts: createPostRepository(db),
    reactions: createReactionRepository(db),
    pendingEntries: createPendingEntryRepository(db),
    deliveries: createDeliveryRepository(db),
    goals: createGoalRepository(db),
    checkIns: createCheckInRepository(db),
    insights: createInsightsRepository(db),
    privacy: createPrivacyRepository(db),
    forgetConfirmations: createForgetConfirmationRepository(db),
    inbound: createInboundLedger(db),
    transaction<T>(fn: () => T): T {
      // One wrapper, made once: better-sqlite3 prepares BEGIN/COMMIT for each wrapper it builds.
      return (sqlite.inTransaction ? run(fn) : run.immediate(fn)) as T;
    },
  };
}
