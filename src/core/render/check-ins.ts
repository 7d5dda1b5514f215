/** How the daily check-in reads: the day's post, the reminder, the form and its ids. */
import { DateTime } from 'luxon';
import type { Form, Message } from '../messages.ts';
import { CHECK_IN_FORM } from '../commands/declarations.ts';
import { formOf } from '../commands/forms.ts';

const DATE = '\\d{4}-\\d{2}-\\d{2}';

/** The Check in button on the day's post and on reminders: `checkin:open:{groupId}:{date}`. */
export function checkInButtonId(groupId: number, date: string): string {
  return `checkin:open:${groupId}:${date}`;
}

export function parseCheckInButtonId(actionId: string): { groupId: number; date: string } | null {
  const m = new RegExp(`^checkin:open:(\\d{1,15}):(${DATE})$`).exec(actionId);
  return m ? { groupId: Number(m[1]), date: m[2] ?? '' } : null;
}

/** The form's id: `checkin:{groupId}:{date}`. */
export function checkInFormId(groupId: number, date: string): string {
  return `checkin:${groupId}:${date}`;
}

export function parseCheckInFormId(formId: string): { groupId: number; date: string } | null {
  const m = new RegExp(`^checkin:(\\d{1,15}):(${DATE})$`).exec(formId);
  return m ? { groupId: Number(m[1]), date: m[2] ?? '' } : null;
}

/** The thread's name carries the local date; adapters that name threads (Discord, the console) show it. */
export function checkInThreadName(date: string): string {
  return `Check-in ${date}`;
}

export function longDate(date: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).setLocale('en-GB').toFormat('cccc d LLLL');
}

export function checkInPost(groupId: number, date: string): Message {
  return {
    blocks: [
      { type: 'heading', text: `Daily check-in · ${longDate(date)}` },
      {
        type: 'text',
        text: 'How is today going? Reply in this thread with what you did, or press Check in to count applications, networking and follow-ups. Small steps count too.',
      },
      { type: 'buttons', buttons: [{ actionId: checkInButtonId(groupId, date), label: 'Check in', style: 'primary' }] },
    ],
  };
}

export function checkInReminder(groupId: number, date: string, groupName: string): Message {
  return {
    blocks: [
      {
        type: 'text',
        text: `A gentle reminder: today's check-in in #${groupName} is still open. A line about your day is plenty.`,
      },
      { type: 'buttons', buttons: [{ actionId: checkInButtonId(groupId, date), label: 'Check in', style: 'primary' }] },
    ],
  };
}

export function checkInForm(groupId: number, date: string): Form {
  return {
    ...formOf(CHECK_IN_FORM, checkInFormId(groupId, date)),
    title: `Check in · ${DateTime.fromISO(date, { zone: 'UTC' }).setLocale('en-GB').toFormat('ccc d LLL')}`,
  };
}

/** The private confirmation, with the streak. */
export function checkInConfirmation(date: string, streak: number): string {
  const day = longDate(date);
  if (streak >= 2) return `Checked in for ${day}. 🔥 That's a ${streak}-day streak: keep it going!`;
  return `Checked in for ${day}. That's day one of a new streak.`;
}

/** A second form on the same day: its numbers replace the first's. */
export function checkInUpdated(date: string): string {
  return `Updated your check-in for ${longDate(date)}: these numbers replace the earlier ones.`;
}
