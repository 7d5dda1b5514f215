import { and, desc, eq, inArray, max, sql } from 'drizzle-orm';
import type { ApplicationRepository } from '../../core/ports/index.ts';
import { InternalError } from '../../core/errors.ts';
import type { Db } from '../open.ts';
import type { SyncOf } from '../sqlite-gate.ts';
import { applications, feedback, followUps, rejections } from '../schema.ts';
import { byIds, rawApplication } from './raw-rows.ts';
import { chunks, placeholders, scopeOf, sqliteOf, toApplication } from './rows.ts';

export function companyKey(company: string): string {
  return company.trim().toLocaleLowerCase('en');
}

export function createApplicationRepository(db: Db): SyncOf<ApplicationRepository> {
  // The statements every /applied and /rejected runs, prepared once.
  const byCompany = db
    .select()
    .from(applications)
    .where(
      and(
        eq(applications.memberId, sql.placeholder('memberId')),
        eq(applications.companyKey, sql.placeholder('companyKey')),
      ),
    )
    .orderBy(desc(applications.createdAt), desc(applications.id))
    .prepare();
  const insert = db
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
    .returning()
    .prepare();
  return {
    get(id) {
      const row = db.select().from(applications).where(eq(applications.id, id)).get();
      return row ? toApplication(row) : null;
    },
    latestCreatedAt(memberIds) {
      const latest = new Map<number, Date>();
      for (const part of chunks([...new Set(memberIds)], 1000)) {
        const rows = db
          .select({ memberId: applications.memberId, at: max(applications.createdAt) })
          .from(applications)
          // An application that a rejection report created was not "logged" as one sent.
          .where(and(inArray(applications.memberId, part), eq(applications.createdByRejection, false)))
          .groupBy(applications.memberId)
          .all();
        for (const r of rows) if (r.at !== null) latest.set(r.memberId, new Date(r.at));
      }
      return latest;
    },
    findByCompany(memberId, company) {
      return byCompany.all({ memberId, companyKey: companyKey(company) }).map(toApplication);
    },
    create(input, now) {
      const row = insert.get({
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
    setStatus(id, status, now) {
      const row = db
        .update(applications)
        .set({ status, updatedAt: now })
        .where(eq(applications.id, id))
        .returning()
        .get();
      if (!row) throw new InternalError('not-found', `application ${id} not found`);
      return toApplication(row);
    },
    delete(id) {
      // Children first, so nothing depends on a cascade.
      db.delete(followUps).where(eq(followUps.applicationId, id)).run();
      db.delete(feedback).where(eq(feedback.applicationId, id)).run();
      db.delete(rejections).where(eq(rejections.applicationId, id)).run();
      return db.delete(applications).where(eq(applications.id, id)).run().changes > 0;
    },
    listByMember(memberId) {
      return db
        .select()
        .from(applications)
        .where(eq(applications.memberId, memberId))
        .orderBy(applications.createdAt, applications.id)
        .all()
        .map(toApplication);
    },
  };
}
