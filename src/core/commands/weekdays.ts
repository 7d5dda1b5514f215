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

const FULL_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/**
 * Days as every message names them: full names, a run of three or more as "Monday to Friday",
 * the rest joined with "and" ("Monday, Wednesday and Friday").
 */
export function formatDays(days: readonly Weekday[]): string {
  const sorted = [...new Set(days)].sort();
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    const name = (d: number) => FULL_NAMES[(sorted[d] as number) - 1];
    if (j - i >= 2) parts.push(`${name(i)} to ${name(j)}`);
    else for (let d = i; d <= j; d++) parts.push(name(d) ?? '');
    i = j + 1;
  }
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? '');
}
