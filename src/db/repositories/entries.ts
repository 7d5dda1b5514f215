/** Rejections, updates, feedback and goals: simple append-and-list repositories. */
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type {
  FeedbackRepository,
  GoalRepository,
  RejectionRepository,
  UpdateRepository,
} from '../../core/ports/index.ts';
import { InternalError } from '../../core/errors.ts';
import type { Dialect } from '../dialect.ts';
import { companyKey } from './applications.ts';
import { placeholders, scopeOf, toRejection, type RowOf } from './rows.ts';

export function createRejectionRepository(d: Dialect): RejectionRepository {
  const { applications, rejections } = d.tables;
  const insert = d.prepared((db) =>
    db
      .insert(rejections)
      .values(
        placeholders(
          'platform',
          'workspaceId',
          'applicationId',
          'memberId',
          'stage',
          'note',
          'rejectedOn',
          'createdAt',
        ),
      )
      .returning(),
  );
  const recentForCompany = d.prepared((db) =>
    db
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
      .orderBy(desc(rejections.id)),
  );
  return {
    listRecentForCompany(memberId, company, since) {
      // A placeholder in a condition takes the driver's value: the time as epoch ms.
      return recentForCompany({ memberId, companyKey: companyKey(company), since: since.getTime() });
    },
    async create(input, now) {
      const [row] = await insert({
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
    async get(id) {
      const [row] = await d.db.select().from(rejections).where(eq(rejections.id, id)).limit(1);
      return row ? toRejection(row) : null;
    },
    async delete(id) {
      return d.changed(await d.db.delete(rejections).where(eq(rejections.id, id))) > 0;
    },
    async listByMember(memberId) {
      const rows = await d.db.select().from(rejections).where(eq(rejections.memberId, memberId)).orderBy(rejections.id);
      return rows.map(toRejection);
    },
  };
}

export function createUpdateRepository(d: Dialect): UpdateRepository {
  const { updates } = d.tables;
  const map = (r: RowOf<'updates'>) => ({
    id: r.id,
    memberId: r.memberId,
    text: r.text,
    source: r.source,
    createdAt: r.createdAt,
  });
  return {
    async create(input, now) {
      const [row] = await d.db
        .insert(updates)
        .values({
          ...scopeOf(input.workspace),
          memberId: input.memberId,
          text: input.text,
          source: input.source,
          createdAt: now,
        })
        .returning();
      if (!row) throw new InternalError('storage', 'update insert returned no row');
      return map(row);
    },
    async get(id) {
      const [row] = await d.db.select().from(updates).where(eq(updates.id, id)).limit(1);
      return row ? map(row) : null;
    },
    async delete(id) {
      return d.changed(await d.db.delete(updates).where(eq(updates.id, id))) > 0;
    },
    async listByMember(memberId) {
      const rows = await d.db.select().from(updates).where(eq(updates.memberId, memberId)).orderBy(updates.id);
      return rows.map(map);
    },
  };
}

export function createFeedbackRepository(d: Dialect): FeedbackRepository {
  const { feedback } = d.tables;
  return {
    async create(input, now) {
      const [row] = await d.db
        .insert(feedback)
        .values({
          ...scopeOf(input.workspace),
          memberId: input.memberId,
          applicationId: input.applicationId,
          text: input.text,
          createdAt: now,
        })
        .returning();
      if (!row) throw new InternalError('storage', 'feedback insert returned no row');
      return {
        id: row.id,
        memberId: row.memberId,
        applicationId: row.applicationId,
        text: row.text,
        createdAt: row.createdAt,
      };
    },
  };
}

export function createGoalRepository(d: Dialect): GoalRepository {
  const { goals } = d.tables;
  const map = (r: RowOf<'goals'>) => ({
    memberId: r.memberId,
    applications: r.applications,
    networking: r.networking,
    updatedAt: r.updatedAt,
  });
  return {
    async set(workspace, memberId, goal, now) {
      const [row] = await d.db
        .insert(goals)
        .values({ ...scopeOf(workspace), memberId, ...goal, updatedAt: now })
        .onConflictDoUpdate({ target: goals.memberId, set: { ...goal, updatedAt: now } })
        .returning();
      if (!row) throw new InternalError('storage', 'goal upsert returned no row');
      return map(row);
    },
    async get(memberId) {
      const [row] = await d.db.select().from(goals).where(eq(goals.memberId, memberId)).limit(1);
      return row ? map(row) : null;
    },
  };
}
