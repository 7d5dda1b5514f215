/**
 * Conditional rules, checked when their steps fall due: a step whose condition no longer holds is
 * closed, not sent. Keep-applying waits for no application logged since the step was made; an
 * interview's "no answer yet?" for no news on the application since the interview. A silence step
 * whose application had news since it was timed moves to its new time instead (see
 * use-cases/schedule-silence.ts), and closes when the application no longer waits for an answer.
 */
import type { DueStep, Store } from '../ports/index.ts';
import { planSteps } from '../plan.ts';
import type { FollowUpRule } from '../rules.ts';
import type { Group, Interview, Member } from '../types.ts';
import { memberZone } from '../use-cases/context.ts';
import { AWAITING } from '../use-cases/schedule-silence.ts';

export interface ConditionCheck {
  /** The steps still to send, per member (members left with none are gone). */
  readonly ready: Map<number, DueStep[]>;
  readonly cancelled: number;
  /** The interview rounds the remaining steps are about, by id, for their wording. */
  readonly interviews: ReadonlyMap<number, Interview>;
}

export async function checkConditions(
  store: Store,
  rules: readonly FollowUpRule[],
  ready: ReadonlyMap<number, DueStep[]>,
  now: Date,
  groupOf: (member: Member) => Group,
): Promise<ConditionCheck> {
  const ruleIds = (condition: FollowUpRule['condition']) =>
    new Set<string>(rules.filter((r) => r.condition === condition).map((r) => r.id));
  const keepApplying = ruleIds('no-application-since-created');
  const chase = ruleIds('no-news-since-interview');
  const silence = ruleIds('silent-since-last-news');
  const steps = [...ready.values()].flat();

  const askLatest = [...ready].filter(([, s]) => s.some((x) => keepApplying.has(x.followUp.ruleId))).map(([id]) => id);
  const latest = askLatest.length ? await store.applications.latestCreatedAt(askLatest) : new Map<number, Date>();
  const interviewIds = steps.flatMap((s) => (s.followUp.interviewId === null ? [] : [s.followUp.interviewId]));
  const interviews = interviewIds.length ? await store.interviews.getMany(interviewIds) : new Map<number, Interview>();
  // News, read in one pass for the applications with a chase or silence step due: the newest
  // event, or an interview round's time when later (a round ahead counts at its own time).
  const asked = steps.flatMap((s) =>
    (chase.has(s.followUp.ruleId) || silence.has(s.followUp.ruleId)) && s.followUp.applicationId !== null
      ? [s.followUp.applicationId]
      : [],
  );
  const latestNews = asked.length ? await store.applications.latestNews(asked) : new Map<number, Date>();
  // A silence step timed before the application's latest news: when it is due now.
  const silenceDue = (s: DueStep): Date | null => {
    const news = s.followUp.applicationId === null ? undefined : latestNews.get(s.followUp.applicationId);
    if (!news) return null;
    const group = groupOf(s.member);
    const step = planSteps(rules, group, { kind: 'silence' }, news, memberZone(s.member, group)).find(
      (p) => p.rule.id === s.followUp.ruleId,
    );
    return step?.dueAt ?? null;
  };

  const stale = (s: DueStep): boolean => {
    const f = s.followUp;
    if (keepApplying.has(f.ruleId)) {
      const last = latest.get(f.memberId);
      return last !== undefined && last.getTime() > f.createdAt.getTime();
    }
    // An application that no longer waits for an answer (or is gone) has no silence to break.
    if (silence.has(f.ruleId)) return true;
    if (chase.has(f.ruleId)) {
      const interview = f.interviewId === null ? undefined : interviews.get(f.interviewId);
      // News after the interview: an event then, or a later round (whose time is after this one's).
      const news = f.applicationId === null ? undefined : latestNews.get(f.applicationId);
      return interview !== undefined && news !== undefined && news.getTime() > interview.at.getTime();
    }
    return false;
  };

  let cancelled = 0;
  const kept = new Map<number, DueStep[]>();
  for (const [memberId, list] of ready) {
    const keep: DueStep[] = [];
    for (const s of list) {
      if (silence.has(s.followUp.ruleId) && s.application && AWAITING.has(s.application.status)) {
        const due = silenceDue(s);
        if (due && due.getTime() > now.getTime()) await store.followUps.update(s.followUp.id, { dueAt: due }, now);
        else keep.push(s);
        continue;
      }
      if (!stale(s)) keep.push(s);
      else {
        await store.followUps.update(s.followUp.id, { status: 'cancelled' }, now);
        cancelled++;
      }
    }
    if (keep.length) kept.set(memberId, keep);
  }
  return { ready: kept, cancelled, interviews };
}
