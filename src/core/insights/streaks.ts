/** Check-in streaks: a pure function of the days someone checked in and the days that are excused. */
import { addDays } from '../time.ts';

export interface StreakInput {
  /** Local dates (`YYYY-MM-DD`) with a check-in. */
  readonly checkedIn: ReadonlySet<string>;
  /** The local date today. Not having checked in yet today does not break a streak. */
  readonly today: string;
  /** Whether a date is one of the group's check-in days. */
  readonly isCheckInDay: (date: string) => boolean;
  /** Dates the member was paused: they neither count nor break a streak. */
  readonly paused: ReadonlySet<string>;
}

/**
 * Consecutive check-in days with a check-in, counting back from today. Days that are not check-in
 * days and paused days are passed over; a check-in day with no check-in ends the streak.
 */
export function checkInStreak(input: StreakInput): number {
  if (input.checkedIn.size === 0) return 0;
  const earliest = [...input.checkedIn].reduce((a, b) => (a < b ? a : b));
  let streak = 0;
  let date = input.today;
  if (!input.checkedIn.has(date)) date = addDays(date, -1);
  for (; date >= earliest; date = addDays(date, -1)) {
    if (input.checkedIn.has(date)) {
      if (input.isCheckInDay(date)) streak++;
      continue;
    }
    if (!input.isCheckInDay(date) || input.paused.has(date)) continue;
    break;
  }
  return streak;
}
