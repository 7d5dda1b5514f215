/**
 * A group's week as the group may see it: entries kept `private` count for nothing, `counts`
 * entries are counted without names, and only `shared` entries are named.
 */
import type { Application, Group, Visibility } from '../types.ts';
import type { ApplicationFact, GroupFacts, InsightWindow } from '../ports/index.ts';
import { sumDays, tallyDays, totalOf, type DayTally } from './daily.ts';
import type { WeekBounds } from './week.ts';

export interface NamedEntry {
  readonly member: string;
  readonly company: string;
  readonly role: string;
}

export interface Encouragement {
  readonly member: string;
  readonly given: number;
  readonly received: number;
}

export interface GroupWeek {
  readonly week: WeekBounds;
  readonly applications: number;
  /** The shared ones among them. */
  readonly namedApplications: readonly NamedEntry[];
  readonly interviews: number;
  readonly namedInterviews: readonly NamedEntry[];
  readonly rejections: number;
  /** Rejections this week about which at least one follow-up step has been done. */
  readonly rejectionsActedOn: number;
  readonly followUpsDone: number;
  readonly feedbackAsked: number;
  readonly feedbackReceived: number;
  readonly checkIns: number;
  readonly reactions: number;
  /** Members who gave or received encouragement, in member order. */
  readonly encouragement: readonly Encouragement[];
  readonly days: readonly DayTally[];
}

export function windowOf(week: WeekBounds): InsightWindow {
  return { from: week.start, to: week.end, firstDate: week.days[0] ?? '', lastDate: week.days[6] ?? '' };
}

const INTERVIEW_STAGES = new Set(['interview', 'final', 'offer']);

export function groupWeek(group: Group, facts: GroupFacts, week: WeekBounds): GroupWeek {
  const members = new Map(facts.members.map((m) => [m.id, m]));
  const apps = new Map<number, Application>(
    [...facts.referenced, ...facts.applications, ...facts.advanced].map((a) => [a.id, a]),
  );
  const visibilityOf = (memberId: number, applicationId: number | null): Visibility =>
    applicationId !== null
      ? (apps.get(applicationId)?.visibility ?? 'private')
      : (members.get(memberId)?.visibility ?? 'private');
  const visible = (memberId: number, applicationId: number | null) =>
    visibilityOf(memberId, applicationId) !== 'private';
  const named = (a: Application): NamedEntry[] =>
    a.visibility === 'shared'
      ? [{ member: members.get(a.memberId)?.displayName ?? 'someone', company: a.company, role: a.role }]
      : [];

  const logged = facts.applications.filter((a) => !a.viaRejection && a.visibility !== 'private');
  const rejections = facts.rejections.filter((r) => visible(r.memberId, r.applicationId));
  const interviewRejections = rejections
    .filter((r) => INTERVIEW_STAGES.has(r.stage))
    .flatMap((r) => apps.get(r.applicationId) ?? []);
  const advanced = facts.advanced.filter((a) => a.visibility !== 'private');
  const interviews = uniqueById([...interviewRejections, ...advanced]);
  const followUpsDone = facts.followUpsDone.filter((f) => visible(f.memberId, f.applicationId));

  const days = sumDays(
    week.days,
    facts.members.map((m) =>
      tallyDays(week.days, group.timezone, {
        applicationsLogged: logged.filter((a) => a.memberId === m.id).map((a) => a.createdAt),
        followUpsDone: followUpsDone.filter((f) => f.memberId === m.id),
        checkIns: facts.checkIns.filter((c) => c.memberId === m.id),
        countCheckInNumbers: m.visibility !== 'private',
      }),
    ),
  );
  const totals = totalOf(days);

  const encouragement = facts.members
    .map((m) => ({
      member: m.displayName,
      given: facts.reactions.filter((r) => r.reactorUserId === m.userId).length,
      received: facts.reactions.filter((r) => r.memberId === m.id).length,
    }))
    .filter((e) => e.given > 0 || e.received > 0);

  return {
    week,
    applications: totals.applications,
    namedApplications: logged.flatMap(named),
    interviews: interviews.length,
    namedInterviews: interviews.flatMap(named),
    rejections: rejections.length,
    rejectionsActedOn: rejections.filter((r) => r.followUpsDone > 0).length,
    followUpsDone: totals.followUpsDone,
    feedbackAsked: followUpsDone.filter((f) => f.ruleId === 'request-feedback').length,
    feedbackReceived: facts.feedback.filter((f) => visible(f.memberId, f.applicationId)).length,
    checkIns: facts.checkIns.length,
    reactions: facts.reactions.length,
    encouragement,
    days,
  };
}

function uniqueById<T extends Application | ApplicationFact>(items: readonly T[]): T[] {
  const seen = new Set<number>();
  return items.filter((a) => (seen.has(a.id) ? false : (seen.add(a.id), true)));
}
