import { afterEach, describe, expect, it } from 'vitest';
import { createGroupWorld, type GroupWorld, isNudge } from '../../helpers/world.ts';

let h: GroupWorld;
afterEach(() => h?.close());

const networkSteps = async (userId: string) =>
  (
    await h.store.followUps.listByMember(await h.memberId(userId), [
      'pending',
      'snoozed',
      'done',
      'skipped',
      'cancelled',
    ])
  ).filter((f) => f.ruleId === 'network');

describe('the weekly network step', () => {
  it('is made once per member per week, due at the group’s first check-in day at check-in time, and nudged then', async () => {
    h = await createGroupWorld({
      start: new Date('2026-11-25T12:00:00Z'),
      zone: 'Europe/Berlin',
      days: 'tue-fri',
      members: [{ userId: 'alice' }, { userId: 'bob' }],
    });
    await h.advanceTo(new Date('2026-12-09T12:00:00Z'));
    for (const user of ['alice', 'bob']) {
      expect((await networkSteps(user)).map((f) => f.dueAt.toISOString())).toEqual([
        '2026-12-01T08:00:00.000Z',
        '2026-12-08T08:00:00.000Z',
      ]);
    }
    const first = h.chat.dmsTo('alice').find((d) => /One networking step this week/.test(d.text));
    expect(first && isNudge(first.text)).toBe(true);
    await h.rebound.sweep();
    expect(await networkSteps('alice')).toHaveLength(2);
  });

  it('is not made when the group switched the rule off', async () => {
    h = await createGroupWorld({ start: new Date('2026-11-25T12:00:00Z'), zone: 'Europe/Berlin' });
    await h.store.groups.update(h.groupId, { ruleSettings: { network: { enabled: false } } });
    await h.advanceTo(new Date('2026-12-01T12:00:00Z'));
    expect(await networkSteps('alice')).toHaveLength(0);
  });

  it('is not made for the week in which the group was set up after its first check-in', async () => {
    h = await createGroupWorld({ start: new Date('2026-11-25T12:00:00Z'), zone: 'Europe/Berlin' });
    await h.advanceTo(new Date('2026-11-27T12:00:00Z'));
    expect(await networkSteps('alice')).toHaveLength(0);
  });
});
