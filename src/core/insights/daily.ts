/**
 * Per-day counts for one person. A check-in reports numbers the member may also have logged one by
 * one (/applied, Done on a step), so each day counts the larger of the two, never their sum.
 */
import { localDate } from '../time.ts';
import type { CheckIn } from '../types.ts';

/** Rules whose done steps are networking actions. */
export const NETWORKING_RULES: readonly string[] = ['network', 'connect', 'engage', 'stay-in-touch'];

export interface DayTally {
  /** Local date, `YYYY-MM-DD`. */
  readonly date: string;
  readonly applications: number;
  readonly networking: number;
  readonly followUpsDone: number;
  readonly checkIns: number;
}

export interface MemberActivity {
  /** When each application was logged. */
  readonly applicationsLogged: readonly Date[];
  readonly followUpsDone: readonly { readonly doneAt: Date; readonly ruleId: string }[];
  /** Check-ins; `counted` false keeps the day's check-in but ignores its numbers. */
  readonly checkIns: readonly CheckIn[];
  readonly countCheckInNumbers: boolean;
}

/** One member's tally for each of `days`, reading instants in `zone`. */
export function tallyDays(days: readonly string[], zone: string, activity: MemberActivity): DayTally[] {
  const logged = countBy(activity.applicationsLogged.map((t) => localDate(t, zone)));
  const done = countBy(activity.followUpsDone.map((f) => localDate(f.doneAt, zone)));
  const networked = countBy(
    activity.followUpsDone.filter((f) => NETWORKING_RULES.includes(f.ruleId)).map((f) => localDate(f.doneAt, zone)),
  );
  const checkIns = new Map(activity.checkIns.map((c) => [c.localDate, c]));
  return days.map((date) => {
    const c = checkIns.get(date);
    const reported = c && activity.countCheckInNumbers ? c : null;
    return {
      date,
      applications: Math.max(logged.get(date) ?? 0, reported?.applications ?? 0),
      networking: Math.max(networked.get(date) ?? 0, reported?.networking ?? 0),
      followUpsDone: Math.max(done.get(date) ?? 0, reported?.followUpsDone ?? 0),
      checkIns: c ? 1 : 0,
    };
  });
}

/** Three figures of a week, as logged one by one or as reported in check-ins. */
export interface Figures {
  readonly applications: number;
  readonly networking: number;
  readonly followUpsDone: number;
}

/** What was logged and what check-ins reported over `days`, kept apart (never added together). */
export function loggedAndReported(
  days: readonly string[],
  zone: string,
  activity: MemberActivity,
): { readonly logged: Figures; readonly reported: Figures } {
  const inDays = (date: string) => days.includes(date);
  const done = activity.followUpsDone.filter((f) => inDays(localDate(f.doneAt, zone)));
  const checkIns = activity.countCheckInNumbers ? activity.checkIns.filter((c) => inDays(c.localDate)) : [];
  return {
    logged: {
      applications: activity.applicationsLogged.filter((t) => inDays(localDate(t, zone))).length,
      networking: done.filter((f) => NETWORKING_RULES.includes(f.ruleId)).length,
      followUpsDone: done.length,
    },
    reported: {
      applications: sum(checkIns.map((c) => c.applications)),
      networking: sum(checkIns.map((c) => c.networking)),
      followUpsDone: sum(checkIns.map((c) => c.followUpsDone)),
    },
  };
}

export function addFigures(a: Figures, b: Figures): Figures {
  return {
    applications: a.applications + b.applications,
    networking: a.networking + b.networking,
    followUpsDone: a.followUpsDone + b.followUpsDone,
  };
}

export const NO_FIGURES: Figures = { applications: 0, networking: 0, followUpsDone: 0 };

/** Adds tallies day by day (all arrays cover the same days). */
export function sumDays(days: readonly string[], tallies: readonly (readonly DayTally[])[]): DayTally[] {
  return days.map((date, i) => ({
    date,
    applications: sum(tallies.map((t) => t[i]?.applications ?? 0)),
    networking: sum(tallies.map((t) => t[i]?.networking ?? 0)),
    followUpsDone: sum(tallies.map((t) => t[i]?.followUpsDone ?? 0)),
    checkIns: sum(tallies.map((t) => t[i]?.checkIns ?? 0)),
  }));
}

export function totalOf(days: readonly DayTally[]): Omit<DayTally, 'date'> {
  return {
    applications: sum(days.map((d) => d.applications)),
    networking: sum(days.map((d) => d.networking)),
    followUpsDone: sum(days.map((d) => d.followUpsDone)),
    checkIns: sum(days.map((d) => d.checkIns)),
  };
}

function countBy(keys: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
