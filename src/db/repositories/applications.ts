import { and, desc, eq, inArray, max, sql } from 'drizzle-orm';
import type { ApplicationRepository } from '../../core/ports/index.ts';
import { InternalError } from '../../core/errors.ts';
import type { Dialect } from '../dialect.ts';
import { chunks, placeholders, scopeOf, toApplication } from './rows.ts';

export function companyKey(company: string): string {
  return company.trim().toLocaleLowerCase('en');
}

export function createApplicationRepository(d: Dialect): ApplicationRepository {
  const { applications, feedback, followUps, rejections } = d.tables;
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
    async findByCompany(memberId, company) {
      return (await byCompany({ memberId, companyKey: companyKey(company) })).map(toApplication);
    },
    async create(input, now) {
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
      return toApplication(row);
    },
    async setStatus(id, status, now) {
      const [row] = await d.db
        .update(applications)
        .set({ status, updatedAt: now })
        .where(eq(applications.id, id))
        .returning();
      if (!row) throw new InternalError('not-found', `application ${id} not found`);
      return toApplication(row);
    },
    delete(id) {
      // Children first, so nothing depends on a cascade; all or nothing.
      return d.transaction(async () => {
        await d.db.delete(followUps).where(eq(followUps.applicationId, id));
        await d.db.delete(feedback).where(eq(feedback.applicationId, id));
        await d.db.delete(rejections).where(eq(rejections.applicationId, id));
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
