import { and, asc, count, eq, gt, gte, inArray, lte, sql } from 'drizzle-orm';
import type { FollowUpRepository } from '../../core/ports/index.ts';
import { InternalError } from '../../core/errors.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../open.ts';
import type { SyncOf } from '../sqlite-gate.ts';
import { followUps } from '../schema.ts';
import { DUE_WITH_CONTEXT_SQL, rawDueStep, rawFollowUp } from './raw-rows.ts';
import type { Member } from '../../core/types.ts';
import { placeholders, scopeOf, sqliteOf, toFollowUp } from './rows.ts';

const OPEN = ['pending', 'snoozed'] as const;
// Matches the partial index's predicate word for word, so SQLite can use it.
const isDueCandidate = sql`${followUps.status} in ('pending', 'snoozed') and ${followUps.nudgedAt} is null`;

export function createFollowUpRepository(db: Db): SyncOf<FollowUpRepository> {
  const insertOne = db
    .insert(followUps)
    .values({
      ...placeholders(
        'platform',
        'workspaceId',
        'memberId',
        'applicationId',
        'ruleId',
        'dueAt',
        'occurrence',
        'createdAt',
      ),
      status: 'pending',
      updatedAt: sql.placeholder('createdAt'),
    })
    .returning()
    .prepare();
  let markNudgedStatement: Statement | undefined;
  let listDueStatement: Statement | undefined;
  let dueWithContextStatement: Statement | undefined;
  return {
    get(id) {
      const row = db.select().from(followUps).where(eq(followUps.id, id)).get();
      return row ? toFollowUp(row) : null;
    },
    createMany(inputs, now) {
      // One prepared single-row insert per step: a rejection's plan is a handful of rows, and a
      // statement built per call costs more than the rows do.
      return inputs.map((f) => {
        const row = insertOne.get({
          ...scopeOf(f.workspace),
          memberId: f.memberId,
          applicationId: f.applicationId,
          ruleId: f.ruleId,
          dueAt: f.dueAt,
          occurrence: f.occurrence,
          createdAt: now,
        });
        if (!row) throw new InternalError('storage', 'follow-up insert returned no row');
        return toFollowUp(row);
      });
    },
    update(id, patch, now) {
      const moved = patch.dueAt !== undefined ? { nudgedAt: null } : {};
      const row = db
        .update(followUps)
        .set({ ...patch, ...moved, updatedAt: now })
        .where(eq(followUps.id, id))
        .returning()
        .get();
      if (!row) throw new InternalError('not-found', `follow-up ${id} not found`);
      return toFollowUp(row);
    },
    markNudged(ids, now) {
      // Prepared once and run per id: the sweep marks thousands at a time.
      const mark = (markNudgedStatement ??= sqliteOf(db).prepare('UPDATE follow_ups SET nudged_at = ? WHERE id = ?'));
      const at = now.getTime();
      for (const id of ids) mark.run(at, id);
    },
    clearNudged(ids) {
      if (ids.length === 0) return;
      db.update(followUps)
        .set({ nudgedAt: null })
        .where(inArray(followUps.id, [...ids]))
        .run();
    },
    listByMember(memberId, statuses, limit) {
      if (statuses.length === 0) return [];
      const query = db
        .select()
        .from(followUps)
        .where(and(eq(followUps.memberId, memberId), inArray(followUps.status, [...statuses])))
        .orderBy(asc(followUps.dueAt), asc(followUps.id));
      return (limit === undefined ? query.all() : query.limit(limit).all()).map(toFollowUp);
    },
    countByMember(memberId, statuses) {
      if (statuses.length === 0) return 0;
      return (
        db
          .select({ n: count() })
          .from(followUps)
          .where(and(eq(followUps.memberId, memberId), inArray(followUps.status, [...statuses])))
          .get()?.n ?? 0
      );
    },
    closeOpenForMember(memberId, ruleIds, status, now) {
      if (ruleIds.length === 0) return 0;
      return db
        .update(followUps)
        .set({ status, closedAutomatically: true, updatedAt: now })
        .where(
          and(
            eq(followUps.memberId, memberId),
            inArray(followUps.ruleId, [...ruleIds]),
            inArray(followUps.status, [...OPEN]),
          ),
        )
        .run().changes;
    },
    listDue(now, limit) {
      // Prepared once, raw rows: the sweep reads up to tens of thousands of due steps at a time.
      // The WHERE clause is the partial index's predicate word for word, so SQLite uses it.
      const due = (listDueStatement ??= sqliteOf(db).prepare(
        "SELECT * FROM follow_ups WHERE status in ('pending', 'snoozed') and nudged_at is null AND due_at <= ? ORDER BY due_at, id LIMIT ?",
      ));
      return (due.all(now.getTime(), limit) as Record<string, unknown>[]).map(rawFollowUp);
    },
    listDueWithContext(now, limit) {
      const due = (dueWithContextStatement ??= sqliteOf(db).prepare(DUE_WITH_CONTEXT_SQL).raw(true));
      const members = new Map<number, Member>();
      return (due.all(now.getTime(), limit) as unknown[][]).map((r) => rawDueStep(r, members));
    },
    nextDueAfter(after) {
      const row = db
        .select({ dueAt: followUps.dueAt })
        .from(followUps)
        .where(and(isDueCandidate, gt(followUps.dueAt, after)))
        .orderBy(asc(followUps.dueAt))
        .limit(1)
        .get();
      return row?.dueAt ?? null;
    },
    cancelOpen(applicationId, ruleIds, now) {
      if (ruleIds.length === 0) return 0;
      const result = db
        .update(followUps)
        .set({ status: 'cancelled', updatedAt: now })
        .where(
          and(
            eq(followUps.applicationId, applicationId),
            inArray(followUps.ruleId, [...ruleIds]),
            inArray(followUps.status, [...OPEN]),
          ),
        )
        .run();
      return result.changes;
    },
    deleteForApplicationSince(applicationId, since) {
      return db
        .delete(followUps)
        .where(and(eq(followUps.applicationId, applicationId), gte(followUps.createdAt, since)))
        .run().changes;
    },
    reopenDoneAt(memberId, ruleIds, at) {
      if (ruleIds.length === 0) return 0;
      return db
        .update(followUps)
        .set({ status: 'pending', updatedAt: at })
        .where(
          and(
            eq(followUps.memberId, memberId),
            inArray(followUps.ruleId, [...ruleIds]),
            eq(followUps.status, 'done'),
            eq(followUps.updatedAt, at),
          ),
        )
        .run().changes;
    },
  };
}
