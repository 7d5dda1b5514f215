import type { CoreDeps } from '../deps.ts';
import { availability } from './availability.ts';
import { checkInAt, nextOnCheckInDay, reminderAt } from './check-in-schedule.ts';
import { openReminderDays, toRemind, waitingForReminder } from './send-check-in-reminders.ts';

/**
 * The next moment after `after` at which a sweep would have something to do: a step falling due,
 * a member with waiting steps coming out of quiet hours or a pause, a group's check-in time (which
 * is also when the weekly network step is made) or reminder time, or a member with a reminder
 * waiting for their quiet hours to end. The console uses it to run
 * the sweep at exactly those moments when it moves its clock; the heartbeat does not need it.
 */
export async function nextWake(
  deps: CoreDeps,
  after: Date,
  extra: readonly ((after: Date) => Date | null)[] = [],
): Promise<Date | null> {
  const candidates: Date[] = [];
  const due = await deps.store.followUps.nextDueAfter(after);
  if (due) candidates.push(due);
  const seen = new Set<number>();
  for (const f of await deps.store.followUps.listDue(after, 5000)) {
    if (seen.has(f.memberId)) continue;
    seen.add(f.memberId);
    const member = await deps.store.members.get(f.memberId);
    const group = member ? await deps.store.groups.get(member.groupId) : null;
    if (!member || !group) continue;
    const reach = availability(member, group, after);
    if (!reach.reachable && reach.notBefore) candidates.push(reach.notBefore);
  }
  const groups = await deps.store.groups.listAll();
  for (const group of groups) {
    for (const timeOf of [(d: string) => checkInAt(group, d), (d: string) => reminderAt(group, d)]) {
      const t = nextOnCheckInDay(group, after, timeOf);
      if (t) candidates.push(t);
    }
  }
  for (const day of openReminderDays(groups, after)) {
    const waiting = await waitingForReminder(deps, day);
    const remind = await toRemind(deps, day, waiting);
    for (const member of waiting.filter((m) => remind.has(m.id))) {
      // A paused member's reminder day is recorded as paused, not sent later: only quiet hours wait.
      const reach = availability(member, day.group, after);
      // A reminder whose quiet hours outlast the check-in's date is dropped: nothing to wake for.
      if (!reach.reachable && reach.reason === 'quiet-hours' && reach.notBefore.getTime() < day.end.getTime())
        candidates.push(reach.notBefore);
    }
  }
  for (const source of extra) {
    const t = source(after);
    if (t) candidates.push(t);
  }
  const later = candidates.filter((t) => t.getTime() > after.getTime());
  return later.length ? new Date(Math.min(...later.map((t) => t.getTime()))) : null;
}
