import { describe, expect, it } from 'vitest';
import { weekdayOfDate } from '../../../src/core/time.ts';
import { checkInStreak } from '../../../src/core/insights/streaks.ts';

const weekdays = (d: string) => weekdayOfDate(d) <= 5;
const streak = (dates: string[], today: string, paused: string[] = []) =>
  checkInStreak({ checkedIn: new Set(dates), today, paused: new Set(paused), isCheckInDay: weekdays });

describe('check-in streaks', () => {
  it('counts consecutive check-in days, passing over the weekend', () => {
    expect(streak(['2026-11-26', '2026-11-27', '2026-11-30'], '2026-11-30')).toBe(3);
  });
  it('is not broken by today before the member has checked in', () => {
    expect(streak(['2026-11-26', '2026-11-27'], '2026-11-30')).toBe(2);
  });
  it('ends at a check-in day with no check-in', () => {
    expect(streak(['2026-11-25', '2026-11-27', '2026-11-30'], '2026-11-30')).toBe(2);
  });
  it('passes over paused days without counting them', () => {
    expect(streak(['2026-11-25', '2026-11-30'], '2026-11-30', ['2026-11-26', '2026-11-27'])).toBe(2);
  });
  it('does not count a check-in on a day that is not a check-in day', () => {
    expect(streak(['2026-11-27', '2026-11-28', '2026-11-30'], '2026-11-30')).toBe(2);
  });
  it('is zero with no check-ins', () => {
    expect(streak([], '2026-11-30')).toBe(0);
  });
});
