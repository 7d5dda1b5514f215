/**
 * The follow-up rules, as data. Each rule says what triggers it, when it falls due (in the
 * member's local time), what the nudge asks, and what ends it. A group can switch a rule off or
 * change its offset with `/rebound config`; the code that schedules steps reads only this table.
 */
import { PIPELINE_RULES, type PipelineRuleId } from './pipeline-rules.ts';
import { at, roleAt, type StepContext } from './rule-text.ts';
import { REJECTION_STAGES, type MinuteOfDay, type RejectionStage, type RuleSetting } from './types.ts';

export type RuleId =
  | 'request-feedback'
  | 'log-feedback'
  | 'connect'
  | 'recruiter-pointers'
  | 'connect-company'
  | 'engage'
  | 'stay-in-touch'
  | 'keep-applying'
  | 'network'
  | 'check-in'
  | PipelineRuleId;

export type RuleTiming =
  /** N business days after the trigger's local date, at a local time. */
  | { readonly kind: 'business-days'; readonly days: number; readonly minute: MinuteOfDay }
  /**
   * N calendar days before the trigger's local date, at a local time; at once when that is already
   * past, and not at all once the trigger itself is (an interview's preparation).
   */
  | { readonly kind: 'days-before'; readonly days: number; readonly minute: MinuteOfDay }
  /** N calendar days after the trigger's local date, at a local time. */
  | { readonly kind: 'days'; readonly days: number; readonly minute: MinuteOfDay }
  /** First after N days, then every M days, a fixed number of times. */
  | {
      readonly kind: 'repeat';
      readonly days: number;
      readonly everyDays: number;
      readonly times: number;
      readonly minute: MinuteOfDay;
    }
  /** The group's first check-in day of each week, at check-in time. */
  | { readonly kind: 'weekly-at-check-in' }
  /** Every check-in day at check-in time (group timezone). */
  | { readonly kind: 'daily-at-check-in' };

export type RuleTrigger =
  | { readonly kind: 'rejection' }
  /** When a step of another rule is marked done. */
  | { readonly kind: 'done'; readonly rule: RuleId }
  /** An interview round logged (or moved): steps are timed from the interview's own time. */
  | { readonly kind: 'interview' }
  /** An application's last news (an event, or an interview ahead): steps are timed from it. */
  | { readonly kind: 'silence' }
  | { readonly kind: 'schedule' };

export type { StepContext } from './rule-text.ts';

export interface FollowUpRule {
  readonly id: RuleId;
  readonly trigger: RuleTrigger;
  /**
   * The rejection stages the rule serves: a rejection plans it only when it came at one of them.
   * Rules chained on another rule's step (log-feedback) inherit that rule's stages.
   */
  readonly stages: readonly RejectionStage[];
  readonly timing: RuleTiming;
  /** Checked when the step falls due: a step whose condition no longer holds is cancelled, not sent. */
  readonly condition?: 'no-application-since-created' | 'no-news-since-interview' | 'silent-since-last-news';
  /** A button the nudge offers beside Done / Snooze / Skip (silence-ghosted: mark it ghosted). */
  readonly offers?: 'mark-ghosted';
  /** Short title for lists and plans. */
  readonly title: (ctx: StepContext) => string;
  /** What the nudge asks, in a sentence or two. */
  readonly ask: (ctx: StepContext) => string;
  /** Events that close the rule's open steps for the application. */
  readonly endsOn: readonly ('feedback-logged' | 'application-logged')[];
  /** Whether Skip on one step also cancels the rule's later steps for the same application. */
  readonly skipStopsSeries: boolean;
  /** A line for the rejection reply when the rule acts at once (keep-applying). */
  readonly atOnce?: string;
}

const TEN = 10 * 60;
/** After an interview there is an interviewer to thank and ask; before one, only a recruiter or the company. */
const INTERVIEWED: readonly RejectionStage[] = ['interview', 'final', 'offer'];
const NOT_INTERVIEWED: readonly RejectionStage[] = ['applied', 'screen'];

/** A short, polite feedback request the member can adapt and send. */
export function feedbackDraft(ctx: StepContext): string {
  return (
    `"Hello, thank you again for the time you and the team gave me for ${roleAt(ctx)}. ` +
    `If you could spare a few lines: what is one thing I could have shown more clearly, and one skill you would ` +
    `encourage me to strengthen? Anything you share will help me prepare better. Thank you for considering it."`
  );
}

/** A short note to the recruiter before any interview: no interviewer, no time together to thank for. */
export function pointersDraft(ctx: StepContext): string {
  return (
    `"Hello, thank you for letting me know about ${roleAt(ctx)}, and for considering my application. ` +
    `If you have a moment, is there anything you would suggest I strengthen for roles like this one? ` +
    `I would also be glad to hear of future openings that could be a fit."`
  );
}

