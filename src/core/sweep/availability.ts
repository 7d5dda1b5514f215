/**
 * Whether a member can be reached now, and if not, from when: the one answer nudges, reminders and
 * the next wake-up all use, so they never disagree about a pause or quiet hours.
 */
import { addDays, atLocalTime, inWindow, localDate, localMinuteOfDay } from '../time.ts';
import type { Group, Member } from '../types.ts';
import { memberZone } from '../use-cases/context.ts';

export type Availability =
  | { readonly reachable: true }
  | {
      readonly reachable: false;
      /** What holds them back now; a pause wins over quiet hours when both apply. */
      readonly reason: 'paused' | 'quiet-hours';
      /** The first instant they can be reached: a pause that ends in quiet hours waits for their end. */
      readonly notBefore: Date;
    }
  /** They left the group: nothing reaches them until they come back, which no clock can tell. */
  | { readonly reachable: false; readonly reason: 'left'; readonly notBefore: null };

const REACHABLE: Availability = { reachable: true };

/** The member's availability at `now`, quiet hours read in their own timezone (else the group's). */
export function availability(member: Member, group: Group, now: Date): Availability {
  if (!member.active) return { reachable: false, reason: 'left', notBefore: null };
  const zone = memberZone(member, group);
  const paused = member.pausedUntil !== null && member.pausedUntil.getTime() > now.getTime();
  const from = paused && member.pausedUntil ? member.pausedUntil : now;
  const quietEnd = endOfQuietHours(member, zone, from);
  if (!paused && quietEnd === null) return REACHABLE;
  return { reachable: false, reason: paused ? 'paused' : 'quiet-hours', notBefore: quietEnd ?? from };
}

/** The end of the quiet hours `at` falls in (today's or tomorrow's, local time), or null when it falls in none. */
function endOfQuietHours(member: Member, zone: string, at: Date): Date | null {
  if (!inWindow(localMinuteOfDay(at, zone), member.quietStartMinute, member.quietEndMinute)) return null;
  const today = localDate(at, zone);
  const endToday = atLocalTime(today, member.quietEndMinute, zone);
  return endToday.getTime() > at.getTime() ? endToday : atLocalTime(addDays(today, 1), member.quietEndMinute, zone);
}
