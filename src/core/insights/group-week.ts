/**
 * A group's week as the group may see it: entries kept `private` count for nothing, `counts`
 * entries are counted without names, and only `shared` entries are named.
 */
import type { Application, Group, Visibility } from '../types.ts';
import type { ApplicationFact, GroupFacts, InsightWindow } from '../ports/index.ts';
import { addFigures, loggedAndReported, NO_FIGURES, sumDays, tallyDays, type DayTally, type Figures } from './daily.ts';
import type { WeekBounds } from './week.ts';

export interface NamedEntry {
  readonly member: string;
  readonly company: string;
  readonly role: string;
}

/** An offer of the week: the company only when the application is `shared` (null for `counts`). */
export interface OfferEntry {
  readonly member: string;
  readonly company: string | null;
  readonly role: string;
}

export interface Encouragement {
  readonly member: string;
  readonly given: number;
  readonly received: number;
}

export interface GroupWeek {
  readonly week: WeekBounds;
  /** Applications logged with /applied; the figures below are logged ones too, never check-in numbers. */
  readonly applications: number;
  /** What check-ins reported, shown apart: people often report work they also logged. */
  readonly reported: Figures;
  /** The shared ones among them. */
  readonly namedApplications: readonly NamedEntry[];
  readonly interviews: number;
  readonly namedInterviews: readonly NamedEntry[];
  /** Applications moved to offer this week, `private` ones left out. */
  readonly offers: readonly OfferEntry[];
  readonly rejections: number;
  /** Rejections this week about which the member has done at least one follow-up step themselves. */
  readonly rejectionsActedOn: number;
  /** Steps members marked done (not steps an entry closed by itself). */
  readonly followUpsDone: number;
  /** Applications whose feedback request was done this week, and applications with feedback logged. */
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
/** Rules whose done steps asked a company for feedback or pointers. */
const ASKING_RULES = new Set(['request-feedback', 'recruiter-pointers']);

export function groupWeek(group: Group, facts: GroupFacts, week: WeekBounds): GroupWeek {
  const members = new Map(facts.members.map((m) => [m.id, m]));
  const apps = new Map<number, Application>(
    [...facts.referenced, ...facts.applications, ...facts.advanced, ...facts.interviewed].map((a) => [a.id, a]),
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
  // Applications with interview news this week: a move, a rejection after one, or a round held.
  const rounds = facts.interviewed.filter((a) => a.visibility !== 'private');
  const interviews = uniqueById([...interviewRejections, ...advanced, ...rounds]);
  const followUpsDone = facts.followUpsDone.filter((f) => visible(f.memberId, f.applicationId));

  const activities = facts.members.map((m) => ({
    applicationsLogged: logged.filter((a) => a.memberId === m.id).map((a) => a.createdAt),
    followUpsDone: followUpsDone.filter((f) => f.memberId === m.id),
    checkIns: facts.checkIns.filter((c) => c.memberId === m.id),
    countCheckInNumbers: m.visibility !== 'private',
  }));
  // The chart keeps one series per figure: each day the larger of logged and reported.
  const days = sumDays(
    week.days,
    activities.map((a) => tallyDays(week.days, group.timezone, a)),
  );
  const reported = activities
    .map((a) => loggedAndReported(week.days, group.timezone, a).reported)
    .reduce(addFigures, NO_FIGURES);

  const encouragement = facts.members
    .map((m) => ({
      member: m.displayName,
      given: facts.reactions.filter((r) => r.reactorUserId === m.userId).length,
      received: facts.reactions.filter((r) => r.memberId === m.id).length,
    }))
    .filter((e) => e.given > 0 || e.received > 0);

  return {
    week,
    applications: logged.length,
    reported,
    namedApplications: logged.flatMap(named),
    interviews: interviews.length,
    namedInterviews: interviews.flatMap(named),
    offers: facts.offers.flatMap((a): OfferEntry[] =>
      a.visibility === 'private'
        ? []
        : [
            {
              member: members.get(a.memberId)?.displayName ?? 'someone',
              company: a.visibility === 'shared' ? a.company : null,
              role: a.visibility === 'shared' ? a.role : '',
            },
          ],
    ),
    rejections: rejections.length,
    rejectionsActedOn: rejections.filter((r) => r.followUpsDone > 0).length,
    followUpsDone: followUpsDone.length,
    feedbackAsked: distinct(followUpsDone.filter((f) => ASKING_RULES.has(f.ruleId)).map((f) => f.applicationId)),
    feedbackReceived: distinct(
      facts.feedback.filter((f) => visible(f.memberId, f.applicationId)).map((f) => f.applicationId),
    ),
    checkIns: facts.checkIns.length,
    reactions: facts.reactions.length,
    encouragement,
    days,
  };
}

function distinct(ids: readonly (number | null)[]): number {
  return new Set(ids).size;
}

function uniqueById<T extends Application | ApplicationFact>(items: readonly T[]): T[] {
  const seen = new Set<number>();
  return items.filter((a) => (seen.has(a.id) ? false : (seen.add(a.id), true)));
}
