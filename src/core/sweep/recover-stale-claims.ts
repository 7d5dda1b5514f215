import type { CoreDeps } from '../deps.ts';

/**
 * How long a claim may go without its lease being renewed before we assume its process died. A
 * live process renews every claim it holds well within it (and every attempt renews its own).
 */
export const CLAIM_LEASE_MS = 60_000;

/**
 * Claims left behind by a process that died, decided by what the ledger knows of their attempts:
 * - none was made → released (the row goes), so the next sweep sends it;
 * - every attempt was answered with a refusal → waits as `retry`, due now, its history kept;
 * - an attempt was in flight (the request may have reached the platform) → abandoned, never
 *   resent (at most once), and logged.
 */
export function recoverStaleClaims(
  deps: CoreDeps,
  leaseMs: number = CLAIM_LEASE_MS,
): Promise<{ released: number; requeued: number; abandoned: number }> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    let released = 0;
    let requeued = 0;
    let abandoned = 0;
    for (const claim of await tx.deliveries.listStaleClaims(new Date(now.getTime() - leaseMs), 1000)) {
      const log = { kind: claim.kind, member: claim.memberId };
      if (claim.inFlight) {
        await tx.deliveries.markAbandoned(claim.key, 'process stopped during the send; outcome unknown, not resent');
        deps.logger.warn({ ...log, outcome: 'abandoned' }, 'delivery outcome unknown after a crash; not resent');
        abandoned++;
        continue;
      }
      if (claim.attempts === 0) {
        if (!(await tx.deliveries.release(claim.key))) continue;
        released++;
        deps.logger.info({ ...log, outcome: 'released' }, 'stale claim released; it will be sent by the next sweep');
      } else {
        const moved = await tx.deliveries.scheduleRetry([claim.key], claim.owner, {
          at: now,
          error: claim.error ?? 'process stopped after the platform refused the send',
          now,
        });
        if (moved === 0) continue;
        requeued++;
        deps.logger.info({ ...log, outcome: 'requeued' }, 'stale claim was refused before; it will be retried');
      }
      if (claim.kind === 'nudge' && claim.subjectId !== null) await tx.followUps.clearNudged([claim.subjectId]);
    }
    return { released, requeued, abandoned };
  });
}
