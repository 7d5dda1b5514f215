/** Interview rounds of applications. */
import { asc, eq, inArray, max } from 'drizzle-orm';
import type { InterviewRepository } from '../../core/ports/index.ts';
import { InternalError } from '../../core/errors.ts';
import type { Dialect } from '../dialect.ts';
import { chunks, scopeOf, toInterview } from './rows.ts';

export function createInterviewRepository(d: Dialect): InterviewRepository {
  const { followUps, interviews } = d.tables;
  return {
    create(input, now) {
      // The next round number and the row in one transaction: (application, round) is unique, so
      // two rounds logged at once for one application cannot take the same number.
      return d.transaction(async () => {
        const [last] = await d.db
          .select({ round: max(interviews.round) })
          .from(interviews)
          .where(eq(interviews.applicationId, input.applicationId));
        const [row] = await d.db
          .insert(interviews)
          .values({
            ...scopeOf(input.workspace),
            applicationId: input.applicationId,
            memberId: input.memberId,
            round: (last?.round ?? 0) + 1,
            kind: input.kind,
            at: input.at,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (!row) throw new InternalError('storage', 'interview insert returned no row');
        return toInterview(row);
      });
    },
    async get(id) {
      const [row] = await d.db.select().from(interviews).where(eq(interviews.id, id)).limit(1);
      return row ? toInterview(row) : null;
    },
    async getMany(ids) {
      const found = new Map<number, ReturnType<typeof toInterview>>();
      for (const part of chunks([...new Set(ids)], 500)) {
        const rows = await d.db.select().from(interviews).where(inArray(interviews.id, part));
        for (const row of rows) found.set(row.id, toInterview(row));
      }
      return found;
    },
    async reschedule(id, at, now) {
      const [row] = await d.db.update(interviews).set({ at, updatedAt: now }).where(eq(interviews.id, id)).returning();
      if (!row) throw new InternalError('storage', `interview ${id} not found to reschedule`);
      return toInterview(row);
    },
    async listByApplication(applicationId) {
      const rows = await d.db
        .select()
        .from(interviews)
        .where(eq(interviews.applicationId, applicationId))
        .orderBy(asc(interviews.round));
      return rows.map(toInterview);
    },
    delete(id) {
      return d.transaction(async () => {
        await d.db.delete(followUps).where(eq(followUps.interviewId, id));
        return d.changed(await d.db.delete(interviews).where(eq(interviews.id, id))) > 0;
      });
    },
  };
}
