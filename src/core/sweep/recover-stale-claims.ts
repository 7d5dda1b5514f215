import type { CoreDeps } from '../deps.ts';

/**
 * How long a claim may stay unmarked with no new send attempt before we assume its process died.
 * Each attempt renews it, so it only has to outlast one platform call plus its retry wait.
 */
export const CLAIM_LEASE_MS = 10 * 60_000;

/**
 * Claims left behind by a process that died. A claim that never reached the platform (no send
 * attempt was recorded) is released, so the next sweep sends it. A claim whose send had started may
 * or may not have reached the platform: it is abandoned, never resent (at most once), and logged.
 */
export function recoverStaleClaims(deps: CoreDeps): Promise<{ released: number; abandoned: number }> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    let released = 0;
    let abandoned = 0;
    for (const claim of await tx.deliveries.listStaleClaims(new Date(now.getTime() - CLAIM_LEASE_MS), 1000)) {
      if (claim.attempts === 0) {
        if (!(await tx.deliveries.release(claim.key))) continue;
        if (claim.kind === 'nudge' && claim.subjectId !== null) await tx.followUps.clearNudged([claim.subjectId]);
        deps.logger.info(
          { kind: claim.kind, member: claim.memberId, outcome: 'released' },
          'stale claim released; it will be sent by the next sweep',
        );
        released++;
      } else {
        await tx.deliveries.markAbandoned(claim.key, 'process stopped during the send; not resent');
        deps.logger.warn(
          { kind: claim.kind, member: claim.memberId, outcome: 'abandoned' },
          'delivery outcome unknown after a crash; not resent',
        );
        abandoned++;
      }
    }
    return { released, abandoned };
  });
}
