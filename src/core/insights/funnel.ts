/**
 * The pipeline funnel: how many applications reached each stage (applied → screen → interview →
 * final → offer), and at which stage the rejections came.
 */
import {
  REJECTION_STAGES,
  type Application,
  type ApplicationStatus,
  type Rejection,
  type RejectionStage,
} from '../types.ts';

export interface Funnel {
  /** Applications that reached at least each stage. */
  readonly reached: Readonly<Record<RejectionStage, number>>;
  /** Rejections reported at each stage. */
  readonly rejectedAt: Readonly<Record<RejectionStage, number>>;
}

const STATUS_STAGE: Readonly<Record<ApplicationStatus, number>> = {
  applied: 0,
  screening: 1,
  interviewing: 2,
  offer: 4,
  accepted: 4,
  rejected: 0,
  withdrawn: 0,
  ghosted: 0,
};

export function funnel(applications: readonly Application[], rejections: readonly Rejection[]): Funnel {
  const furthest = new Map<number, number>();
  for (const a of applications) furthest.set(a.id, STATUS_STAGE[a.status]);
  for (const r of rejections) {
    const stage = REJECTION_STAGES.indexOf(r.stage);
    if (furthest.has(r.applicationId))
      furthest.set(r.applicationId, Math.max(furthest.get(r.applicationId) ?? 0, stage));
  }
  const reached = emptyStages();
  const rejectedAt = emptyStages();
  for (const stage of furthest.values()) {
    for (let i = 0; i <= stage; i++) reached[REJECTION_STAGES[i] as RejectionStage]++;
  }
  for (const r of rejections) rejectedAt[r.stage]++;
  return { reached, rejectedAt };
}

function emptyStages(): Record<RejectionStage, number> {
  return { applied: 0, screen: 0, interview: 0, final: 0, offer: 0 };
}
