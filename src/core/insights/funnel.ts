/**
 * The pipeline funnel, read from each application's history: how many applications reached each
 * step (applied → screening → interviewing → offer → accepted), how soon a first answer came, and
 * how many heard nothing in their first two weeks.
 */
import type { ApplicationFact } from '../ports/index.ts';
import type { ApplicationEvent, ApplicationStatus, Rejection, RejectionStage } from '../types.ts';
import { calendarDaysBetween } from './week.ts';

export const FUNNEL_STEPS = ['applied', 'screening', 'interviewing', 'offer', 'accepted'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** How far a status puts an application; rejected, withdrawn and ghosted put it nowhere further. */
const STATUS_STEP: Readonly<Partial<Record<ApplicationStatus, number>>> = {
  applied: 0,
  screening: 1,
  interviewing: 2,
  offer: 3,
  accepted: 4,
};

/** A rejection report says how far the application had got before the no. */
const REJECTION_STEP: Readonly<Record<RejectionStage, number>> = {
  applied: 0,
  screen: 1,
  interview: 2,
  final: 2,
  offer: 3,
};

/** Statuses that are the company answering; ghosted and withdrawn are not. */
const ANSWERS: ReadonlySet<ApplicationStatus> = new Set(['screening', 'interviewing', 'offer', 'accepted', 'rejected']);

/** An application with no answer within this many days (24 hours each) of being logged is silent. */
export const SILENCE_DAYS = 14;
const SILENCE_MS = SILENCE_DAYS * 24 * 60 * 60 * 1000;

/** One application and everything that happened to it. */
export interface ApplicationHistory {
  readonly application: ApplicationFact;
  /** Its status events, oldest first; the first is its logging. */
  readonly events: readonly ApplicationEvent[];
  readonly rejections: readonly Rejection[];
}

export interface Pipeline {
  /** Applications that reached each step, or a later one. */
  readonly reached: Readonly<Record<FunnelStep, number>>;
  /** Percent of the step before that reached this one (rounded); null for `applied` and after a step of 0. */
  readonly conversion: Readonly<Record<FunnelStep, number | null>>;
  /** Median calendar days from logging to the first answer, over the applications answered; null when none is. */
  readonly medianDaysToAnswer: number | null;
  /** How many applications that median is over. */
  readonly answered: number;
  /** Of the applications logged at least 14 days ago, those with no answer in their first 14 days. */
  readonly silent: number;
  readonly silentOf: number;
}

/** Puts each application together with its events and rejection reports (one pass over each list). */
export function historiesOf(
  applications: readonly ApplicationFact[],
  events: readonly ApplicationEvent[],
  rejections: readonly Rejection[],
): ApplicationHistory[] {
  const eventsOf = groupBy(events, (e) => e.applicationId);
  const rejectionsOf = groupBy(rejections, (r) => r.applicationId);
  return applications.map((application) => ({
    application,
    events: [...(eventsOf.get(application.id) ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id),
    rejections: rejectionsOf.get(application.id) ?? [],
  }));
}

/** The furthest step the application reached, by its events, its current status and its rejection reports. */
export function furthestStep(h: ApplicationHistory): number {
  const steps = [
    0,
    STATUS_STEP[h.application.status] ?? 0,
    ...h.events.map((e) => STATUS_STEP[e.status] ?? 0),
    ...h.rejections.map((r) => REJECTION_STEP[r.stage]),
  ];
  return Math.max(...steps);
}

/**
 * When the company first answered: the first event after the logging that is an answer, or a
 * rejection report, whichever came first. Null when none came, and for an application that a
 * rejection report created (it was logged with its answer: when it was sent is not known).
 */
export function firstAnswerAt(h: ApplicationHistory): Date | null {
  if (h.application.viaRejection) return null;
  const times = [
    ...h.events.slice(1).flatMap((e) => (ANSWERS.has(e.status) ? [e.at] : [])),
    ...h.rejections.map((r) => r.rejectedOn),
  ];
  if (times.length === 0) return null;
  return new Date(Math.min(...times.map((t) => t.getTime())));
}

/** Calendar days in `zone` from logging to the first answer; null while there is none. */
export function daysToAnswer(h: ApplicationHistory, zone: string): number | null {
  const answer = firstAnswerAt(h);
  return answer ? calendarDaysBetween(h.application.createdAt, answer, zone) : null;
}

/** True when the application was logged at least 14 days before `now` and no answer came in those 14 days. */
export function silentAfterFourteenDays(h: ApplicationHistory, now: Date): boolean | null {
  if (h.application.viaRejection) return null;
  const deadline = h.application.createdAt.getTime() + SILENCE_MS;
  if (deadline > now.getTime()) return null;
  const answer = firstAnswerAt(h);
  return answer === null || answer.getTime() >= deadline;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Percent of `of` that `part` is, rounded; null when `of` is 0. */
export function percent(part: number, of: number): number | null {
  return of === 0 ? null : Math.round((100 * part) / of);
}

export function pipeline(histories: readonly ApplicationHistory[], now: Date, zone: string): Pipeline {
  const furthest = histories.map(furthestStep);
  const reached = Object.fromEntries(
    FUNNEL_STEPS.map((step, i) => [step, furthest.filter((f) => f >= i).length]),
  ) as Record<FunnelStep, number>;
  const conversion = Object.fromEntries(
    FUNNEL_STEPS.map((step, i) => {
      const before = FUNNEL_STEPS[i - 1];
      return [step, before === undefined ? null : percent(reached[step], reached[before])];
    }),
  ) as Record<FunnelStep, number | null>;
  const days = histories.flatMap((h) => daysToAnswer(h, zone) ?? []);
  const silence = histories.flatMap((h) => silentAfterFourteenDays(h, now) ?? []);
  return {
    reached,
    conversion,
    medianDaysToAnswer: median(days),
    answered: days.length,
    silent: silence.filter(Boolean).length,
    silentOf: silence.length,
  };
}

/** Rejection reports at each stage. */
export function rejectedAt(rejections: readonly Rejection[]): Record<RejectionStage, number> {
  const counts: Record<RejectionStage, number> = { applied: 0, screen: 0, interview: 0, final: 0, offer: 0 };
  for (const r of rejections) counts[r.stage]++;
  return counts;
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
