import { and, asc, count, eq, gt, gte, inArray, sql } from 'drizzle-orm';
import type { FollowUpRepository } from '../../core/ports/index.ts';
import { InternalError } from '../../core/errors.ts';
import type { Member } from '../../core/types.ts';
import type { Dialect, Param } from '../dialect.ts';
import { DUE_PAGE_SQL, DUE_WITH_CONTEXT_SQL, rawDueStep, rawFollowUp } from './raw-rows.ts';
import { chunks, marks, scopeOf, toFollowUp } from './rows.ts';

const OPEN = ['pending', 'snoozed'] as const;

/** Rows per insert statement: 10 parameters each. */
const STEPS_PER_STATEMENT = 200;

const insertSql = (rows: number) =>
  'INSERT INTO follow_ups (platform, workspace_id, member_id, application_id, interview_id, rule_id, due_at, occurrence, status, created_at, updated_at) VALUES ' +
  Array(rows).fill("(?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)").join(', ') +
  ' RETURNING *';

export function createFollowUpRepository(d: Dialect): FollowUpRepository {
  const { followUps } = d.tables;
  // Matches the partial index's predicate word for word, so SQLite can use it.
  const isDueCandidate = sql`${followUps.status} in ('pending', 'snoozed') and ${followUps.nudgedAt} is null`;
  const due = (now: Date, limit: number) =>
    d.rows(
      "SELECT * FROM follow_ups WHERE status in ('pending', 'snoozed') and nudged_at is null AND due_at <= ? ORDER BY due_at, id LIMIT ?",
      [now.getTime(), limit],
    );
  return {
    async get(id) {
      const [row] = await d.db.select().from(followUps).where(eq(followUps.id, id)).limit(1);
      return row ? toFollowUp(row) : null;
    },
    async createMany(inputs, now) {
      // A raw multi-row insert: a rejection's plan is a handful of rows, and a statement built per
      // call costs more than the rows do. One statement is atomic; ids rise in the order given.
      const at = now.getTime();
      const created = [];
      for (const part of chunks(inputs, STEPS_PER_STATEMENT)) {
        const params: Param[] = [];
        for (const f of part) {
          const { platform, workspaceId } = scopeOf(f.workspace);
          params.push(
            platform,
            workspaceId,
            f.memberId,
            f.applicationId,
            f.interviewId ?? null,
            f.ruleId,
            f.dueAt.getTime(),
            f.occurrence,
            at,
            at,
          );
        }
        created.push(...(await d.rows(insertSql(part.length), params)).map(rawFollowUp));
      }
      if (created.length !== inputs.length) throw new InternalError('storage', 'follow-up insert returned no row');
      return created.sort((a, b) => a.id - b.id);
    },
    async update(id, patch, now) {
      const moved = patch.dueAt !== undefined ? { nudgedAt: null } : {};
      const [row] = await d.db
        .update(followUps)
        .set({ ...patch, ...moved, updatedAt: now })
        .where(eq(followUps.id, id))
        .returning();
      if (!row) throw new InternalError('not-found', `follow-up ${id} not found`);
      return toFollowUp(row);
    },
    async markNudged(ids, now) {
      // Raw, in parts: the sweep marks thousands at a time (inside its claim transaction).
      for (const part of chunks([...new Set(ids)], 1000)) {
        await d.run(`UPDATE follow_ups SET nudged_at = ? WHERE id IN (${marks(part.length)})`, [
          now.getTime(),
          ...part,
        ]);
      }
    },
    async clearNudged(ids) {
      for (const part of chunks([...new Set(ids)], 1000)) {
        await d.db.update(followUps).set({ nudgedAt: null }).where(inArray(followUps.id, part));
      }
    },
    async listByMember(memberId, statuses, limit) {
      if (statuses.length === 0) return [];
      const query = d.db
        .select()
        .from(followUps)
        .where(and(eq(followUps.memberId, memberId), inArray(followUps.status, [...statuses])))
        .orderBy(asc(followUps.dueAt), asc(followUps.id));
      return (await (limit === undefined ? query : query.limit(limit))).map(toFollowUp);
    },
    async countByMember(memberId, statuses) {
      if (statuses.length === 0) return 0;
      const [row] = await d.db
        .select({ n: count() })
        .from(followUps)
        .where(and(eq(followUps.memberId, memberId), inArray(followUps.status, [...statuses])));
      return row?.n ?? 0;
    },
    async closeOpenForMember(memberId, ruleIds, status, now) {
      if (ruleIds.length === 0) return 0;
      const result = await d.db
        .update(followUps)
        .set({ status, closedAutomatically: true, updatedAt: now })
        .where(
          and(
            eq(followUps.memberId, memberId),
            inArray(followUps.ruleId, [...ruleIds]),
            inArray(followUps.status, [...OPEN]),
          ),
        );
      return d.changed(result);
    },
    async listDue(now, limit) {
      // Raw rows: the sweep reads up to tens of thousands of due steps at a time. The WHERE clause
      // is the partial index's predicate word for word, so SQLite uses it.
      return (await due(now, limit)).map(rawFollowUp);
    },
    async listDueWithContext(now, limit) {
      // Inside the sweep's claim transaction: on PostgreSQL the steps stay locked until it ends, and
      // steps another replica's claim holds are skipped.
      const rows = await d.values(DUE_WITH_CONTEXT_SQL + d.forUpdate('follow_ups', { skipLocked: true }), [
        now.getTime(),
        limit,
      ]);
      const members = new Map<number, Member>();
      return rows.map((r) => rawDueStep(r, members));
    },
    async listDuePage(now, afterMemberId, members) {
      const at = now.getTime();
      const rows = await d.values(DUE_PAGE_SQL + d.forUpdate('follow_ups', { skipLocked: true }), [
        at,
        at,
        afterMemberId,
        members,
      ]);
      const cache = new Map<number, Member>();
      return rows.map((r) => rawDueStep(r, cache));
    },
    async nextDueAfter(after) {
      const [row] = await d.db
        .select({ dueAt: followUps.dueAt })
        .from(followUps)
        .where(and(isDueCandidate, gt(followUps.dueAt, after)))
        .orderBy(asc(followUps.dueAt))
        .limit(1);
      return row?.dueAt ?? null;
    },
    async listOpenForApplication(applicationId, ruleIds) {
      if (ruleIds.length === 0) return [];
      const rows = await d.db
        .select()
        .from(followUps)
        .where(
          and(
            eq(followUps.applicationId, applicationId),
            inArray(followUps.ruleId, [...ruleIds]),
            inArray(followUps.status, [...OPEN]),
          ),
        )
        .orderBy(asc(followUps.dueAt), asc(followUps.id));
      return rows.map(toFollowUp);
    },
    async cancelOpenForInterview(interviewId, now) {
      const result = await d.db
        .update(followUps)
        .set({ status: 'cancelled', updatedAt: now })
        .where(and(eq(followUps.interviewId, interviewId), inArray(followUps.status, [...OPEN])));
      return d.changed(result);
    },
    async cancelOpen(applicationId, ruleIds, now) {
      if (ruleIds.length === 0) return 0;
      const result = await d.db
        .update(followUps)
        .set({ status: 'cancelled', updatedAt: now })
        .where(
          and(
            eq(followUps.applicationId, applicationId),
            inArray(followUps.ruleId, [...ruleIds]),
            inArray(followUps.status, [...OPEN]),
          ),
        );
      return d.changed(result);
    },
    async deleteForApplicationSince(applicationId, since) {
      const result = await d.db
        .delete(followUps)
        .where(and(eq(followUps.applicationId, applicationId), gte(followUps.createdAt, since)));
      return d.changed(result);
    },
    async reopenDoneAt(memberId, ruleIds, at) {
      if (ruleIds.length === 0) return 0;
      const result = await d.db
        .update(followUps)
        .set({ status: 'pending', updatedAt: at })
        .where(
          and(
            eq(followUps.memberId, memberId),
            inArray(followUps.ruleId, [...ruleIds]),
            eq(followUps.status, 'done'),
            eq(followUps.updatedAt, at),
          ),
        );
      return d.changed(result);
    },
    async reopenCancelledAt(applicationId, at) {
      const result = await d.db
        .update(followUps)
        .set({ status: 'pending', updatedAt: at })
        .where(
          and(
            eq(followUps.applicationId, applicationId),
            eq(followUps.status, 'cancelled'),
            eq(followUps.updatedAt, at),
          ),
        );
      return d.changed(result);
    },
  };
}
