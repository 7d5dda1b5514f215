import { describe, expect, it } from 'vitest';
import { dueTimes, planSteps } from '../../src/core/plan.ts';
import { DEFAULT_RULES, findRule } from '../../src/core/rules.ts';
import { atLocalTime, localDate } from '../../src/core/time.ts';
import type { Group } from '../../src/core/types.ts';

const rule = (id: string) => {
  const r = findRule(DEFAULT_RULES, id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};

const group = (ruleSettings: Group['ruleSettings'] = {}): Group => ({
  id: 1,
  workspace: { platform: 'slack', workspaceId: 'T1' },
  channelId: 'C1',
  name: 'g',
  timezone: 'UTC',
  checkInMinute: 540,
  checkInDays: [1, 2, 3, 4, 5],
  reminderMinute: 960,
  ruleSettings,
  adminUserIds: [],
  createdAt: new Date(0),
});

describe('follow-up due times', () => {
  it('asks for feedback the next business day at 10:00 in New York, skipping the weekend', () => {
    // Friday 2026-11-27 15:00 New York
    const [due] = dueTimes(rule('request-feedback'), new Date('2026-11-27T20:00:00Z'), 'America/New_York');
    expect(due?.toISOString()).toBe('2026-11-30T15:00:00.000Z'); // Monday 10:00 EST
  });

  it('asks for feedback the next business day at 10:00 in Kolkata (+05:30)', () => {
    // Wednesday 2026-11-25 22:00 IST = 16:30Z
    const [due] = dueTimes(rule('request-feedback'), new Date('2026-11-25T16:30:00Z'), 'Asia/Kolkata');
    expect(due?.toISOString()).toBe('2026-11-26T04:30:00.000Z');
  });

  it('keeps 10:00 local across the spring-forward change in Berlin', () => {
    // Rejected Thursday 2027-03-25 in Berlin (CET, +01:00); +3 days = Sunday 28 March, after the change to CEST.
    const [due] = dueTimes(rule('connect'), new Date('2027-03-25T12:00:00Z'), 'Europe/Berlin');
    expect(due?.toISOString()).toBe('2027-03-28T08:00:00.000Z'); // 10:00 CEST
  });

  it('keeps 10:00 local across the fall-back change in New York', () => {
    // Rejected Wednesday 2026-10-28 (EDT); +14 days = 11 November (EST).
    const [due] = dueTimes(rule('engage'), new Date('2026-10-28T14:00:00Z'), 'America/New_York');
    expect(due?.toISOString()).toBe('2026-11-11T15:00:00.000Z');
  });

  it('schedules stay-in-touch at +45 days, then every 90 days, three times at most', () => {
    const times = dueTimes(rule('stay-in-touch'), new Date('2026-11-25T12:00:00Z'), 'Europe/Berlin');
    expect(times.map((t) => localDate(t, 'Europe/Berlin'))).toEqual(['2027-01-09', '2027-04-09', '2027-07-08']);
    expect(times.every((t) => t.toLocaleTimeString('en-GB', { timeZone: 'Europe/Berlin' }) === '10:00:00')).toBe(true);
  });

  it('moves a wall time that does not exist on a DST day forward to the first valid minute', () => {
    // 2027-03-14 02:30 does not exist in New York; 03:00 EDT is the first valid minute.
    expect(atLocalTime('2027-03-14', 150, 'America/New_York').toISOString()).toBe('2027-03-14T07:00:00.000Z');
    // 2027-03-28 02:15 does not exist in Berlin; 03:00 CEST.
    expect(atLocalTime('2027-03-28', 135, 'Europe/Berlin').toISOString()).toBe('2027-03-28T01:00:00.000Z');
  });

  it('takes the first of two repeated wall times on a fall-back day', () => {
    // 2026-11-01 01:30 happens twice in New York; the first is EDT (-04:00).
    expect(atLocalTime('2026-11-01', 90, 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('honours a group that switched a rule off or changed its offset', () => {
    const at = new Date('2026-11-25T12:00:00Z');
    const steps = planSteps(
      DEFAULT_RULES,
      group({ connect: { enabled: false }, engage: { enabled: true, offsetDays: 21 } }),
      { kind: 'rejection', stage: 'interview' },
      at,
      'UTC',
    );
    expect(steps.map((s) => s.rule.id)).not.toContain('connect');
    const engage = steps.find((s) => s.rule.id === 'engage');
    expect(engage?.dueAt.toISOString()).toBe('2026-12-16T10:00:00.000Z');
  });

  it('plans the rejection rules of the stage reached, and log-feedback only when feedback was asked', () => {
    const at = new Date('2026-11-25T12:00:00Z');
    const ids = (stage: 'applied' | 'interview') =>
      new Set(planSteps(DEFAULT_RULES, group(), { kind: 'rejection', stage }, at, 'UTC').map((s) => s.rule.id));
    expect(ids('interview')).toEqual(
      new Set(['request-feedback', 'connect', 'engage', 'stay-in-touch', 'keep-applying']),
    );
    expect(ids('applied')).toEqual(
      new Set(['recruiter-pointers', 'connect-company', 'stay-in-touch', 'keep-applying']),
    );
    const chained = planSteps(DEFAULT_RULES, group(), { kind: 'done', rule: 'request-feedback' }, at, 'UTC');
    expect(chained.map((s) => [s.rule.id, s.dueAt.toISOString()])).toEqual([
      ['log-feedback', '2026-12-02T10:00:00.000Z'],
    ]);
  });
});
