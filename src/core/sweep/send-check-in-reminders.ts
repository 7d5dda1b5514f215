import type { CoreDeps } from '../deps.ts';
import { checkInReminder } from '../render/check-ins.ts';
import { addDays } from '../time.ts';
import type { Group, Member } from '../types.ts';
import { availability } from './availability.ts';
import { checkInAt, groupDate, hasCheckIns, isCheckInDay, REMINDER_GRACE_MS, reminderAt } from './check-in-schedule.ts';
import { sendToMember, type RetryPolicy } from './deliver.ts';
import { ledgerClaim, ledgerKey } from './ledger-keys.ts';

export interface ReminderReport {
  readonly sent: number;
  readonly deferred: number;
  readonly paused: number;
  readonly failed: number;
}

/** A check-in day whose reminder time has passed by less than the grace period. */
export interface OpenReminderDay {
  readonly group: Group;
  readonly date: string;
  readonly at: Date;
}

/**
 * A member's ledger entry for a reminder day: the reminder, or the record that they were paused
 * then (nothing is sent, and the day does not break their streak). Both take the same key.
 */
function reminderEntry(kind: 'reminder' | 'reminder-paused', member: Member, group: Group, date: string) {
  return { kind, memberId: member.id, groupId: group.id, localDate: date } as const;
}

const reminderKey = (member: Member, group: Group, date: string) =>
  ledgerKey(reminderEntry('reminder', member, group, date));

export function openReminderDays(groups: readonly Group[], now: Date): OpenReminderDay[] {
  const open: OpenReminderDay[] = [];
  for (const group of groups.filter(hasCheckIns)) {
    const today = groupDate(group, now);
    for (const date of [addDays(today, -1), today]) {
      // A day whose check-in came before the group existed has nothing to remind of.
      if (!isCheckInDay(group, date) || group.createdAt.getTime() > checkInAt(group, date).getTime()) continue;
      const at = reminderAt(group, date);
      const age = now.getTime() - at.getTime();
      if (age >= 0 && age < REMINDER_GRACE_MS) open.push({ group, date, at });
    }
  }
  return open;
}

/**
 * Members of an open reminder day who still have nothing from it: active, with reminders on, joined
 * before reminder time, not checked in, and with no ledger entry for the day yet.
 */
export function waitingForReminder(deps: CoreDeps, day: OpenReminderDay): Member[] {
  const checkedIn = deps.store.checkIns.memberIdsCheckedIn(day.group.id, day.date);
  const members = deps.store.members
    .listByGroup(day.group.id, { activeOnly: true })
    .filter((m) => m.checkInReminders && !checkedIn.has(m.id) && m.joinedAt.getTime() <= day.at.getTime());
  const handled = deps.store.deliveries.existingKeys(members.map((m) => reminderKey(m, day.group, day.date)));
  return members.filter((m) => !handled.has(reminderKey(m, day.group, day.date)));
}

/**
 * At reminder time on a check-in day, a reminder to each member who has not checked in. A paused
 * member gets none (the day is recorded as paused); a member in quiet hours gets it when they end;
 * a reminder that could not go out within 12 hours of its time is dropped.
 */
export async function sendCheckInReminders(
  deps: CoreDeps,
  owner: string,
  policy: RetryPolicy,
): Promise<ReminderReport> {
  const now = deps.clock.now();
  let sent = 0;
  let deferred = 0;
  let paused = 0;
  let failed = 0;
  for (const day of openReminderDays(deps.store.groups.listAll(), now)) {
    const { group, date } = day;
    const waiting = waitingForReminder(deps, day);
    if (waiting.length === 0) continue;
    const pausedNow: Member[] = [];
    const ready: Member[] = [];
    for (const m of waiting) {
      const a = availability(m, group, now);
      if (a.reachable) ready.push(m);
      else if (a.reason === 'paused') pausedNow.push(m);
      else deferred++;
    }
    const owned = deps.store.transaction(() => {
      const skipped = deps.store.deliveries.claimMany(
        pausedNow.map((m) => ledgerClaim(reminderEntry('reminder-paused', m, group, date), group.workspace, owner)),
        now,
      );
      for (const key of skipped) deps.store.deliveries.markSent(key, null, now);
      paused += skipped.size;
      return deps.store.deliveries.claimMany(
        ready.map((m) => ledgerClaim(reminderEntry('reminder', m, group, date), group.workspace, owner)),
        now,
      );
    });
    for (const member of ready.filter((m) => owned.has(reminderKey(m, group, date)))) {
      const result = await sendToMember(
        deps,
        {
          member,
          group,
          message: checkInReminder(group.id, date, group.name),
          channelIntro: 'I could not reach you by direct message, so here is your reminder:',
        },
        { keys: [reminderKey(member, group, date)], owner, what: 'check-in reminder' },
        policy,
      );
      if (result.outcome === 'sent') sent++;
      else failed++;
    }
  }
  return { sent, deferred, paused, failed };
}
