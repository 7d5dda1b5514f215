import { describe, expect, it } from 'vitest';
import { canonicalTimezone } from '../../../src/core/time.ts';

describe('timezones as people type them', () => {
  it.each([
    ['asia/kolkata', 'Asia/Kolkata'],
    ['Asia/Calcutta', 'Asia/Calcutta'],
    ['europe/berlin', 'Europe/Berlin'],
    ['AMERICA/NEW_YORK', 'America/New_York'],
    ['europe/kyiv', 'Europe/Kyiv'],
    ['utc', 'UTC'],
  ])('%s is stored as %s', (typed, stored) => {
    expect(canonicalTimezone(typed)).toBe(stored);
  });

  it.each(['EST', 'PST', 'CET', 'Mars/Olympus', '', 'x'.repeat(100)])('%s is refused', (typed) => {
    expect(canonicalTimezone(typed)).toBeNull();
  });
});
