/** Inbound deliveries already taken in: one row per platform id, so a retry is recognised by every process. */
import { lt } from 'drizzle-orm';
import type { InboundLedger } from '../../core/ports/index.ts';
import type { Dialect } from '../dialect.ts';

export function createInboundLedger(d: Dialect): InboundLedger {
  const { inboundEvents } = d.tables;
  return {
    async firstDelivery(workspace, kind, id, now) {
      // On every inbound request: one raw INSERT (prepared once on SQLite), and the primary key
      // decides who was first.
      const inserted = await d.run(
        'INSERT INTO inbound_events (platform, workspace_id, kind, delivery_id, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
        [workspace.platform, workspace.workspaceId, kind, id, now.getTime()],
      );
      return inserted === 1;
    },
    async prune(before) {
      return d.changed(await d.db.delete(inboundEvents).where(lt(inboundEvents.receivedAt, before)));
    },
  };
}
