/** Rejections, updates, feedback and goals: simple append-and-list repositories. */
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type {
  FeedbackRepository,
  GoalRepository,
  RejectionRepository,
  UpdateRepository,
} from '../../core/ports/index.ts';
import { InternalError } from '../../core/errors.ts';
import type { Db } from '../open.ts';
import type { SyncOf } from '../sqlite-gate.ts';
import { applications, feedback, goals, rejections, updates } from '../schema.ts';
import { companyKey } from './applications.ts';
import { placeholders, scopeOf, toRejection } from './rows.ts';

export function createRejectionRepository(db: Db): SyncOf<RejectionRepository> {
  const insert = db
    .insert(rejections)
    .values(
      placeholders('platform', 'workspaceId', 'applicationId', 'memberId', 'stage', 'note', 'rejectedOn', 'createdAt'),
    )
    .returning()
    .prepare();
  const recentForCompany = db
    .select({ createdAt: rejections.createdAt, role: applications.role })
    .from(rejections)
    .innerJoin(applications, eq(applications.id, rejections.applicationId))
    .where(
      and(
        eq(rejections.memberId, sql.placeholder('memberId')),
        eq(applications.companyKey, sql.placeholder('companyKey')),
        gt(rejections.createdAt, sql.placeholder('since')),
      ),
    )
    .orderBy(desc(rejections.id))
    .prepare();
  return {
    listRecentForCompany(memberId, company, since) {
      return recentForCompany.all({ memberId, companyKey: companyKey(company), since: since.getTime() });
    },
    create(input, now) {
      const row = insert.get({
        ...scopeOf(input.workspace),
        applicationId: input.applicationId,
        memberId: input.memberId,
        stage: input.stage,
        note: input.note,
        rejectedOn: input.rejectedOn,
        createdAt: now,
      });
      if (!row) throw new InternalError('storage', 'rejection insert returned no row');
      return toRejection(row);
    },
    get(id) {
      const row = db.select().from(rejections).where(eq(rejections.id, id)).get();
      return row ? toRejection(row) : null;
    },
    delete(id) {
      return db.delete(rejections).where(eq(rejections.id, id)).run().changes > 0;
    },
    listByMember(memberId) {
      return db
        .select()
        .from(rejections)
        .where(eq(rejections.memberId, memberId))
        .orderBy(rejections.id)
        .all()
        .map(toRejection);
    },
  };
}

export function createUpdateRepository(db: Db): SyncOf<UpdateRepository> {
  const map = (r: typeof updates.$inferSelect) => ({
    id: r.id,
    memberId: r.memberId,
    text: r.text,
    source: r.source,
    createdAt: r.createdAt,
  });
  return {
    create(input, now) {
      const row = db
        .insert(updates)
        .values({
          ...scopeOf(input.workspace),
          memberId: input.memberId,
          text: input.text,
          source: input.source,
          createdAt: now,
        })
        .returning()
        .get();
      return map(row);
    },
    get(id) {
      const row = db.select().from(updates).where(eq(updates.id, id)).get();
      return row ? map(row) : null;
    },
    delete(id) {
      return db.delete(updates).where(eq(updates.id, id)).run().changes > 0;
    },
    listByMember(memberId) {
      return db.select().from(updates).where(eq(updates.memberId, memberId)).orderBy(updates.id).all().map(map);
    },
  };
}

export function createFeedbackRepository(db: Db): SyncOf<FeedbackRepository> {
  const map = (r: typeof feedback.$inferSelect) => ({
    id: r.id,
    memberId: r.memberId,
    applicationId: r.applicationId,
    text: r.text,
    createdAt: r.createdAt,
  });
  return {
    create(input, now) {
      const row = db
        .insert(feedback)
        .values({
          ...scopeOf(input.workspace),
          memberId: input.memberId,
          applicationId: input.applicationId,
          text: input.text,
          createdAt: now,
        })
        .returning()
        .get();
      return map(row);
    },
  };
}

export function createGoalRepository(db: Db): SyncOf<GoalRepository> {
  const map = (r: typeof goals.$inferSelect) => ({
    memberId: r.memberId,
    applications: r.applications,
    networking: r.networking,
    updatedAt: r.updatedAt,
  });
  return {
    set(workspace, memberId, goal, now) {
      const row = db
        .insert(goals)
        .values({ ...scopeOf(workspace), memberId, ...goal, updatedAt: now })
        .onConflictDoUpdate({ target: goals.memberId, set: { ...goal, updatedAt: now } })
        .returning()
        .get();
      return map(row);
    },
    get(memberId) {
      const row = db.select().from(goals).where(eq(goals.memberId, memberId)).get();
      return row ? map(row) : null;
    },
  };
}
