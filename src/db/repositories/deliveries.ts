import { eq, sql } from 'drizzle-orm';
import type { Delivery, DeliveryRepository } from '../../core/ports.ts';
import type { Db } from '../open.ts';
import { deliveries } from '../schema.ts';
import { scopeOf } from './rows.ts';

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
    get(key): Delivery | null {
      const r = db.select().from(deliveries).where(eq(deliveries.key, key)).get();
      return r
        ? { key: r.key, kind: r.kind, status: r.status, attempts: r.attempts, claimedAt: r.claimedAt, sentAt: r.sentAt, error: r.error }
        : null;
    },
  };
}
