/**
 * Weeks run Monday to Sunday in someone's own timezone: a member in Auckland starts their week
 * while it is still Sunday evening for a member in Los Angeles.
 */
import { DateTime } from 'luxon';

export interface WeekBounds {
  /** The first instant of the local Monday. */
  readonly start: Date;
  /** The first instant of the next local Monday (exclusive). */
  readonly end: Date;
  /** The seven local dates, Monday first, `YYYY-MM-DD`. */
  readonly days: readonly string[];
  /** ISO week label, `2026-W48`. */
  readonly isoWeek: string;
  readonly zone: string;
}

/** The local week that contains `instant` in `zone`. */
export function weekOf(instant: Date, zone: string): WeekBounds {
  return weekStarting(DateTime.fromJSDate(instant, { zone }).startOf('week'), zone);
}

/** The local week before the one that contains `instant`. */
export function previousWeek(instant: Date, zone: string): WeekBounds {
  return weekStarting(DateTime.fromJSDate(instant, { zone }).startOf('week').minus({ weeks: 1 }), zone);
}

function weekStarting(monday: DateTime, zone: string): WeekBounds {
  const days = Array.from({ length: 7 }, (_, i) => monday.plus({ days: i }).toISODate() ?? '');
  return {
    start: monday.toJSDate(),
    end: monday.plus({ weeks: 1 }).toJSDate(),
    days,
    isoWeek: monday.toFormat("kkkk-'W'WW"),
    zone,
  };
}

/** Whole local calendar days from `from` to `to` (0 when on the same local day). */
export function calendarDaysBetween(from: Date, to: Date, zone: string): number {
  const a = DateTime.fromJSDate(from, { zone }).startOf('day');
  const b = DateTime.fromJSDate(to, { zone }).startOf('day');
  return Math.round(b.diff(a, 'days').days);
}

/** "23 Nov", for week headings. */
export function shortDate(date: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).setLocale('en-GB').toFormat('d LLL');
}
