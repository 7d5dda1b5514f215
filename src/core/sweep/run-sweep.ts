import type { CoreDeps } from '../deps.ts';
import { createWeeklyNetworkSteps } from './create-weekly-network-steps.ts';
import { deleteRemovedWorkspaces } from './delete-removed-workspaces.ts';
import type { OutcomeCounts, RetryPolicy } from './deliver.ts';
import type { DeliveryQueue } from './delivery-queue.ts';
import { queueDailyCheckIns } from './open-daily-check-ins.ts';
import { pruneInboundLedger } from './prune-inbound-ledger.ts';
import { recoverStaleClaims } from './recover-stale-claims.ts';
import { queueCheckInReminders, type ReminderTally } from './send-check-in-reminders.ts';
import { newNudgeTally, queueDueNudges, type NudgeTally } from './send-due-nudges.ts';
import { queueWeeklyDigests } from './send-weekly-digests.ts';

export interface SweepOptions {
  /** Identifies this process in the delivery ledger. */
  readonly owner: string;
  readonly retry: RetryPolicy;
  readonly queue: DeliveryQueue;
  /** The nudge pass of this process, shared by its sweeps: one at a time. */
  readonly nudgePass: SinglePass<NudgeTally>;
  /**
   * Wait until every send this sweep queued has finished (the console, tests). Without it the
   * sweep returns once the work is claimed and queued, and the sends drain in the background while
   * later heartbeats keep sweeping.
   */
  readonly drain: boolean;
  /** Claims not renewed for this long belong to a process that died. */
  readonly claimLeaseMs: number;
  /** How long a workspace that removed the bot keeps its data before it is deleted. */
  readonly removedWorkspaceGraceMs: number;
}

export interface SweepReport {
  readonly at: Date;
  readonly recovered: { readonly released: number; readonly requeued: number; readonly abandoned: number };
  readonly checkIns: OutcomeCounts;
  readonly networkSteps: number;
  readonly nudges: NudgeTally;
  readonly digests: OutcomeCounts;
  readonly reminders: ReminderTally;
  /** Inbound ids forgotten because they are older than the retention. */
  readonly inboundPruned: number;
  /** Workspaces whose data was deleted: they removed the bot longer than the grace period ago. */
  readonly workspacesDeleted: number;
}

/**
 * Runs `pass` unless one is running; a call that comes meanwhile asks for one more pass after it
 * (work may have come due since the running one read past it), and shares its promise.
 */
export class SinglePass<T> {
  #running: Promise<T> | null = null;
  #again = false;

  run(pass: () => Promise<T>): Promise<T> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    const loop = async (): Promise<T> => {
      let result: T;
      do {
        this.#again = false;
        result = await pass();
      } while (this.#again);
      return result;
    };
    this.#running = loop().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }
}

/**
 * One pass over all due work, read from the database: stale claims, inbound ids past their
 * retention, workspaces past their grace period, the day's check-in posts, the weekly network steps, due follow-ups, digests, check-in
 * reminders. What is to be sent is claimed and handed to the delivery queue. The heartbeat runs it
 * every minute; the console runs it at each moment something falls due.
 */
export async function runSweep(deps: CoreDeps, options: SweepOptions): Promise<SweepReport> {
  const { owner, retry, queue } = options;
  const at = deps.clock.now();
  const recovered = await recoverStaleClaims(deps, options.claimLeaseMs);
  // Before the sends, so a failing send never leaves the table growing.
  const inboundPruned = await pruneInboundLedger(deps);
  const workspacesDeleted = await deleteRemovedWorkspaces(deps, options.removedWorkspaceGraceMs);
  const checkIns = await queueDailyCheckIns(deps, owner, retry, queue);
  const networkSteps = await createWeeklyNetworkSteps(deps, owner);
  const tally = newNudgeTally();
  const nudgePass = options.nudgePass.run(() => queueDueNudges(deps, owner, retry, queue, tally));
  const digests = await queueWeeklyDigests(deps, owner, retry, queue);
  const reminders = await queueCheckInReminders(deps, owner, retry, queue);
  if (options.drain) {
    await nudgePass;
    await queue.idle();
  } else {
    nudgePass.catch((error: unknown) =>
      deps.logger.error({ error: error instanceof Error ? error.message : 'unknown' }, 'nudge pass failed'),
    );
  }
  return { at, recovered, digests, checkIns, networkSteps, nudges: tally, reminders, inboundPruned, workspacesDeleted };
}
