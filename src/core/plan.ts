/** Turning rules into dated steps: pure functions of the rule table, a trigger time and a zone. */
import { effectiveRule, type FollowUpRule, type RuleTrigger } from './rules.ts';
import { addDays, atLocalTime, localDate, nextBusinessDay } from './time.ts';
import type { Group, RejectionStage } from './types.ts';

/** What happened, for planning: a rejection says the stage it came at, which selects its rules. */
export type PlanTrigger = Exclude<RuleTrigger, { kind: 'rejection' }> | { kind: 'rejection'; stage: RejectionStage };

export interface PlannedStep {
  readonly rule: FollowUpRule;
  readonly dueAt: Date;
  readonly occurrence: number;
}

/** When a rule's steps fall due after a trigger at `at`, in the member's zone. */
export function dueTimes(rule: FollowUpRule, at: Date, zone: string): Date[] {
  const t = rule.timing;
  const day = localDate(at, zone);
  switch (t.kind) {
    case 'business-days': {
      let d = day;
      for (let i = 0; i < t.days; i++) d = nextBusinessDay(d);
      return [atLocalTime(d, t.minute, zone)];
    }
    case 'days':
      return [atLocalTime(addDays(day, t.days), t.minute, zone)];
    case 'days-before':
      return [atLocalTime(addDays(day, -t.days), t.minute, zone)];
    case 'repeat':
      return Array.from({ length: t.times }, (_, i) =>
        atLocalTime(addDays(day, t.days + i * t.everyDays), t.minute, zone),
      );
    case 'weekly-at-check-in':
    case 'daily-at-check-in':
      return [];
  }
}

function triggers(rule: FollowUpRule, t: PlanTrigger): boolean {
  const a = rule.trigger;
  if (a.kind !== t.kind) return false;
  if (t.kind === 'rejection') return rule.stages.includes(t.stage);
  return a.kind !== 'done' || (t.kind === 'done' && a.rule === t.rule);
}

/** The group's enabled rejection rules for a stage (the rules that serve it). */
export function rejectionRules(rules: readonly FollowUpRule[], group: Group, stage: RejectionStage): FollowUpRule[] {
  return rules.flatMap((base) => {
    const rule = triggers(base, { kind: 'rejection', stage }) ? effectiveRule(base, group.ruleSettings[base.id]) : null;
    return rule ? [rule] : [];
  });
}

/** Every step the group's enabled rules schedule for one trigger, soonest first. */
export function planSteps(
  rules: readonly FollowUpRule[],
  group: Group,
  trigger: PlanTrigger,
  at: Date,
  zone: string,
): PlannedStep[] {
  const steps: PlannedStep[] = [];
  for (const base of rules) {
    if (!triggers(base, trigger)) continue;
    const rule = effectiveRule(base, group.ruleSettings[base.id]);
    if (!rule) continue;
    dueTimes(rule, at, zone).forEach((dueAt, i) => steps.push({ rule, dueAt, occurrence: i + 1 }));
  }
  return steps.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/**
 * The steps an interview round at `interviewAt` schedules, logged at `now`: a step whose time is
 * already past falls due at once, and a step before the interview (its preparation) is left out
 * once the interview itself is past.
 */
export function planInterviewSteps(
  rules: readonly FollowUpRule[],
  group: Group,
  interviewAt: Date,
  now: Date,
  zone: string,
): PlannedStep[] {
  const past = interviewAt.getTime() <= now.getTime();
  return planSteps(rules, group, { kind: 'interview' }, interviewAt, zone)
    .filter((s) => !(past && s.rule.timing.kind === 'days-before'))
    .map((s) => (s.dueAt.getTime() < now.getTime() ? { ...s, dueAt: now } : s));
}
