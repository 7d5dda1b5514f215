import { afterEach, describe, expect, it } from 'vitest';
import { createGroupWorld, type GroupWorld } from '../../helpers/world.ts';

let h: GroupWorld;
afterEach(() => h?.close());

/** When each of a member's follow-ups of a rule was nudged, ISO strings in due order. */
async function nudgedAt(userId: string, ruleId: string): Promise<(string | null)[]> {
  const steps = await h.store.followUps.listByMember(await h.memberId(userId), [
    'pending',
    'snoozed',
    'done',
    'skipped',
    'cancelled',
  ]);
  return Promise.all(
    steps.filter((f) => f.ruleId === ruleId).map((f) => h.sentAt(`nudge:${f.id}:${f.dueAt.getTime()}`)),
  );
}

const checkInSentAt = (dates: string[]) => Promise.all(dates.map((d) => h.sentAt(`checkin:${h.groupId}:${d}`)));

describe('check-in times across DST', () => {
  it('stays at 09:00 in New York across the spring-forward change', async () => {
    h = await createGroupWorld({ start: new Date('2027-03-11T12:00:00Z'), zone: 'America/New_York', days: 'daily' });
    await h.advanceTo(new Date('2027-03-15T20:00:00Z'));
    expect(await checkInSentAt(['2027-03-12', '2027-03-13', '2027-03-14', '2027-03-15'])).toEqual([
      '2027-03-12T14:00:00.000Z',
      '2027-03-13T14:00:00.000Z',
      '2027-03-14T13:00:00.000Z',
      '2027-03-15T13:00:00.000Z',
    ]);
  });

  it('stays at 09:00 in New York across the fall-back change', async () => {
    h = await createGroupWorld({ start: new Date('2026-10-29T12:00:00Z'), zone: 'America/New_York', days: 'daily' });
    await h.advanceTo(new Date('2026-11-02T20:00:00Z'));
    expect(await checkInSentAt(['2026-10-31', '2026-11-01', '2026-11-02'])).toEqual([
      '2026-10-31T13:00:00.000Z',
      '2026-11-01T14:00:00.000Z',
      '2026-11-02T14:00:00.000Z',
    ]);
  });

  it('stays at 09:00 in Berlin across the autumn change', async () => {
    h = await createGroupWorld({ start: new Date('2026-10-22T12:00:00Z'), zone: 'Europe/Berlin', days: 'daily' });
    await h.advanceTo(new Date('2026-10-26T12:00:00Z'));
    expect(await checkInSentAt(['2026-10-24', '2026-10-25', '2026-10-26'])).toEqual([
      '2026-10-24T07:00:00.000Z',
      '2026-10-25T08:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
    ]);
  });

  it('stays at 09:00 in Berlin across the spring change', async () => {
    h = await createGroupWorld({ start: new Date('2027-03-25T12:00:00Z'), zone: 'Europe/Berlin', days: 'daily' });
    await h.advanceTo(new Date('2027-03-29T12:00:00Z'));
    expect(await checkInSentAt(['2027-03-27', '2027-03-28', '2027-03-29'])).toEqual([
      '2027-03-27T08:00:00.000Z',
      '2027-03-28T07:00:00.000Z',
      '2027-03-29T07:00:00.000Z',
    ]);
  });

  it('moves a check-in time that does not exist on the spring-forward day to the first valid minute', async () => {
    h = await createGroupWorld({
      start: new Date('2027-03-11T12:00:00Z'),
      zone: 'America/New_York',
      days: 'daily',
      time: '02:30',
    });
    await h.advanceTo(new Date('2027-03-15T12:00:00Z'));
    expect(await checkInSentAt(['2027-03-13', '2027-03-14', '2027-03-15'])).toEqual([
      '2027-03-13T07:30:00.000Z',
      '2027-03-14T07:00:00.000Z',
      '2027-03-15T06:30:00.000Z',
    ]);
  });
});

describe('nudges in the member’s own time', () => {
  it('nudges at 10:00 Berlin time on both sides of the fall-back change', async () => {
    h = await createGroupWorld({ start: new Date('2026-10-22T12:00:00Z'), zone: 'Europe/Berlin' });
    await h.command('alice', 'rejected', 'Acme | SRE | final');
    await h.advanceTo(new Date('2026-10-26T12:00:00Z'));
    expect(await nudgedAt('alice', 'request-feedback')).toEqual(['2026-10-23T08:00:00.000Z']);
    expect(await nudgedAt('alice', 'connect')).toEqual(['2026-10-25T09:00:00.000Z']);
  });

  it('nudges at 10:00 New York time after the spring-forward change', async () => {
    h = await createGroupWorld({ start: new Date('2027-03-11T15:00:00Z'), zone: 'America/New_York' });
    await h.command('alice', 'rejected', 'Acme | SRE | final');
    await h.advanceTo(new Date('2027-03-15T20:00:00Z'));
    expect(await nudgedAt('alice', 'request-feedback')).toEqual(['2027-03-12T15:00:00.000Z']);
    expect(await nudgedAt('alice', 'connect')).toEqual(['2027-03-14T14:00:00.000Z']);
  });

  it('nudges members in Asia/Kolkata (+05:30) and Pacific/Chatham (+13:45 in summer) at their own 10:00', async () => {
    h = await createGroupWorld({
      start: new Date('2026-11-25T12:00:00Z'),
      zone: 'UTC',
      members: [
        { userId: 'asha', timezone: 'Asia/Kolkata' },
        { userId: 'tane', timezone: 'Pacific/Chatham' },
      ],
    });
    await h.command('asha', 'rejected', 'Acme | SRE | interview');
    await h.command('tane', 'rejected', 'Globex | SRE | interview');
    await h.advanceTo(new Date('2026-11-28T00:00:00Z'));
    expect(await nudgedAt('asha', 'request-feedback')).toEqual(['2026-11-26T04:30:00.000Z']);
    // 12:00 UTC on Wednesday is already Thursday 01:45 on the Chatham Islands: the next business day is Friday.
    expect(await nudgedAt('tane', 'request-feedback')).toEqual(['2026-11-26T20:15:00.000Z']);
  });

  it('drops a group reminder that falls in a Kolkata member’s night when their quiet hours outlast the group’s day', async () => {
    h = await createGroupWorld({
      start: new Date('2026-11-25T06:00:00Z'),
      zone: 'UTC',
      members: [{ userId: 'asha', timezone: 'Asia/Kolkata' }],
    });
    await h.advanceTo(new Date('2026-11-26T12:00:00Z'));
    // 16:00 UTC is 21:30 in Kolkata, inside 21:00–08:00, which end at 02:30 UTC the next day: too late.
    expect(await h.sentAt(`reminder:${await h.memberId('asha')}:2026-11-25`)).toBeNull();
  });
});
