import type { Weekday } from '../types.ts';

const NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Reads `mon-fri`, `mon,wed,fri`, `daily`, `weekdays`; null when it is not a list of days. */
export function parseDays(text: string): Weekday[] | null {
  const t = text.trim().toLowerCase();
  if (t === 'daily' || t === 'everyday') return [1, 2, 3, 4, 5, 6, 7];
  if (t === 'weekdays') return [1, 2, 3, 4, 5];
  const days = new Set<Weekday>();
  for (const part of t.split(',')) {
    const range = /^([a-z]{3})[a-z]*(?:-([a-z]{3})[a-z]*)?$/.exec(part);
    if (!range) return null;
    const from = NAMES.indexOf(range[1] as (typeof NAMES)[number]);
    const to = range[2] === undefined ? from : NAMES.indexOf(range[2] as (typeof NAMES)[number]);
    if (from < 0 || to < 0 || to < from) return null;
    for (let d = from; d <= to; d++) days.add((d + 1) as Weekday);
  }
  return days.size ? [...days].sort() : null;
}

export function formatDays(days: readonly Weekday[]): string {
  const key = [...days].sort().join(',');
  if (key === '1,2,3,4,5') return 'Monday to Friday';
  if (key === '1,2,3,4,5,6,7') return 'every day';
  return days.map((d) => NAMES[d - 1]).join(', ');
}
