/** Inbound deliveries already taken in: one row per platform id, so a retry is recognised by every process. */
import { lt } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import type { InboundLedger } from '../../core/ports/index.ts';
import type { Db } from '../open.ts';
import type { SyncOf } from '../sqlite-gate.ts';
import { inboundEvents } from '../schema.ts';
import { sqliteOf } from './rows.ts';

export function createInboundLedger(db: Db): SyncOf<InboundLedger> {
  let recordStatement: Statement | undefined;
  return {
    firstDelivery(workspace, kind, id, now) {
      // On every inbound request: one prepared INSERT, and the primary key decides who was first.
      const record = (recordStatement ??= sqliteOf(db).prepare(
        'INSERT INTO inbound_events (platform, workspace_id, kind, delivery_id, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ));
      return record.run(workspace.platform, workspace.workspaceId, kind, id, now.getTime()).changes === 1;
    },
    prune(before) {
      return db.delete(inboundEvents).where(lt(inboundEvents.receivedAt, before)).run().changes;
    },
  };
}
