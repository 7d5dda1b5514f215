import { and, asc, desc, eq, gte, inArray, max, sql } from 'drizzle-orm';
import type { ApplicationRepository } from '../../core/ports/index.ts';
import { InternalError } from '../../core/errors.ts';
import type { Dialect } from '../dialect.ts';
import { chunks, placeholders, scopeOf, toApplication, toApplicationEvent, type RowOf } from './rows.ts';

export function companyKey(company: string): string {
  return company.trim().toLocaleLowerCase('en');
}

export function createApplicationRepository(d: Dialect): ApplicationRepository {
  const { applications, applicationEvents, feedback, followUps, interviews, rejections } = d.tables;
  // The statements every /applied and /rejected runs, prepared once.
  const byCompany = d.prepared((db) =>
    db
      .select()
      .from(applications)
      .where(
        and(
          eq(applications.memberId, sql.placeholder('memberId')),
          eq(applications.companyKey, sql.placeholder('companyKey')),
        ),
      )
      .orderBy(desc(applications.createdAt), desc(applications.id)),
  );
  const insert = d.prepared((db) =>
    db
      .insert(applications)
      .values(
        placeholders(
          'platform',
          'workspaceId',
          'memberId',
          'company',
          'companyKey',
          'role',
          'link',
          'status',
          'visibility',
          'createdByRejection',
          'createdAt',
          'updatedAt',
        ),
      )
      .returning(),
  );
  const ofId = d.prepared((db) =>
    db
      .select()
      .from(applications)
      .where(eq(applications.id, sql.placeholder('id')))
      .limit(1),
  );
  // The row's own scope, so an event is always in its application's workspace.
  const recordEvent = async (row: RowOf<'applications'>, now: Date): Promise<void> => {
    await insertEvent({
      platform: row.platform,
      workspaceId: row.workspaceId,
      applicationId: row.id,
      memberId: row.memberId,
      status: row.status,
      at: now,
      createdAt: now,
    });
  };
  const insertEvent = d.prepared((db) =>
    db
      .insert(applicationEvents)
      .values(placeholders('platform', 'workspaceId', 'applicationId', 'memberId', 'status', 'at', 'createdAt'))
      .returning({ id: applicationEvents.id }),
  );
  return {
    async get(id) {
      const [row] = await ofId({ id });
      return row ? toApplication(row) : null;
    },
    async latestCreatedAt(memberIds) {
      const latest = new Map<number, Date>();
      for (const part of chunks([...new Set(memberIds)], 1000)) {
        const rows = await d.db
          .select({ memberId: applications.memberId, at: max(applications.createdAt) })
          .from(applications)
          // An application that a rejection report created was not "logged" as one sent.
          .where(and(inArray(applications.memberId, part), eq(applications.createdByRejection, false)))
          .groupBy(applications.memberId);
        for (const r of rows) if (r.at !== null) latest.set(r.memberId, new Date(r.at));
      }
      return latest;
    },
    async latestNews(applicationIds) {
      const latest = new Map<number, Date>();
      const keep = (id: number, at: number | Date | null) => {
        if (at === null) return;
        const ms = new Date(at).getTime();
        if (ms > (latest.get(id)?.getTime() ?? -Infinity)) latest.set(id, new Date(ms));
      };
      for (const part of chunks([...new Set(applicationIds)], 1000)) {
        const events = await d.db
          .select({ id: applicationEvents.applicationId, at: max(applicationEvents.at) })
          .from(applicationEvents)
          .where(inArray(applicationEvents.applicationId, part))
          .groupBy(applicationEvents.applicationId);
        for (const r of events) keep(r.id, r.at);
        const rounds = await d.db
          .select({ id: interviews.applicationId, at: max(interviews.at) })
          .from(interviews)
          .where(inArray(interviews.applicationId, part))
          .groupBy(interviews.applicationId);
        for (const r of rounds) keep(r.id, r.at);
      }
      return latest;
    },
    async findByCompany(memberId, company) {
      return (await byCompany({ memberId, companyKey: companyKey(company) })).map(toApplication);
    },
    create(input, now) {
      return d.transaction(async () => {
        const [row] = await insert({
          ...scopeOf(input.workspace),
          memberId: input.memberId,
          company: input.company,
          companyKey: companyKey(input.company),
          role: input.role,
          link: input.link,
          status: input.status,
          visibility: input.visibility,
          createdByRejection: input.status === 'rejected',
          createdAt: now,
          updatedAt: now,
        });
        if (!row) throw new InternalError('storage', 'application insert returned no row');
        await recordEvent(row, now);
        return toApplication(row);
      });
    },
    setStatus(id, status, now) {
      return d.transaction(async () => {
        const [row] = await d.db
          .update(applications)
          .set({ status, updatedAt: now })
          .where(eq(applications.id, id))
          .returning();
        if (!row) throw new InternalError('not-found', `application ${id} not found`);
        await recordEvent(row, now);
        return toApplication(row);
      });
    },
    revertStatus(id, status, fromEventId) {
      return d.transaction(async () => {
        // By id, not by time: two events can share a millisecond, and ids only grow.
        await d.db
          .delete(applicationEvents)
          .where(and(eq(applicationEvents.applicationId, id), gte(applicationEvents.id, fromEventId)));
        const [row] = await d.db.update(applications).set({ status }).where(eq(applications.id, id)).returning();
        if (!row) throw new InternalError('not-found', `application ${id} not found`);
        return toApplication(row);
      });
    },
    async getEvent(id) {
      const [row] = await d.db.select().from(applicationEvents).where(eq(applicationEvents.id, id)).limit(1);
      return row ? toApplicationEvent(row) : null;
    },
    async listEvents(applicationId) {
      const rows = await d.db
        .select()
        .from(applicationEvents)
        .where(eq(applicationEvents.applicationId, applicationId))
        .orderBy(asc(applicationEvents.at), asc(applicationEvents.id));
      return rows.map(toApplicationEvent);
    },
    async latestEvents(memberId) {
      const rows = await d.db
        .select()
        .from(applicationEvents)
        .where(eq(applicationEvents.memberId, memberId))
        .orderBy(asc(applicationEvents.at), asc(applicationEvents.id));
      // Oldest first, so each application's newest event is the one left in the map.
      return new Map(rows.map((r) => [r.applicationId, toApplicationEvent(r)]));
    },
    async edit(id, patch, now) {
      const [row] = await d.db
        .update(applications)
        .set({
          ...(patch.company !== undefined && { company: patch.company, companyKey: companyKey(patch.company) }),
          ...(patch.role !== undefined && { role: patch.role }),
          ...(patch.link !== undefined && { link: patch.link }),
          ...(patch.visibility !== undefined && { visibility: patch.visibility }),
          updatedAt: now,
        })
        .where(eq(applications.id, id))
        .returning();
      if (!row) throw new InternalError('storage', `application ${id} not found to edit`);
      return toApplication(row);
    },
    delete(id) {
      // Children first, so nothing depends on a cascade; all or nothing.
      return d.transaction(async () => {
        await d.db.delete(followUps).where(eq(followUps.applicationId, id));
        await d.db.delete(interviews).where(eq(interviews.applicationId, id));
        await d.db.delete(feedback).where(eq(feedback.applicationId, id));
        await d.db.delete(rejections).where(eq(rejections.applicationId, id));
        await d.db.delete(applicationEvents).where(eq(applicationEvents.applicationId, id));
        return d.changed(await d.db.delete(applications).where(eq(applications.id, id))) > 0;
      });
    },
    async listByMember(memberId) {
      const rows = await d.db
        .select()
        .from(applications)
        .where(eq(applications.memberId, memberId))
        .orderBy(applications.createdAt, applications.id);
      return rows.map(toApplication);
    },
  };
}
