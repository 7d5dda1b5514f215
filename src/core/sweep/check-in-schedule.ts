/**
 * When a group's daily check-in and its reminder happen: pure functions of the group's settings
 * and an instant, in the group's timezone.
 */
import { DateTime } from 'luxon';
import { addDays, atLocalTime, localDate, weekdayOfDate } from '../time.ts';
import { ruleIsOn } from '../rules.ts';
import type { Group } from '../types.ts';

export function isCheckInDay(group: Group, date: string): boolean {
  return group.checkInDays.includes(weekdayOfDate(date));
}

/** Whether the group has its daily check-in (the `check-in` rule) on: off, no post and no reminder. */
export function hasCheckIns(group: Group): boolean {
  return ruleIsOn(group.ruleSettings, 'check-in');
}

export function checkInAt(group: Group, date: string): Date {
  return atLocalTime(date, group.checkInMinute, group.timezone);
}

export function reminderAt(group: Group, date: string): Date {
  return atLocalTime(date, group.reminderMinute, group.timezone);
}

/** The first instant of a group's local date. */
export function startOfDate(group: Group, date: string): Date {
  return atLocalTime(date, 0, group.timezone);
}

/** The first instant after a group's local date: a reminder for the date is never sent from then on. */
export function endOfDate(group: Group, date: string): Date {
  return atLocalTime(addDays(date, 1), 0, group.timezone);
}

/** The group's local date at an instant. */
export function groupDate(group: Group, at: Date): string {
  return localDate(at, group.timezone);
}

/** ISO week of a date, `2026-W48`: the weekly network step is made once per member per week. */
export function isoWeek(date: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).toFormat("kkkk-'W'WW");
}

/** The date of the group's first check-in day in the ISO week of `date`, or null when it has none. */
export function firstCheckInDayOfWeek(group: Group, date: string): string | null {
  if (group.checkInDays.length === 0) return null;
  const monday = addDays(date, 1 - weekdayOfDate(date));
  return addDays(monday, Math.min(...group.checkInDays) - 1);
}

/** The next instant strictly after `after` at which `timeOf` a check-in day falls (looks 8 days ahead). */
export function nextOnCheckInDay(group: Group, after: Date, timeOf: (date: string) => Date): Date | null {
  const today = groupDate(group, after);
  for (let i = 0; i <= 8; i++) {
    const date = addDays(today, i);
    if (!isCheckInDay(group, date)) continue;
    const t = timeOf(date);
    if (t.getTime() > after.getTime()) return t;
  }
  return null;
}
