/**
 * A day and a time as a person types them (`tomorrow 14:00`, `2026-12-03 9:30`, `fri 2pm`), read
 * without a clock: which instant it means depends on the moment and the member's zone, so that is
 * decided when it is used (`resolveWhen`).
 */
import { addDays, atLocalTime, localDate, localMinuteOfDay, parseClock, weekdayOfDate } from '../time.ts';
import type { MinuteOfDay, Weekday } from '../types.ts';

export type LocalDay =
  | { readonly kind: 'today' | 'tomorrow' }
  | { readonly kind: 'weekday'; readonly weekday: Weekday }
  | { readonly kind: 'date'; readonly date: string };

export interface LocalWhen {
  readonly day: LocalDay;
  readonly minute: MinuteOfDay;
  /** As it was typed, to show it back. */
  readonly text: string;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** The day and time in `text`, in either order (`at` between is fine); null when either is missing or wrong. */
export function parseWhen(text: string): LocalWhen | null {
  const words = text
    .trim()
    .toLowerCase()
    .replace(/\s*(am|pm)\b/g, '$1')
    .split(/[\s,]+|(?<=\d{4}-\d{2}-\d{2})t/)
    .filter((w) => w !== '' && w !== 'at' && w !== 'on');
  if (words.length !== 2) return null;
  const [a = '', b = ''] = words;
  const dayFirst = readDay(a);
  const day = dayFirst ?? readDay(b);
  const minute = readTime(dayFirst ? b : a);
  return day && minute !== null ? { day, minute, text: text.trim() } : null;
}

function readDay(word: string): LocalDay | null {
  if (word === 'today' || word === 'tomorrow') return { kind: word };
  if (/^\d{4}-\d{2}-\d{2}$/.test(word)) {
    const parsed = new Date(`${word}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(word)
      ? { kind: 'date', date: word }
      : null;
  }
  // Any prefix of three letters or more: mon, tues, thurs, friday.
  const index = WEEKDAYS.findIndex((name) => word.length >= 3 && name.startsWith(word));
  return index >= 0 ? { kind: 'weekday', weekday: (index + 1) as Weekday } : null;
}

function readTime(word: string): MinuteOfDay | null {
  const twelve = /^(\d{1,2})(?::(\d{2}))?(am|pm)$/.exec(word);
  if (!twelve) return parseClock(word);
  const hour = Number(twelve[1]);
  const minute = twelve[2] === undefined ? 0 : Number(twelve[2]);
  if (hour < 1 || hour > 12 || minute > 59) return null;
  return ((hour % 12) + (twelve[3] === 'pm' ? 12 : 0)) * 60 + minute;
}

/**
 * The instant `when` means for someone in `zone` at `now`. A weekday is the next one, or today when
 * that time is still ahead; a wall time a DST change skips moves forward, as everywhere.
 */
export function resolveWhen(when: LocalWhen, now: Date, zone: string): Date {
  const today = localDate(now, zone);
  switch (when.day.kind) {
    case 'today':
      return atLocalTime(today, when.minute, zone);
    case 'tomorrow':
      return atLocalTime(addDays(today, 1), when.minute, zone);
    case 'date':
      return atLocalTime(when.day.date, when.minute, zone);
    case 'weekday': {
      const ahead = (when.day.weekday - weekdayOfDate(today) + 7) % 7;
      const later = ahead === 0 && when.minute <= localMinuteOfDay(now, zone) ? 7 : ahead;
      return atLocalTime(addDays(today, later), when.minute, zone);
    }
  }
}
