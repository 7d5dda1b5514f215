import { and, asc, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import type { DeliveryRepository } from '../../core/ports/index.ts';
import type { Dialect, Param } from '../dialect.ts';
import { chunks, marks, scopeOf, str, toDelivery } from './rows.ts';

const CLAIM_COLUMNS =
  '(platform, workspace_id, key, kind, member_id, subject_id, local_date, owner, status, attempts, claimed_at)';
const CLAIM_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, 'claimed', 0, ?)";
/** Rows per claim statement: 9 parameters each, well inside both dialects' parameter limits. */
const CLAIMS_PER_STATEMENT = 200;

/**
 * Inserts the keys nobody holds; a key waiting as `retry` whose time has come is taken over (same
 * row, its attempts and first failure kept). The last parameter is now, for the retry time.
 */
const claimSql = (rows: number) =>
  `INSERT INTO deliveries ${CLAIM_COLUMNS} VALUES ${Array(rows).fill(CLAIM_ROW).join(', ')} ` +
  "ON CONFLICT (key) DO UPDATE SET status = 'claimed', owner = excluded.owner, claimed_at = excluded.claimed_at, retry_at = NULL " +
  "WHERE deliveries.status = 'retry' AND deliveries.retry_at <= ? RETURNING key";

/** Thrown inside `startAttempt`'s transaction to undo it when some key is no longer held. */
class ClaimNotHeld extends Error {}

