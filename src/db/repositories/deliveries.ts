import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import type { Delivery, DeliveryRepository } from '../../core/ports.ts';
import type { Db } from '../open.ts';
import { deliveries } from '../schema.ts';
import { scopeOf } from './rows.ts';

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
    markAttempt(key) {
      db.update(deliveries)
        .set({ attempts: sql`${deliveries.attempts} + 1` })
        .where(eq(deliveries.key, key))
        .run();
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
      db.delete(deliveries).where(and(eq(deliveries.key, key), eq(deliveries.status, 'claimed'))).run();
    },
    markAbandoned(key, reason) {
      db.update(deliveries).set({ status: 'abandoned', error: reason }).where(eq(deliveries.key, key)).run();
    },
  };
}
