import type { CoreDeps } from '../deps.ts';
import type { EventSource } from '../events.ts';
import type { InputFor } from '../commands/declarations.ts';
import type { Reply } from '../messages.ts';
import type { Store } from '../ports/index.ts';
import { INTERVIEW_RULE_IDS, SILENCE_RULE_IDS } from '../pipeline-rules.ts';
import { planSteps, rejectionRules } from '../plan.ts';
import { stepContext } from '../render/follow-ups.ts';
import { formatWhen } from '../time.ts';
import type { Application, RejectionStage, WorkspaceRef } from '../types.ts';
import { askBeforeRepeating } from './ask-before-repeating.ts';
import { ensureMember, memberZone, requireGroup } from './context.ts';
import { entryPost } from './entry-post.ts';
import { postToGroup } from './post-to-group.ts';
import { statusesBefore, withUndo } from './undo-entry.ts';

/**
 * `/rejected company [| role] [| stage] [| note]`: records the rejection (creating the application
 * when new), schedules the plan, and answers with encouragement and the plan. (With no fields,
 * the router opens the command's form instead.) The same company and role logged within a day is
 * asked about first, unless `repeat` says the member already chose to log it again; the reply
 * carries an Undo button.
 */
export async function recordRejection(
  deps: CoreDeps,
  source: EventSource,
  input: InputFor<'rejected'>,
  repeat: 'ask' | 'log' = 'ask',
): Promise<Reply> {
  const group = await requireGroup(deps, source);
  const { company, role, note } = input;
  const stage = input.stage ?? 'applied';
  const now = deps.clock.now();
  const question =
    repeat === 'ask' ? await askBeforeRepeating(deps, group, source, { kind: 'rejected', input }, now) : null;
  if (question) return question;
  const before = await statusesBefore(deps, group, source, company);

  const result = await deps.store.transaction(async (tx) => {
    const member = await ensureMember({ ...deps, store: tx }, group, source);
    const application = await findOrCreateApplication(
      tx,
      member.id,
      company,
      role,
      member.visibility,
      group.workspace,
      now,
    );
    // A no ends the wait: the interviews' preparation, thank-you and chase steps close, and so do
    // the application's silence steps.
    await tx.followUps.cancelOpen(application.id, [...INTERVIEW_RULE_IDS, ...SILENCE_RULE_IDS], now);
    const rejection = await tx.rejections.create(
      { workspace: group.workspace, applicationId: application.id, memberId: member.id, stage, note, rejectedOn: now },
      now,
    );
    const zone = memberZone(member, group);
    const steps = planSteps(deps.rules, group, { kind: 'rejection', stage }, now, zone);
    await tx.followUps.createMany(
      steps.map((s) => ({
        workspace: group.workspace,
        memberId: member.id,
        applicationId: application.id,
        ruleId: s.rule.id,
        dueAt: s.dueAt,
        occurrence: s.occurrence,
      })),
      now,
    );
    return { member, application, rejection, steps, zone };
  });

  const { member, application, steps, zone } = result;
  const post = entryPost(member, application.visibility, {
    shared: `💛 ${member.displayName} heard back from ${application.company}: not this time. A kind word goes a long way.`,
    counts: `💛 ${member.displayName} got a "no" today. A kind word goes a long way.`,
  });
  if (post)
    await postToGroup(deps, group, { memberId: member.id, subject: 'rejection', subjectId: result.rejection.id }, post);

  const ctx = stepContext(application);
  const seen = new Set<string>();
  const planLines = steps
    .filter((s) => (seen.has(s.rule.id) ? false : (seen.add(s.rule.id), true)))
    .map(
      (s) =>
        `• ${formatWhen(s.dueAt, { zone, groupZone: group.timezone })}: ${s.rule.title(ctx)}${s.rule.timing.kind === 'repeat' ? ` (then every ${s.rule.timing.everyDays} days, ${s.rule.timing.times} times in all)` : ''}`,
    );
  const atOnce = rejectionRules(deps.rules, group, stage).flatMap((r) => (r.atOnce ? [r.atOnce] : []));
  const opening = `I'm sorry about ${application.company}. ${encouragement(stage)}`;
  const text = [
    opening,
    '',
    planLines.length
      ? "Here's the plan I've lined up (I'll nudge you when each step is due):"
      : 'All follow-up steps are switched off for this group.',
    ...planLines,
  ];
  if (atOnce.length) text.push('', ...atOnce);
  return withUndo(
    { blocks: [{ type: 'text', text: text.join('\n') }] },
    { kind: 'rejection', id: result.rejection.id, statusBefore: before.get(application.id) ?? 'new' },
  );
}

/** Said at once, about the stage the rejection came at (never more than the member reached). */
function encouragement(stage: RejectionStage): string {
  switch (stage) {
    case 'offer':
      return 'Getting as far as an offer means they wanted you on the team: that strength goes with you to the next one.';
    case 'final':
      return 'Reaching the final round means they saw real strength in you: you were very close.';
    case 'interview':
      return 'Reaching interviews shows your profile works. This is a step, not a verdict.';
    case 'screen':
      return 'Getting through to a screen means your application stood out from the pile. That is worth building on.';
    case 'applied':
      return 'A no at the application stage is very common and often about timing or numbers. It says nothing final about you.';
  }
}

async function findOrCreateApplication(
  store: Store,
  memberId: number,
  company: string,
  role: string | null,
  visibility: Application['visibility'],
  workspace: WorkspaceRef,
  now: Date,
): Promise<Application> {
  const existing = (await store.applications.findByCompany(memberId, company)).find(
    (a) => (role ? a.role.toLowerCase() === role.toLowerCase() : true) && a.status !== 'rejected',
  );
  if (existing) return store.applications.setStatus(existing.id, 'rejected', now);
  return store.applications.create(
    { workspace, memberId, company, role: role ?? '', link: null, status: 'rejected', visibility },
    now,
  );
}
