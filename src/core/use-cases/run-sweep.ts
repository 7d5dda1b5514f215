import type { CoreDeps } from '../deps.ts';
import type { RetryPolicy } from './deliver.ts';
import { recoverStaleClaims } from './recover-stale-claims.ts';
import { sendDueNudges, type NudgeReport } from './send-due-nudges.ts';

export interface SweepOptions {
  /** Identifies this process in the delivery ledger. */
  readonly owner: string;
  readonly retry: RetryPolicy;
}

export interface SweepReport {
  readonly at: Date;
  readonly recovered: { readonly released: number; readonly abandoned: number };
  readonly nudges: NudgeReport;
}

/**
 * One pass over all due work, read from the database: stale claims, due follow-ups. The heartbeat
 * runs it every minute; the console runs it at each moment something falls due.
 */
export async function runSweep(deps: CoreDeps, options: SweepOptions): Promise<SweepReport> {
  const at = deps.clock.now();
  const recovered = recoverStaleClaims(deps);
  const nudges = await sendDueNudges(deps, options.owner, options.retry);
  return { at, recovered, nudges };
}
