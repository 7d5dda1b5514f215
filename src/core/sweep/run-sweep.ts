import type { CoreDeps } from '../deps.ts';
import { createWeeklyNetworkSteps } from './create-weekly-network-steps.ts';
import type { RetryPolicy } from './deliver.ts';
import { openDailyCheckIns, type CheckInPostReport } from './open-daily-check-ins.ts';
import { pruneInboundLedger } from './prune-inbound-ledger.ts';
import { recoverStaleClaims } from './recover-stale-claims.ts';
import { sendCheckInReminders, type ReminderReport } from './send-check-in-reminders.ts';
import { sendDueNudges, type NudgeReport } from './send-due-nudges.ts';
import { sendWeeklyDigests, type DigestReport } from './send-weekly-digests.ts';

export interface SweepOptions {
  /** Identifies this process in the delivery ledger. */
  readonly owner: string;
  readonly retry: RetryPolicy;
}

export interface SweepReport {
  readonly at: Date;
  readonly recovered: { readonly released: number; readonly abandoned: number };
  readonly checkIns: CheckInPostReport;
  readonly networkSteps: number;
  readonly nudges: NudgeReport;
  readonly digests: DigestReport;
  readonly reminders: ReminderReport;
  /** Inbound ids forgotten because they are older than the retention. */
  readonly inboundPruned: number;
}

/**
 * One pass over all due work, read from the database: stale claims, inbound ids past their
 * retention, the day's check-in posts, the weekly network steps, due follow-ups, check-in
 * reminders. The heartbeat runs it every minute; the console runs it at each moment something
 * falls due.
 */
export async function runSweep(deps: CoreDeps, options: SweepOptions): Promise<SweepReport> {
  const at = deps.clock.now();
  const recovered = await recoverStaleClaims(deps);
  // Before the sends, so a failing send never leaves the table growing.
  const inboundPruned = await pruneInboundLedger(deps);
  const checkIns = await openDailyCheckIns(deps, options.owner, options.retry);
  const networkSteps = await createWeeklyNetworkSteps(deps, options.owner);
  const nudges = await sendDueNudges(deps, options.owner, options.retry);
  const digests = await sendWeeklyDigests(deps, options.owner, options.retry);
  const reminders = await sendCheckInReminders(deps, options.owner, options.retry);
  return { at, recovered, digests, checkIns, networkSteps, nudges, reminders, inboundPruned };
}
