import type { CoreDeps } from '../deps.ts';
import { checkInReminder } from '../render/check-ins.ts';
import type { Group, Member } from '../types.ts';
import { availability } from './availability.ts';
import {
  checkInAt,
  endOfDate,
  groupDate,
  hasCheckIns,
  isCheckInDay,
  reminderAt,
  startOfDate,
} from './check-in-schedule.ts';
import { laneOf, noOutcomes, type OutcomeCounts, type RetryPolicy } from './deliver.ts';
import type { DeliveryQueue } from './delivery-queue.ts';
import { sendToMember } from './send-to-member.ts';
import { ledgerClaim, ledgerKey } from './ledger-keys.ts';

export interface ReminderTally {
  deferred: number;
  /** Reminders not sent because the member's quiet hours (or a long queue) outlast the check-in's date. */
  dropped: number;
  paused: number;
  /** The queued sends' outcomes, counted as they finish. */
  readonly outcomes: OutcomeCounts;
}

/** Today's check-in (group timezone) once its reminder time has passed: reminders go out until `end`. */
export interface OpenReminderDay {
  readonly group: Group;
  readonly date: string;
  readonly at: Date;
  /** The end of the check-in's local date: from then on, its reminder is never sent. */
  readonly end: Date;
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
    // Only the check-in's own date: a reminder is never sent on a later day.
    const date = groupDate(group, now);
    // A day whose check-in came before the group existed has nothing to remind of.
    if (!isCheckInDay(group, date) || group.createdAt.getTime() > checkInAt(group, date).getTime()) continue;
    const at = reminderAt(group, date);
    if (at.getTime() <= now.getTime()) open.push({ group, date, at, end: endOfDate(group, date) });
  }
  return open;
}

/**
 * Members of an open reminder day who still have nothing from it: active, joined before reminder
 * time, not checked in, and with no ledger entry for the day yet (a pause is recorded for them).
 */
export async function waitingForReminder(deps: CoreDeps, day: OpenReminderDay): Promise<Member[]> {
  const checkedIn = await deps.store.checkIns.memberIdsCheckedIn(day.group.id, day.date);
  const members = (await deps.store.members.listByGroup(day.group.id, { activeOnly: true })).filter(
    (m) => !checkedIn.has(m.id) && m.joinedAt.getTime() <= day.at.getTime(),
  );
  const handled = await deps.store.deliveries.heldKeys(
    members.map((m) => reminderKey(m, day.group, day.date)),
    deps.clock.now(),
  );
  return members.filter((m) => !handled.has(reminderKey(m, day.group, day.date)));
}

/**
 * Of the waiting members, who is to be reminded: reminders on, and nothing logged that day (an
 * application, a rejection, an update, feedback) in the group's calendar.
 */
export async function toRemind(deps: CoreDeps, day: OpenReminderDay, waiting: readonly Member[]): Promise<Set<number>> {
  const { group, date } = day;
  const logged = await deps.store.checkIns.memberIdsWhoLogged(group.id, date, startOfDate(group, date), day.end);
  return new Set(waiting.filter((m) => m.checkInReminders && !logged.has(m.id)).map((m) => m.id));
}

/**
 * At reminder time on a check-in day, a reminder to each member who has logged nothing that day and
 * has reminders on. A paused member gets none (the day is recorded as paused); a member in quiet
 * hours gets it when they end, if that is still on the check-in's date (group timezone), else
 * never: a reminder is not sent on a later day. The claimed reminders go to the delivery queue.
 */
export async function queueCheckInReminders(
  deps: CoreDeps,
  owner: string,
  policy: RetryPolicy,
  queue: DeliveryQueue,
): Promise<ReminderTally> {
  const now = deps.clock.now();
  const tally: ReminderTally = { deferred: 0, dropped: 0, paused: 0, outcomes: noOutcomes() };
  for (const day of openReminderDays(await deps.store.groups.listAll(), now)) {
    const { group, date } = day;
    const waiting = await waitingForReminder(deps, day);
    if (waiting.length === 0) continue;
    const remind = await toRemind(deps, day, waiting);
    const pausedNow: Member[] = [];
    const tooLate: Member[] = [];
    const ready: Member[] = [];
    for (const m of waiting) {
      const a = availability(m, group, now);
      // A pause is recorded for everyone not checked in, reminded or not: it keeps their streak.
      if (!a.reachable && a.reason === 'paused') pausedNow.push(m);
      else if (!remind.has(m.id)) continue;
      else if (a.reachable) ready.push(m);
      else if (a.notBefore !== null && a.notBefore.getTime() < day.end.getTime()) tally.deferred++;
      else tooLate.push(m);
    }
    const owned = await deps.store.transaction(async (tx) => {
      const skipped = await tx.deliveries.claimMany(
        pausedNow.map((m) => ledgerClaim(reminderEntry('reminder-paused', m, group, date), group.workspace, owner)),
        now,
      );
      for (const key of skipped) await tx.deliveries.markSent(key, null, now);
      tally.paused += skipped.size;
      // Quiet hours that outlast the day: the reminder is dropped now, once, not sent tomorrow.
      const late = await tx.deliveries.claimMany(
        tooLate.map((m) => ledgerClaim(reminderEntry('reminder', m, group, date), group.workspace, owner)),
        now,
      );
      for (const key of late) await tx.deliveries.markAbandoned(key, 'quiet hours last past the end of the day');
      tally.dropped += late.size;
      if (late.size > 0)
        deps.logger.info(
          {
            platform: group.workspace.platform,
            workspace: group.workspace.workspaceId,
            group: group.id,
            date,
            dropped: late.size,
          },
          'check-in reminders dropped: quiet hours last past the end of the day',
        );
      return tx.deliveries.claimMany(
        ready.map((m) => ledgerClaim(reminderEntry('reminder', m, group, date), group.workspace, owner)),
        now,
      );
    });
    for (const member of ready.filter((m) => owned.has(reminderKey(m, group, date)))) {
      const key = reminderKey(member, group, date);
      queue.push(laneOf(group.workspace), {
        keys: [key],
        run: async () => {
          // A long queue of sends must not carry a reminder past the end of its day.
          if (deps.clock.now().getTime() >= day.end.getTime()) {
            await deps.store.transaction((tx) =>
              tx.deliveries.markAbandoned(key, 'the local day ended before it was sent'),
            );
            tally.dropped++;
            return;
          }
          const result = await sendToMember(
            deps,
            {
              member,
              group,
              message: checkInReminder(group.id, date, group.name),
              channelIntro: 'I could not reach you by direct message, so here is your reminder:',
            },
            { keys: [key], owner, what: 'check-in reminder' },
            policy,
          );
          tally.outcomes[result.outcome]++;
        },
        release: async () => {
          await deps.store.deliveries.releaseUnattempted([key], owner);
        },
      });
    }
  }
  return tally;
}
