/**
 * An application's silence, scheduled rather than searched: each application under way keeps one
 * open step of each silence rule, due N days after its last news. News moves them (their due times
 * move later); an application that ends (rejected, withdrawn, ghosted, an offer) has them closed,
 * and news on it later brings them back. The sweep checks again when one falls due
 * (step-conditions.ts), so news the moves missed only makes the step wait longer, never early.
 */
import { SILENCE_RULE_IDS } from '../pipeline-rules.ts';
import { planSteps } from '../plan.ts';
import type { Store } from '../ports/index.ts';
import type { FollowUpRule } from '../rules.ts';
import type { Application, ApplicationStatus, Group } from '../types.ts';

/** Statuses that wait for an answer: silence counts for these only. */
export const AWAITING: ReadonlySet<ApplicationStatus> = new Set(['applied', 'screening', 'interviewing']);

/**
 * Inside the caller's transaction: sets the application's silence steps to fall due after `news`
 * (in `zone`), creating the ones it lacks, or closes them when the application no longer waits.
 */
export async function scheduleSilence(
  store: Store,
  rules: readonly FollowUpRule[],
  group: Group,
  application: Application,
  news: Date,
  zone: string,
  now: Date,
): Promise<void> {
  if (!AWAITING.has(application.status)) {
    await store.followUps.cancelOpen(application.id, SILENCE_RULE_IDS, now);
    return;
  }
  const open = await store.followUps.listOpenForApplication(application.id, SILENCE_RULE_IDS);
  const planned = planSteps(rules, group, { kind: 'silence' }, news, zone);
  const missing = [];
  for (const step of planned) {
    const current = open.find((f) => f.ruleId === step.rule.id);
    if (!current) missing.push(step);
    else if (current.dueAt.getTime() < step.dueAt.getTime())
      await store.followUps.update(current.id, { dueAt: step.dueAt }, now);
  }
  await store.followUps.createMany(
    missing.map((s) => ({
      workspace: group.workspace,
      memberId: application.memberId,
      applicationId: application.id,
      ruleId: s.rule.id,
      dueAt: s.dueAt,
      occurrence: s.occurrence,
    })),
    now,
  );
}
