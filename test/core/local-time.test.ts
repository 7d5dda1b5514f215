import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDays, formatWhen, localDate, localMinuteOfDay, weekdayOfDate } from '../../src/core/time.ts';

const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'Australia/Lord_Howe',
  'America/St_Johns',
  'Asia/Kathmandu',
  'America/Sao_Paulo',
  'Pacific/Kiritimati',
];
const instants = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }).map((ms) => new Date(ms));

describe('local time of day and its rendering, computed from cached zone offsets', () => {
  it('agree with luxon for any instant in zones with half-hour, 45-minute and DST offsets', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...ZONES), (instant, zone) => {
        const t = DateTime.fromJSDate(instant, { zone });
        expect(localMinuteOfDay(instant, zone)).toBe(t.hour * 60 + t.minute);
        expect(formatWhen(instant, zone)).toBe(t.setLocale('en-GB').toFormat('ccc d LLL, HH:mm'));
        expect(localDate(instant, zone)).toBe(t.toISODate());
      }),
      { numRuns: 3000 },
    );
  });

  it('read the offset of a transition that falls between quarter hours (St. John’s changed at 00:01 local until 2011)', () => {
    // 2 April 1995, 00:01 NST = 03:31 UTC: from then on NDT, two and a half hours behind UTC.
    expect(localMinuteOfDay(new Date('1995-04-02T03:30:00Z'), 'America/St_Johns')).toBe(0);
    expect(localMinuteOfDay(new Date('1995-04-02T03:31:00Z'), 'America/St_Johns')).toBe(61);
    expect(formatWhen(new Date('1995-04-02T03:44:00Z'), 'America/St_Johns')).toBe('Sun 2 Apr, 01:14');
  });

  it('do calendar arithmetic on dates like luxon does, across month, year and leap-day boundaries', () => {
    const dates = fc
      .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) })
      .map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(
      fc.property(dates, fc.integer({ min: -800, max: 800 }), (date, days) => {
        const t = DateTime.fromISO(date, { zone: 'UTC' });
        expect(addDays(date, days)).toBe(t.plus({ days }).toISODate());
        expect(weekdayOfDate(date)).toBe(t.weekday);
      }),
      { numRuns: 2000 },
    );
  });

  it('agree with luxon minute by minute across DST changes in New York, Berlin and Lord Howe (a 30-minute shift)', () => {
    const around = [
      ['America/New_York', Date.UTC(2027, 2, 14, 6)],
      ['America/New_York', Date.UTC(2026, 10, 1, 5)],
      ['Europe/Berlin', Date.UTC(2027, 2, 28, 0)],
      ['Europe/Berlin', Date.UTC(2026, 9, 25, 0)],
      ['Australia/Lord_Howe', Date.UTC(2026, 9, 3, 14)],
    ] as const;
    for (const [zone, start] of around) {
      for (let m = 0; m < 240; m++) {
        const instant = new Date(start + m * 60_000);
        const t = DateTime.fromJSDate(instant, { zone });
        expect(localMinuteOfDay(instant, zone)).toBe(t.hour * 60 + t.minute);
      }
    }
  });
});