export function createDeliveryRepository(d: Dialect): DeliveryRepository {
  const { deliveries } = d.tables;
  const claimMany: DeliveryRepository['claimMany'] = async (inputs, now) => {
    // Raw multi-row INSERT … ON CONFLICT DO NOTHING RETURNING key: the rows returned are the
    // keys this caller inserted, in either dialect, whoever else is claiming at the same time.
    // (A statement built through the query builder cost ~100 µs a row; the sweep claims thousands.)
    const owned = new Set<string>();
    const at = now.getTime();
    // One row per key: PostgreSQL refuses a statement that would update one row twice.
    const unique = [...new Map(inputs.map((input) => [input.key, input])).values()];
    for (const part of chunks(unique, CLAIMS_PER_STATEMENT)) {
      const params: Param[] = [];
      for (const input of part) {
        const { platform, workspaceId } = scopeOf(input.workspace);
        params.push(
          platform,
          workspaceId,
          input.key,
          input.kind,
          input.memberId,
          input.subjectId,
          input.localDate,
          input.owner,
          at,
        );
      }
      params.push(at);
      for (const row of await d.rows(claimSql(part.length), params)) owned.add(str(row.key));
    }
    return owned;
  };
  return {
    async claim(input, now) {
      // The unique key makes this atomic across processes: exactly one INSERT wins.
      return (await claimMany([input], now)).has(input.key);
    },
    claimMany,
    async startAttempt(keys, owner, now) {
      // Runs before every send: renews the keys still held and counts the attempt, all or nothing.
      const unique = [...new Set(keys)];
      if (unique.length === 0) return false;
      try {
        return await d.transaction(async () => {
          let renewed = 0;
          for (const part of chunks(unique, 1000)) {
            renewed += await d.run(
              `UPDATE deliveries SET attempts = attempts + 1, in_flight = 1, claimed_at = ? WHERE owner = ? AND status = 'claimed' AND key IN (${marks(part.length)})`,
              [now.getTime(), owner, ...part],
            );
          }
          if (renewed !== unique.length) throw new ClaimNotHeld();
          return true;
        });
      } catch (error) {
        if (error instanceof ClaimNotHeld) return false;
        throw error;
      }
    },
    async releaseUnattempted(keys, owner) {
      let released = 0;
      for (const part of chunks([...new Set(keys)], 1000)) {
        released += d.changed(
          await d.db
            .delete(deliveries)
            .where(
              and(
                inArray(deliveries.key, part),
                eq(deliveries.owner, owner),
                eq(deliveries.status, 'claimed'),
                eq(deliveries.attempts, 0),
              ),
            ),
        );
      }
      return released;
    },
    async markRefused(keys, owner) {
      for (const part of chunks([...new Set(keys)], 1000)) {
        await d.run(
          `UPDATE deliveries SET in_flight = 0 WHERE owner = ? AND status = 'claimed' AND key IN (${marks(part.length)})`,
          [owner, ...part],
        );
      }
    },
    async scheduleRetry(keys, owner, retry) {
      let scheduled = 0;
      for (const part of chunks([...new Set(keys)], 1000)) {
        scheduled += await d.run(
          "UPDATE deliveries SET status = 'retry', in_flight = 0, retry_at = ?, error = ?, " +
            'first_failed_at = COALESCE(first_failed_at, ?) ' +
            `WHERE owner = ? AND status = 'claimed' AND key IN (${marks(part.length)})`,
          [retry.at.getTime(), retry.error, retry.now.getTime(), owner, ...part],
        );
      }
      return scheduled;
    },
    async renewClaims(owner, now) {
      return d.run("UPDATE deliveries SET claimed_at = ? WHERE owner = ? AND status = 'claimed'", [
        now.getTime(),
        owner,
      ]);
    },
    async heldKeys(keys, now) {
      const found = new Set<string>();
      for (const part of chunks([...new Set(keys)], 1000)) {
        const rows = await d.db
          .select({ key: deliveries.key, status: deliveries.status, retryAt: deliveries.retryAt })
          .from(deliveries)
          .where(inArray(deliveries.key, part));
        for (const r of rows)
          if (r.status !== 'retry' || r.retryAt === null || r.retryAt.getTime() > now.getTime()) found.add(r.key);
      }
      return found;
    },
    async localDatesForMember(memberId, kind) {
      const rows = await d.db
        .select({ localDate: deliveries.localDate })
        .from(deliveries)
        .where(and(eq(deliveries.memberId, memberId), eq(deliveries.kind, kind), isNotNull(deliveries.localDate)));
      return rows.flatMap((r) => (r.localDate === null ? [] : [r.localDate]));
    },
    async markSent(key, sent, now) {
      // After every send: one raw statement (prepared once on SQLite).
      await d.run(
        "UPDATE deliveries SET status = 'sent', in_flight = 0, sent_at = ?, channel_id = ?, message_id = ?, error = NULL WHERE key = ?",
        [now.getTime(), sent?.channelId ?? null, sent?.messageId ?? null, key],
      );
    },
    async markFailed(key, error) {
      await d.db.update(deliveries).set({ status: 'failed', error }).where(eq(deliveries.key, key));
    },
    async get(key) {
      const [r] = await d.db.select().from(deliveries).where(eq(deliveries.key, key)).limit(1);
      return r ? toDelivery(r) : null;
    },
    async listByMessage(message) {
      const rows = await d.db
        .select()
        .from(deliveries)
        .where(
          and(
            eq(deliveries.platform, message.workspace.platform),
            eq(deliveries.workspaceId, message.workspace.workspaceId),
            eq(deliveries.channelId, message.channelId),
            eq(deliveries.messageId, message.messageId),
          ),
        )
        .orderBy(asc(deliveries.id));
      return rows.map(toDelivery);
    },
    async listStaleClaims(claimedBefore, limit) {
      const rows = await d.db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.status, 'claimed'), lt(deliveries.claimedAt, claimedBefore)))
        .orderBy(asc(deliveries.claimedAt))
        .limit(limit);
      return rows.map(toDelivery);
    },
    async release(key) {
      const result = await d.db
        .delete(deliveries)
        .where(and(eq(deliveries.key, key), eq(deliveries.status, 'claimed'), eq(deliveries.attempts, 0)));
      return d.changed(result) === 1;
    },
    async releaseWorkspace(ws) {
      const gone = await d.db
        .delete(deliveries)
        .where(
          and(
            eq(deliveries.platform, ws.platform),
            eq(deliveries.workspaceId, ws.workspaceId),
            inArray(deliveries.status, ['claimed', 'retry']),
            eq(deliveries.inFlight, 0),
          ),
        )
        .returning({ kind: deliveries.kind, subjectId: deliveries.subjectId });
      const nudgeSubjects = gone.flatMap((r) => (r.kind === 'nudge' && r.subjectId !== null ? [r.subjectId] : []));
      return { released: gone.length, nudgeSubjects };
    },
    async markAbandoned(key, reason) {
      await d.db
        .update(deliveries)
        .set({ status: 'abandoned', error: reason })
        .where(and(eq(deliveries.key, key), eq(deliveries.status, 'claimed')));
    },
  };
}
