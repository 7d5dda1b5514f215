import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Delivery, DeliveryRepository } from '../../core/ports.ts';
import type { Db } from '../open.ts';
import { deliveries } from '../schema.ts';
import { chunks, scopeOf } from './rows.ts';

function toDelivery(r: typeof deliveries.$inferSelect): Delivery {
  return {
    key: r.key,
    kind: r.kind,
    memberId: r.memberId,
    subjectId: r.subjectId,
    owner: r.owner,
    channelId: r.channelId,
    messageId: r.messageId,
    status: r.status,
    attempts: r.attempts,
    claimedAt: r.claimedAt,
    sentAt: r.sentAt,
    error: r.error,
  };
}

export function createDeliveryRepository(db: Db): DeliveryRepository {
  let claimStatement: ReturnType<typeof prepareClaim> | undefined;
  const prepareClaim = () =>
    db
      .insert(deliveries)
      .values({
        platform: sql.placeholder('platform'),
        workspaceId: sql.placeholder('workspaceId'),
        key: sql.placeholder('key'),
        kind: sql.placeholder('kind'),
        memberId: sql.placeholder('memberId'),
        subjectId: sql.placeholder('subjectId'),
        owner: sql.placeholder('owner'),
        status: 'claimed',
        claimedAt: sql.placeholder('claimedAt'),
      })
      .onConflictDoNothing({ target: deliveries.key })
      .prepare();
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
      // transaction: building a multi-row statement through the query builder cost ~100 µs a row.
      const insert = (claimStatement ??= prepareClaim());
      const owned = new Set<string>();
      for (const input of inputs) {
        const params = { ...scopeOf(input.workspace), key: input.key, kind: input.kind, memberId: input.memberId, subjectId: input.subjectId, owner: input.owner, claimedAt: now };
        if (insert.run(params).changes === 1) owned.add(input.key);
      }
      return owned;
    },
    markAttempt(key) {
      db.update(deliveries)
        .set({ attempts: sql`${deliveries.attempts} + 1` })
        .where(eq(deliveries.key, key))
        .run();
    },
    startAttempt(keys, owner, now) {
      if (keys.length === 0) return false;
      const held = db
        .select({ key: deliveries.key })
        .from(deliveries)
        .where(and(inArray(deliveries.key, [...keys]), eq(deliveries.owner, owner), eq(deliveries.status, 'claimed')))
        .all();
      if (held.length !== new Set(keys).size) return false;
      db.update(deliveries)
        .set({ attempts: sql`${deliveries.attempts} + 1`, claimedAt: now })
        .where(inArray(deliveries.key, [...keys]))
        .run();
      return true;
    },
    releaseUnattempted(keys, owner) {
      if (keys.length === 0) return 0;
      return db
        .delete(deliveries)
        .where(and(inArray(deliveries.key, [...keys]), eq(deliveries.owner, owner), eq(deliveries.status, 'claimed'), eq(deliveries.attempts, 0)))
        .run().changes;
    },
    existingKeys(keys) {
      const found = new Set<string>();
      for (const part of chunks(keys, 1000)) {
        for (const r of db.select({ key: deliveries.key }).from(deliveries).where(inArray(deliveries.key, [...part])).all()) found.add(r.key);
      }
      return found;
    },
    keysForMember(memberId, kind) {
      return db
        .select({ key: deliveries.key })
        .from(deliveries)
        .where(and(eq(deliveries.memberId, memberId), eq(deliveries.kind, kind)))
        .all()
        .map((r) => r.key);
    },
    markSent(key, sent, now) {
      db.update(deliveries)
        .set({ status: 'sent', sentAt: now, channelId: sent?.channelId ?? null, messageId: sent?.messageId ?? null, error: null })
        .where(eq(deliveries.key, key))
        .run();
    },
    markFailed(key, error) {
      db.update(deliveries).set({ status: 'failed', error }).where(eq(deliveries.key, key)).run();
    },
    get(key) {
      const r = db.select().from(deliveries).where(eq(deliveries.key, key)).get();
      return r ? toDelivery(r) : null;
    },
    listByMessage(messageId) {
      return db.select().from(deliveries).where(eq(deliveries.messageId, messageId)).orderBy(asc(deliveries.id)).all().map(toDelivery);
    },
    latestForSubject(kind, subjectId) {
      const r = db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.kind, kind), eq(deliveries.subjectId, subjectId)))
        .orderBy(desc(deliveries.id))
        .limit(1)
        .get();
      return r ? toDelivery(r) : null;
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
      return db.delete(deliveries).where(and(eq(deliveries.key, key), eq(deliveries.status, 'claimed'), eq(deliveries.attempts, 0))).run().changes === 1;
    },
    markAbandoned(key, reason) {
      db.update(deliveries).set({ status: 'abandoned', error: reason }).where(and(eq(deliveries.key, key), eq(deliveries.status, 'claimed'))).run();
    },
  };
}
