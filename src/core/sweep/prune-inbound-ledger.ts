import type { CoreDeps } from '../deps.ts';

/**
 * How long an inbound id is remembered. Slack retries an event after about 1 and 5 minutes and
 * refuses a signed request older than 5 minutes, so an hour leaves a wide margin and keeps the
 * table small.
 */
export const INBOUND_RETENTION_MS = 60 * 60_000;

/** Forgets the inbound ids recorded more than the retention ago; returns how many. Indexed, so cheap each minute. */
export function pruneInboundLedger(deps: CoreDeps): Promise<number> {
  return deps.store.inbound.prune(new Date(deps.clock.now().getTime() - INBOUND_RETENTION_MS));
}
