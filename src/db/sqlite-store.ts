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
import { gated, SqliteGate } from './sqlite-gate.ts';

/** The core's `Store`, on SQLite: every call goes through one gate, so transactions never interleave. */
export function createSqliteStore(database: OpenedDatabase): Store {
  const { db, sqlite } = database;
  const gate = new SqliteGate(sqlite);
  const store: Store = {
    groups: gated(createGroupRepository(db), gate),
    members: gated(createMemberRepository(db), gate),
    applications: gated(createApplicationRepository(db), gate),
    rejections: gated(createRejectionRepository(db), gate),
    updates: gated(createUpdateRepository(db), gate),
    feedback: gated(createFeedbackRepository(db), gate),
    followUps: gated(createFollowUpRepository(db), gate),
    posts: gated(createPostRepository(db), gate),
    reactions: gated(createReactionRepository(db), gate),
    pendingEntries: gated(createPendingEntryRepository(db), gate),
    deliveries: gated(createDeliveryRepository(db), gate),
    goals: gated(createGoalRepository(db), gate),
    checkIns: gated(createCheckInRepository(db), gate),
    insights: gated(createInsightsRepository(db), gate),
    privacy: gated(createPrivacyRepository(db), gate),
    forgetConfirmations: gated(createForgetConfirmationRepository(db), gate),
    inbound: gated(createInboundLedger(db), gate),
    // Inside a transaction the same repositories run inside it (the gate knows), so `tx` is this store.
    transaction: (fn) => gate.transaction(() => fn(store)),
  };
  return store;
}
