import { and, asc, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import type { DeliveryRepository } from '../../core/ports/index.ts';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../open.ts';
import type { SyncOf } from '../sqlite-gate.ts';
import { deliveries } from '../schema.ts';
import { chunks, scopeOf, sqliteOf, toDelivery } from './rows.ts';

export function createDeliveryRepository(db: Db): SyncOf<DeliveryRepository> {
  let claimStatement: Statement | undefined;
  let heldStatement: Statement | undefined;
  let attemptStatement: Statement | undefined;
  let sentStatement: Statement | undefined;
  return {
    claim(input, now) {
      // The unique key makes this atomic across processes: exactly one INSERT wins.
      const result = db
        .insert(deliveries)
        .values({
          ...scopeOf(input.workspace),
          key: input.key,
          kind: input.kind,
          memberId: input.memberId,
          subjectId: input.subjectId,
          localDate: input.localDate,
          owner: input.owner,
          status: 'claimed',
          claimedAt: now,
        })
        .onConflictDoNothing({ target: deliveries.key })
        .run();
      return result.changes === 1;
    },
    claimMany(inputs, now) {
      // One prepared single-row INSERT … ON CONFLICT DO NOTHING, run per key inside the caller's
      // transaction: building statements through the query builder cost ~100 µs a row.
      const insert = (claimStatement ??= sqliteOf(db).prepare(
        "INSERT INTO deliveries (platform, workspace_id, key, kind, member_id, subject_id, local_date, owner, status, attempts, claimed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'claimed', 0, ?) ON CONFLICT (key) DO NOTHING",
      ));
      const owned = new Set<string>();
      const at = now.getTime();
      for (const input of inputs) {
        const { platform, workspaceId } = scopeOf(input.workspace);
        if (
          insert.run(
            platform,
            workspaceId,
            input.key,
            input.kind,
            input.memberId,
            input.subjectId,
            input.localDate,
            input.owner,
            at,
          ).changes === 1
        )
          owned.add(input.key);
      }
      return owned;
    },
    startAttempt(keys, owner, now) {
      // Runs before every send: prepared once, one row at a time (the caller's transaction makes it atomic).
      const raw = sqliteOf(db);
      const held = (heldStatement ??= raw.prepare(
        "SELECT 1 FROM deliveries WHERE key = ? AND owner = ? AND status = 'claimed'",
      ));
      const attempt = (attemptStatement ??= raw.prepare(
        'UPDATE deliveries SET attempts = attempts + 1, claimed_at = ? WHERE key = ?',
      ));
      const unique = [...new Set(keys)];
      if (unique.length === 0 || !unique.every((key) => held.get(key, owner) !== undefined)) return false;
      for (const key of unique) attempt.run(now.getTime(), key);
      return true;
    },
    releaseUnattempted(keys, owner) {
      if (keys.length === 0) return 0;
      return db
        .delete(deliveries)
        .where(
          and(
            inArray(deliveries.key, [...keys]),
            eq(deliveries.owner, owner),
            eq(deliveries.status, 'claimed'),
            eq(deliveries.attempts, 0),
          ),
        )
        .run().changes;
    },
    existingKeys(keys) {
      const found = new Set<string>();
      for (const part of chunks(keys, 1000)) {
        for (const r of db
          .select({ key: deliveries.key })
          .from(deliveries)
          .where(inArray(deliveries.key, [...part]))
          .all())
          found.add(r.key);
      }
      return found;
    },
    localDatesForMember(memberId, kind) {
      return db
        .select({ localDate: deliveries.localDate })
        .from(deliveries)
        .where(and(eq(deliveries.memberId, memberId), eq(deliveries.kind, kind), isNotNull(deliveries.localDate)))
        .all()
        .flatMap((r) => (r.localDate === null ? [] : [r.localDate]));
    },
    markSent(key, sent, now) {
      (sentStatement ??= sqliteOf(db).prepare(
        "UPDATE deliveries SET status = 'sent', sent_at = ?, channel_id = ?, message_id = ?, error = NULL WHERE key = ?",
      )).run(now.getTime(), sent?.channelId ?? null, sent?.messageId ?? null, key);
    },
    markFailed(key, error) {
      db.update(deliveries).set({ status: 'failed', error }).where(eq(deliveries.key, key)).run();
    },
    get(key) {
      const r = db.select().from(deliveries).where(eq(deliveries.key, key)).get();
      return r ? toDelivery(r) : null;
    },
    listByMessage(message) {
      return db
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
        .orderBy(asc(deliveries.id))
        .all()
        .map(toDelivery);
    },
    listStaleClaims(claimedBefore, limit) {
      return db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.status, 'claimed'), lt(deliveries.claimedAt, claimedBefore)))
        .orderBy(asc(deliveries.claimedAt))
        .limit(limit)
        .all()
        .map(toDelivery);
    },
    release(key) {
      return (
        db
          .delete(deliveries)
          .where(and(eq(deliveries.key, key), eq(deliveries.status, 'claimed'), eq(deliveries.attempts, 0)))
          .run().changes === 1
      );
    },
    markAbandoned(key, reason) {
      db.update(deliveries)
        .set({ status: 'abandoned', error: reason })
        .where(and(eq(deliveries.key, key), eq(deliveries.status, 'claimed')))
        .run();
    },
  };
}
