import type { CoreDeps } from '../deps.ts';
import { addDays, atLocalTime, inWindow, localDate, localMinuteOfDay } from '../time.ts';
import type { Group, Member } from '../types.ts';
import { checkInAt, nextOnCheckInDay, reminderAt } from './check-in-schedule.ts';
import { memberZone } from '../use-cases/context.ts';
import { inQuietHours, openReminderDays, waitingForReminder } from './send-check-in-reminders.ts';
import { reachableNow } from './send-due-nudges.ts';

/**
 * The next moment after `after` at which a sweep would have something to do: a step falling due,
 * a member with waiting steps coming out of quiet hours or a pause, a group's check-in time (which
 * is also when the weekly network step is made) or reminder time, or a member with a reminder
 * waiting for their quiet hours to end. The console uses it to run
 * the sweep at exactly those moments when it moves its clock; the heartbeat does not need it.
 */
export function nextWake(
  deps: CoreDeps,
  after: Date,
  extra: readonly ((after: Date) => Date | null)[] = [],
): Date | null {
  const candidates: Date[] = [];
  const due = deps.store.followUps.nextDueAfter(after);
  if (due) candidates.push(due);
  const seen = new Set<number>();
  for (const f of deps.store.followUps.listDue(after, 5000)) {
    if (seen.has(f.memberId)) continue;
    seen.add(f.memberId);
    const member = deps.store.members.get(f.memberId);
    const group = member ? deps.store.groups.get(member.groupId) : null;
    if (!member || !group || !member.active || reachableNow(member, group, after)) continue;
    const release = releaseTime(member, group, after);
    if (release) candidates.push(release);
  }
  const groups = deps.store.groups.listAll();
  for (const group of groups) {
    for (const timeOf of [(d: string) => checkInAt(group, d), (d: string) => reminderAt(group, d)]) {
      const t = nextOnCheckInDay(group, after, timeOf);
      if (t) candidates.push(t);
    }
  }
  for (const day of openReminderDays(groups, after)) {
    for (const member of waitingForReminder(deps, day)) {
      if (member.pausedUntil && member.pausedUntil.getTime() > after.getTime()) continue;
      if (!inQuietHours(member, day.group, after)) continue;
      const release = releaseTime(member, day.group, after);
      if (release) candidates.push(release);
    }
  }
  for (const source of extra) {
    const t = source(after);
    if (t) candidates.push(t);
  }
  const later = candidates.filter((t) => t.getTime() > after.getTime());
  return later.length ? new Date(Math.min(...later.map((t) => t.getTime()))) : null;
}

/** When a member who cannot be nudged now next can be: the end of their pause or quiet hours. */
function releaseTime(member: Member, group: Group, after: Date): Date | null {
  const zone = memberZone(member, group);
  let t = after;
  if (member.pausedUntil && member.pausedUntil.getTime() > t.getTime()) t = member.pausedUntil;
  if (inWindow(localMinuteOfDay(t, zone), member.quietStartMinute, member.quietEndMinute)) {
    const today = localDate(t, zone);
    const endToday = atLocalTime(today, member.quietEndMinute, zone);
    t = endToday.getTime() > t.getTime() ? endToday : atLocalTime(addDays(today, 1), member.quietEndMinute, zone);
  }
  return t.getTime() > after.getTime() ? t : null;
}
