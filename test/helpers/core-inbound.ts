/**
 * What an adapter is initialised with when a recording handler stands in for the core: the
 * handler, and the real inbound ledger on a throw-away database of its own.
 */
import { ManualClock } from '../../src/core/clock.ts';
import type { CoreInbound, EventHandler, WorkspaceLifecycle } from '../../src/core/event-handler.ts';
import type { InboundLedger } from '../../src/core/ports/index.ts';
import { openDatabase } from '../../src/db/sqlite/open.ts';
import { createSqliteStore } from '../../src/db/sqlite/store.ts';
import { DEFAULT_START } from './world.ts';

export interface OwnInbound<H extends EventHandler> extends CoreInbound {
  readonly handler: H;
  /** What the adapter reported of workspaces, in order: `removed:T1`, `installed:T2`. */
  readonly workspaceNotices: string[];
  /** Closes the ledger's database. */
  close(): void;
}

/** `shared`: the ledger of another adapter, as a second process on the same database would have it. */
export function inboundFor<H extends EventHandler>(handler: H, shared?: InboundLedger): OwnInbound<H> {
  const workspaceNotices: string[] = [];
  const workspaces: WorkspaceLifecycle = {
    removed: async (ws) => void workspaceNotices.push(`removed:${ws.workspaceId}`),
    installed: async (ws) => void workspaceNotices.push(`installed:${ws.workspaceId}`),
  };
  const common = { handler, workspaces, workspaceNotices };
  if (shared) return { ...common, ledger: shared, clock: new ManualClock(DEFAULT_START), close: () => undefined };
  const database = openDatabase(':memory:');
  return {
    ...common,
    ledger: createSqliteStore(database).inbound,
    clock: new ManualClock(DEFAULT_START),
    close: () => database.close(),
  };
}
