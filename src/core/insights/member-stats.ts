/** One member's figures for /stats and /goal, from their stored facts. */
import type { MemberFacts } from '../ports/index.ts';
import { localDate } from '../time.ts';
import type { Goal } from '../types.ts';
import { bounceBacks } from './bounce-back.ts';
import { loggedAndReported, tallyDays, totalOf, type DayTally, type Figures, type MemberActivity } from './daily.ts';
import { historiesOf, pipeline, rejectedAt } from './funnel.ts';
import type { MyStats } from './render.ts';
import { shortDate, weekOf, type WeekBounds } from './week.ts';

/** The member's week so far, Monday to Sunday in their own zone. */
export function memberWeekDays(facts: MemberFacts, week: WeekBounds): DayTally[] {
  return tallyDays(week.days, week.zone, activityOf(facts));
}

/** The member's week split into what they logged and what their check-ins reported. */
export function memberWeekSources(facts: MemberFacts, week: WeekBounds): { logged: Figures; reported: Figures } {
  return loggedAndReported(week.days, week.zone, activityOf(facts));
}

function activityOf(facts: MemberFacts): MemberActivity {
  return {
    applicationsLogged: facts.applications.filter((a) => !a.viaRejection).map((a) => a.createdAt),
    followUpsDone: facts.followUpsDone,
    checkIns: facts.checkIns,
    countCheckInNumbers: true,
  };
}

/** `streak` comes from the check-in rules (the same count the check-in reply shows). */
export function myStats(facts: MemberFacts, goal: Goal | null, streak: number, zone: string, now: Date): MyStats {
  const week = weekOf(now, zone);
  const companies = new Map(facts.applications.map((a) => [a.id, a.company]));
  return {
    week,
    goal:
      goal && (goal.applications > 0 || goal.networking > 0)
        ? { applications: goal.applications, networking: goal.networking }
        : null,
    thisWeek: totalOf(memberWeekDays(facts, week)),
    sources: memberWeekSources(facts, week),
    streak,
    totals: {
      applications: facts.applications.length,
      rejections: facts.rejections.length,
      // Feedback is counted by application: two notes from one company are one company's feedback.
      feedback: new Set(facts.feedback.map((f) => f.applicationId)).size,
      followUpsDone: facts.followUpsDone.length,
      checkIns: facts.checkIns.length,
      reactionsReceived: facts.reactionsReceived,
      reactionsGiven: facts.reactionsGiven,
    },
    pipeline: pipeline(historiesOf(facts.applications, facts.events, facts.rejections), now, zone),
    rejectedAt: rejectedAt(facts.rejections),
    lessons: facts.feedback.map((f) => ({ company: companies.get(f.applicationId) ?? 'a company', text: f.text })),
    bounceBacks: bounceBacks(facts.rejections, facts.applications, zone).map((b) => ({
      ...b,
      company: companies.get(b.rejection.applicationId) ?? 'a company',
      date: shortDate(localDate(b.rejection.rejectedOn, zone)),
    })),
  };
}
