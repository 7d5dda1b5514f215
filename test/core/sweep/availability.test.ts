import { describe, expect, it } from 'vitest';
import { availability } from '../../../src/core/sweep/availability.ts';
import type { Group, Member } from '../../../src/core/types.ts';

const group: Group = {
  id: 1,
  workspace: { platform: 'slack', workspaceId: 'T1' },
  channelId: 'C1',
  name: 'Rebounders',
  timezone: 'Europe/Berlin',
  checkInMinute: 9 * 60,
  checkInDays: [1, 2, 3, 4, 5],
  reminderMinute: 17 * 60,
  ruleSettings: {},
  adminUserIds: [],
  createdAt: new Date('2026-01-01T00:00:00Z'),
};

/** A member with quiet hours 22:00–07:00 in the group's timezone, unless told otherwise. */
function member(patch: Partial<Member> = {}): Member {
  return {
    id: 7,
    groupId: group.id,
    workspace: group.workspace,
    userId: 'U7',
    displayName: 'Ada',
    timezone: null,
    timezoneChosen: false,
    quietStartMinute: 22 * 60,
    quietEndMinute: 7 * 60,
    pausedUntil: null,
    visibility: 'shared',
    active: true,
    dmUnreachable: false,
    dmChannelId: null,
    checkInReminders: true,
    joinedAt: new Date('2026-01-01T00:00:00Z'),
    ...patch,
  };
}

const at = (iso: string) => new Date(iso);

describe('availability', () => {
  it('a member outside quiet hours and not paused is reachable now', () => {
    // 12:00 in Berlin (CET, UTC+1).
    expect(availability(member(), group, at('2026-12-01T11:00:00Z'))).toEqual({ reachable: true });
  });

  describe('quiet hours crossing midnight', () => {
    it('late in the evening they end the next morning', () => {
      // 23:00 Berlin on Dec 1 → 07:00 Berlin on Dec 2.
      expect(availability(member(), group, at('2026-12-01T22:00:00Z'))).toEqual({
        reachable: false,
        reason: 'quiet-hours',
        notBefore: at('2026-12-02T06:00:00Z'),
      });
    });

    it('after midnight they end the same morning', () => {
      // 03:00 Berlin on Dec 2 → 07:00 Berlin on Dec 2.
      expect(availability(member(), group, at('2026-12-02T02:00:00Z'))).toEqual({
        reachable: false,
        reason: 'quiet-hours',
        notBefore: at('2026-12-02T06:00:00Z'),
      });
    });

    it('the start minute is quiet and the end minute is not', () => {
      expect(availability(member(), group, at('2026-12-01T21:00:00Z')).reachable).toBe(false); // 22:00
      expect(availability(member(), group, at('2026-12-01T20:59:00Z')).reachable).toBe(true); // 21:59
      expect(availability(member(), group, at('2026-12-02T06:00:00Z')).reachable).toBe(true); // 07:00
    });

    it('equal start and end mean no quiet hours at all', () => {
      const always = member({ quietStartMinute: 0, quietEndMinute: 0 });
      expect(availability(always, group, at('2026-12-01T23:30:00Z')).reachable).toBe(true);
    });
  });

  describe('a pause', () => {
    it('holds a member back until it ends', () => {
      const paused = member({ pausedUntil: at('2026-12-03T09:30:00Z') });
      expect(availability(paused, group, at('2026-12-01T11:00:00Z'))).toEqual({
        reachable: false,
        reason: 'paused',
        notBefore: at('2026-12-03T09:30:00Z'),
      });
    });

    it('ending inside quiet hours waits for their end, and the pause is the reason given', () => {
      // The pause ends at 02:00 Berlin on Dec 3, inside 22:00–07:00: reachable from 07:00 Berlin.
      const paused = member({ pausedUntil: at('2026-12-03T01:00:00Z') });
      expect(availability(paused, group, at('2026-12-01T11:00:00Z'))).toEqual({
        reachable: false,
        reason: 'paused',
        notBefore: at('2026-12-03T06:00:00Z'),
      });
    });

    it('wins over quiet hours when both apply now', () => {
      const paused = member({ pausedUntil: at('2026-12-02T12:00:00Z') });
      const now = availability(paused, group, at('2026-12-01T23:00:00Z'));
      expect(now).toMatchObject({ reason: 'paused', notBefore: at('2026-12-02T12:00:00Z') });
    });

    it('that has ended no longer counts', () => {
      const resumed = member({ pausedUntil: at('2026-12-01T10:00:00Z') });
      expect(availability(resumed, group, at('2026-12-01T10:00:00Z'))).toEqual({ reachable: true });
    });
  });

  describe('across DST changes', () => {
    it('quiet hours end at 07:00 local on the night clocks go forward', () => {
      // 23:30 CET on Mar 28 → 07:00 CEST (UTC+2) on Mar 29.
      expect(availability(member(), group, at('2026-03-28T22:30:00Z'))).toEqual({
        reachable: false,
        reason: 'quiet-hours',
        notBefore: at('2026-03-29T05:00:00Z'),
      });
    });

    it('quiet hours end at 07:00 local on the night clocks go back', () => {
      // 23:00 CEST on Oct 24 → 07:00 CET (UTC+1) on Oct 25.
      expect(availability(member(), group, at('2026-10-24T21:00:00Z'))).toEqual({
        reachable: false,
        reason: 'quiet-hours',
        notBefore: at('2026-10-25T06:00:00Z'),
      });
    });

    it('an end that falls in the skipped hour is the first instant after the gap', () => {
      // Quiet 01:00–02:30; 02:30 does not exist on Mar 29 in Berlin: 03:00 CEST is next.
      const night = member({ quietStartMinute: 60, quietEndMinute: 150 });
      const reach = availability(night, group, at('2026-03-29T00:30:00Z'));
      expect(reach).toEqual({ reachable: false, reason: 'quiet-hours', notBefore: at('2026-03-29T01:00:00Z') });
      expect(availability(night, group, at('2026-03-29T01:00:00Z'))).toEqual({ reachable: true });
    });
  });

  describe('a member in another timezone', () => {
    const newYorker = member({ timezone: 'America/New_York' });

    it('is quiet by their own clock, whatever the group’s says', () => {
      // 11:00 in Berlin, 05:00 in New York (EST, UTC−5): quiet until 07:00 New York.
      expect(availability(newYorker, group, at('2026-12-02T10:00:00Z'))).toEqual({
        reachable: false,
        reason: 'quiet-hours',
        notBefore: at('2026-12-02T12:00:00Z'),
      });
    });

    it('is reachable by their own clock while the group’s night has begun', () => {
      // 23:00 in Berlin, 17:00 in New York.
      expect(availability(newYorker, group, at('2026-12-01T22:00:00Z'))).toEqual({ reachable: true });
    });
  });

  it('a member who left is not reachable, with no time to wait for', () => {
    expect(availability(member({ active: false }), group, at('2026-12-01T11:00:00Z'))).toEqual({
      reachable: false,
      reason: 'left',
      notBefore: null,
    });
  });
});