export const DEFAULT_RULES: readonly FollowUpRule[] = [
  {
    id: 'request-feedback',
    trigger: { kind: 'rejection' },
    stages: INTERVIEWED,
    timing: { kind: 'business-days', days: 1, minute: TEN },
    title: (c) => `Ask for feedback${at(c)}`,
    ask: (c) =>
      `Ask your interviewer${at(c)} for feedback: keep it polite, ask one or two specific questions about what to improve, and thank them for their time. A draft you can adapt:\n${feedbackDraft(c)}`,
    endsOn: ['feedback-logged'],
    skipStopsSeries: false,
  },
  {
    id: 'log-feedback',
    trigger: { kind: 'done', rule: 'request-feedback' },
    stages: INTERVIEWED,
    timing: { kind: 'days', days: 7, minute: TEN },
    title: (c) => `Note what you heard${at(c)}`,
    ask: (c) =>
      `Did${c.company ? ` ${c.company}` : ' they'} answer your feedback request? Read it with an open mind and note the useful part with /feedback${c.company ? ` ${c.company} | what they said` : ''}.`,
    endsOn: ['feedback-logged'],
    skipStopsSeries: false,
  },
  {
    id: 'connect',
    trigger: { kind: 'rejection' },
    stages: INTERVIEWED,
    timing: { kind: 'days', days: 3, minute: TEN },
    title: (c) => `Connect with people${at(c)}`,
    ask: (c) =>
      `Connect with your interviewer and a few people${at(c)} on a professional network, with a short friendly note.`,
    endsOn: [],
    skipStopsSeries: false,
  },
  {
    id: 'recruiter-pointers',
    trigger: { kind: 'rejection' },
    stages: NOT_INTERVIEWED,
    timing: { kind: 'business-days', days: 1, minute: TEN },
    title: (c) => `Ask the recruiter${at(c)} for pointers`,
    ask: (c) =>
      `Send the recruiter${at(c)} a short, friendly note asking if they have any pointers for next time. A draft you can adapt:\n${pointersDraft(c)}`,
    endsOn: ['feedback-logged'],
    skipStopsSeries: false,
  },
  {
    id: 'connect-company',
    trigger: { kind: 'rejection' },
    stages: NOT_INTERVIEWED,
    timing: { kind: 'days', days: 3, minute: TEN },
    title: (c) => `Connect with people${at(c)}`,
    ask: (c) =>
      `Connect with a recruiter or a few people${at(c)} on a professional network, with a short friendly note about the kind of work you are looking for.`,
    endsOn: [],
    skipStopsSeries: false,
  },
  {
    id: 'engage',
    trigger: { kind: 'rejection' },
    stages: INTERVIEWED,
    timing: { kind: 'days', days: 14, minute: TEN },
    title: (c) => `Engage with ${c.company ?? 'the company'}`,
    ask: (c) =>
      `Comment on or share a post from ${c.company ?? 'the company'}, and look for an event where its people will be.`,
    endsOn: [],
    skipStopsSeries: false,
  },
  {
    id: 'stay-in-touch',
    trigger: { kind: 'rejection' },
    stages: REJECTION_STAGES,
    timing: { kind: 'repeat', days: 45, everyDays: 90, times: 3, minute: TEN },
    title: (c) => `Stay in touch with ${c.company ?? 'the company'}`,
    ask: (c) =>
      `Send ${c.company ?? 'them'} a brief note saying you are still interested, and look through their current openings.`,
    endsOn: [],
    skipStopsSeries: true,
  },
  {
    id: 'keep-applying',
    trigger: { kind: 'rejection' },
    stages: REJECTION_STAGES,
    timing: { kind: 'days', days: 7, minute: TEN },
    condition: 'no-application-since-created',
    title: () => 'Line up your next application',
    ask: () =>
      'Pick your next application and tailor your résumé and cover letter to it. Log it with /applied when it is out.',
    endsOn: ['application-logged'],
    skipStopsSeries: false,
    atOnce:
      'Right now: pick the next role to go for and tailor your résumé to it. Momentum is the best answer to a no.',
  },
  {
    id: 'network',
    trigger: { kind: 'schedule' },
    stages: REJECTION_STAGES,
    timing: { kind: 'weekly-at-check-in' },
    title: () => 'One networking step this week',
    ask: () =>
      'This week, do one of these: go to an industry event, join a professional group or mentorship programme, or reach out to one person in your field.',
    endsOn: [],
    skipStopsSeries: false,
  },
  {
    id: 'check-in',
    trigger: { kind: 'schedule' },
    stages: REJECTION_STAGES,
    timing: { kind: 'daily-at-check-in' },
    title: () => 'Daily check-in',
    ask: () => 'How did today go? Reply in the group thread or press Check in.',
    endsOn: [],
    skipStopsSeries: false,
  },
  ...PIPELINE_RULES,
];

export function findRule(rules: readonly FollowUpRule[], id: string): FollowUpRule | undefined {
  return rules.find((r) => r.id === id);
}

/** Whether a group has a rule on: every rule is on until the group switches it off. */
export function ruleIsOn(settings: Readonly<Record<string, RuleSetting>>, id: string): boolean {
  return settings[id]?.enabled !== false;
}

/** The rule with a group's setting applied: null when the group switched it off. */
export function effectiveRule(rule: FollowUpRule, setting: RuleSetting | undefined): FollowUpRule | null {
  if (setting?.enabled === false) return null;
  if (setting?.offsetDays === undefined) return rule;
  const t = rule.timing;
  const days = setting.offsetDays;
  if (t.kind === 'business-days' || t.kind === 'days' || t.kind === 'repeat' || t.kind === 'days-before')
    return { ...rule, timing: { ...t, days } };
  return rule;
}
