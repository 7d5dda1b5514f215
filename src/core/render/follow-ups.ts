/** How follow-ups read: in a nudge, in /followups, in a rejection's plan. */
import type { Button, Block, Message } from '../messages.ts';
import { findRule, type FollowUpRule, type StepContext } from '../rules.ts';
import { formatWhen, type ZoneBesideGroup } from '../time.ts';
import type { Application, FollowUp } from '../types.ts';

export type FollowUpAction = 'done' | 'snooze' | 'skip';

export function followUpActionId(action: FollowUpAction, followUpId: number): string {
  return `fu:${action}:${followUpId}`;
}

export function parseFollowUpActionId(actionId: string): { action: FollowUpAction; followUpId: number } | null {
  const m = /^fu:(done|snooze|skip):(\d{1,15})$/.exec(actionId);
  return m ? { action: m[1] as FollowUpAction, followUpId: Number(m[2]) } : null;
}

export function stepContext(app: Application | null): StepContext {
  return { company: app?.company ?? null, role: app?.role ?? null };
}

export function followUpButtons(followUpId: number): Block {
  const buttons: Button[] = [
    { actionId: followUpActionId('done', followUpId), label: 'Done', style: 'primary' },
    { actionId: followUpActionId('snooze', followUpId), label: 'Snooze 2d' },
    { actionId: followUpActionId('skip', followUpId), label: 'Skip' },
  ];
  return { type: 'buttons', buttons };
}

export interface FollowUpView {
  readonly followUp: FollowUp;
  readonly application: Application | null;
}

function ruleOf(rules: readonly FollowUpRule[], f: FollowUp): FollowUpRule | undefined {
  return findRule(rules, f.ruleId);
}

/** One step with its ask and its buttons (or, once acted on, what was done). */
export function followUpBlocks(
  rules: readonly FollowUpRule[],
  view: FollowUpView,
  zone: string | ZoneBesideGroup,
  outcome?: string,
): Block[] {
  const rule = ruleOf(rules, view.followUp);
  const ctx = stepContext(view.application);
  const title = rule ? rule.title(ctx) : view.followUp.ruleId;
  if (outcome) return [{ type: 'text', text: `${outcome} ${title}` }];
  return [
    { type: 'heading', text: `${title} (due ${formatWhen(view.followUp.dueAt, zone)})` },
    { type: 'text', text: rule ? rule.ask(ctx) : '' },
    followUpButtons(view.followUp.id),
  ];
}

export const OUTCOME_MARK: Readonly<Record<FollowUpAction, string>> = {
  done: '✓ Done:',
  snooze: '⏰ Snoozed for 2 days:',
  skip: '↷ Skipped:',
};

/** The nudge a member gets when steps come due. */
export function nudgeMessage(
  rules: readonly FollowUpRule[],
  views: readonly FollowUpView[],
  zone: string | ZoneBesideGroup,
  outcomes?: ReadonlyMap<number, string>,
): Message {
  const intro = views.length === 1 ? 'A step from your plan is due:' : `${views.length} steps from your plan are due:`;
  const blocks: Block[] = [{ type: 'text', text: intro }];
  views.forEach((v, i) => {
    if (i > 0) blocks.push({ type: 'divider' });
    blocks.push(...followUpBlocks(rules, v, zone, outcomes?.get(v.followUp.id)));
  });
  return { blocks };
}
