/** How follow-ups read: in a nudge, in /followups, in a rejection's plan. */
import type { Button, Block, Message } from '../messages.ts';
import { findRule, type FollowUpRule, type StepContext } from '../rules.ts';
import { formatWhen, type ZoneBesideGroup } from '../time.ts';
import type { Application, FollowUp, Interview } from '../types.ts';

/** `ghost`: the silence-ghosted step's own button, which marks its application ghosted. */
export type FollowUpAction = 'done' | 'snooze' | 'skip' | 'ghost';

/**
 * At most this many steps carry buttons in one message, leaving a row for paging: a message holds
 * five rows of buttons on some platforms, and a step left without its buttons is no use.
 */
export const STEPS_PER_MESSAGE = 4;

/**
 * A step's button. From a nudge it is redrawn from the nudge's deliveries; from page N of
 * /followups (`listPage`) it redraws that page of the list.
 */
export function followUpActionId(action: FollowUpAction, followUpId: number, listPage?: number): string {
  return listPage === undefined ? `fu:${action}:${followUpId}` : `fu:${action}:${followUpId}:p${listPage}`;
}

/** Shows page N of a member's /followups in place of the message (also from a DM, hence the member). */
export function followUpPageActionId(memberId: number, page: number): string {
  return `fu:page:${memberId}:${page}`;
}

/**
 * From a nudge: the member's whole /followups, as a private answer. The nudge stays as it is (it
 * may sit in the group channel, where the list must not appear).
 */
export function followUpListActionId(memberId: number): string {
  return `fu:list:${memberId}`;
}

export type ParsedFollowUpAction =
  | {
      readonly kind: 'step';
      readonly action: FollowUpAction;
      readonly followUpId: number;
      readonly listPage: number | null;
    }
  | { readonly kind: 'page'; readonly memberId: number; readonly page: number }
  | { readonly kind: 'list'; readonly memberId: number };

export function parseFollowUpActionId(actionId: string): ParsedFollowUpAction | null {
  const page = /^fu:page:(\d{1,15}):([1-9]\d{0,3})$/.exec(actionId);
  if (page) return { kind: 'page', memberId: Number(page[1]), page: Number(page[2]) };
  const list = /^fu:list:(\d{1,15})$/.exec(actionId);
  if (list) return { kind: 'list', memberId: Number(list[1]) };
  const m = /^fu:(done|snooze|skip|ghost):(\d{1,15})(?::p([1-9]\d{0,3}))?$/.exec(actionId);
  return m
    ? {
        kind: 'step',
        action: m[1] as FollowUpAction,
        followUpId: Number(m[2]),
        listPage: m[3] === undefined ? null : Number(m[3]),
      }
    : null;
}

export function stepContext(app: Application | null, interview?: Interview | null): StepContext {
  return {
    company: app?.company ?? null,
    role: app?.role ?? null,
    interview: interview ? { round: interview.round, kind: interview.kind } : null,
  };
}

export function followUpButtons(followUpId: number, listPage?: number, rule?: FollowUpRule): Block {
  const offered: Button[] =
    rule?.offers === 'mark-ghosted'
      ? [{ actionId: followUpActionId('ghost', followUpId, listPage), label: 'Mark ghosted' }]
      : [];
  const buttons: Button[] = [
    ...offered,
    { actionId: followUpActionId('done', followUpId, listPage), label: 'Done', style: 'primary' },
    { actionId: followUpActionId('snooze', followUpId, listPage), label: 'Snooze 2d' },
    { actionId: followUpActionId('skip', followUpId, listPage), label: 'Skip' },
  ];
  return { type: 'buttons', buttons };
}

export interface FollowUpView {
  readonly followUp: FollowUp;
  readonly application: Application | null;
  /** The interview round an interview step is about. */
  readonly interview?: Interview | null;
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
  listPage?: number,
): Block[] {
  const title = followUpTitle(rules, view);
  if (outcome) return [{ type: 'text', text: `${outcome} ${title}` }];
  const rule = ruleOf(rules, view.followUp);
  return [
    { type: 'heading', text: `${title} (due ${formatWhen(view.followUp.dueAt, zone)})` },
    { type: 'text', text: rule ? rule.ask(stepContext(view.application, view.interview)) : '' },
    followUpButtons(view.followUp.id, listPage, rule),
  ];
}

export function followUpTitle(rules: readonly FollowUpRule[], view: FollowUpView): string {
  const rule = ruleOf(rules, view.followUp);
  return rule ? rule.title(stepContext(view.application, view.interview)) : view.followUp.ruleId;
}

/** Marking ghosted reads as done: the step asked for a decision, and it was made. */
export const OUTCOME_MARK: Readonly<Record<Exclude<FollowUpAction, 'ghost'>, string>> = {
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
  // Steps already acted on take no buttons, so they do not count against the message's share.
  let withButtons = 0;
  let over = 0;
  views.forEach((v, i) => {
    const outcome = outcomes?.get(v.followUp.id);
    if (!outcome && withButtons === STEPS_PER_MESSAGE) {
      over++;
      return;
    }
    if (!outcome) withButtons++;
    if (i > 0) blocks.push({ type: 'divider' });
    blocks.push(...followUpBlocks(rules, v, zone, outcome));
  });
  if (over > 0) {
    blocks.push(
      { type: 'divider' },
      { type: 'text', text: `…and ${over} more due. /followups lists them all, each with its buttons.` },
      {
        type: 'buttons',
        buttons: [{ actionId: followUpListActionId(views[0]?.followUp.memberId ?? 0), label: 'Show all due steps' }],
      },
    );
  }
  return { blocks };
}
