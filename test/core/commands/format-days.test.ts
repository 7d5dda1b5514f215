import { describe, expect, it } from 'vitest';
import { formatDays, parseDays } from '../../../src/core/commands/weekdays.ts';
import type { Weekday } from '../../../src/core/types.ts';

const days = (text: string): Weekday[] => parseDays(text) ?? [];

describe('check-in days in setup, config and welcome texts', () => {
  it('are named one way: full day names, a run of three or more as "X to Y", the rest joined with "and"', () => {
    expect(formatDays(days('mon-fri'))).toBe('Monday to Friday');
    expect(formatDays(days('mon-thu'))).toBe('Monday to Thursday');
    expect(formatDays(days('mon,wed,fri'))).toBe('Monday, Wednesday and Friday');
    expect(formatDays(days('sat,sun'))).toBe('Saturday and Sunday');
    expect(formatDays(days('tue'))).toBe('Tuesday');
    expect(formatDays(days('mon-wed,fri'))).toBe('Monday to Wednesday and Friday');
    expect(formatDays(days('daily'))).toBe('Monday to Sunday');
  });

  it('never print the short names typed in commands', () => {
    for (const text of ['mon-fri', 'mon,wed,fri', 'sat,sun', 'daily', 'mon,tue', 'thu-sun'])
      expect(formatDays(days(text))).not.toMatch(/\b(mon|tue|wed|thu|fri|sat|sun)\b/);
  });
});
