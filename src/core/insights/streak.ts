/**
 * The check-in streak: consecutive check-in days (the group's days) with a check-in, counted back
 * from today. Today does not break it while it is still open, and a check-in on a day off adds one
 * without a missing day off ever breaking it.
 */
import { addDays, weekdayOfDate } from '../time.ts';
import type { Weekday } from '../types.ts';

const LOOKBACK_DAYS = 800;

export function checkInStreak(checkedIn: ReadonlySet<string>, today: string, checkInDays: readonly Weekday[]): number {
  const isCheckInDay = (date: string) => checkInDays.length === 0 || checkInDays.includes(weekdayOfDate(date));
  let streak = checkedIn.has(today) ? 1 : 0;
  let day = addDays(today, -1);
  for (let i = 0; i < LOOKBACK_DAYS; i++, day = addDays(day, -1)) {
    if (checkedIn.has(day)) streak++;
    else if (isCheckInDay(day)) break;
  }
  return streak;
}
