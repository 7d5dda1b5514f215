import { afterEach, describe, expect, it } from 'vitest';
import { previousWeek, weekOf } from '../../../src/core/insights/week.ts';
import { createWorld, type World } from '../../helpers/world.ts';

// Sunday 29 Nov 2026, 22:00 in Los Angeles is Monday 30 Nov, 19:00 in Auckland.
const LA_SUNDAY_NIGHT = new Date('2026-11-30T06:00:00Z');
const LA = { userId: 'lena', timezone: 'America/Los_Angeles' };
const AKL = { userId: 'aroha', timezone: 'Pacific/Auckland' };

describe('weeks', () => {
  it('run Monday to Sunday in the zone asked about, so one instant is Sunday night in one week and Monday in the next', () => {
    expect(weekOf(LA_SUNDAY_NIGHT, 'America/Los_Angeles').days).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    expect(weekOf(LA_SUNDAY_NIGHT, 'Pacific/Auckland').days[0]).toBe('2026-11-30');
    expect(weekOf(LA_SUNDAY_NIGHT, 'America/Los_Angeles').isoWeek).toBe('2026-W48');
    expect(weekOf(LA_SUNDAY_NIGHT, 'Pacific/Auckland').isoWeek).toBe('2026-W49');
    expect(previousWeek(LA_SUNDAY_NIGHT, 'Pacific/Auckland').isoWeek).toBe('2026-W48');
  });

  it('start at local midnight on Monday, also across a DST change inside the week', () => {
    // Europe/Berlin leaves summer time on Sunday 25 Oct 2026.
    const week = weekOf(new Date('2026-10-22T12:00:00Z'), 'Europe/Berlin');
    expect(week.start.toISOString()).toBe('2026-10-18T22:00:00.000Z');
    expect(week.end.toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});

describe('/goal', () => {
  let world: World;
  afterEach(() => world.close());

  it("sets weekly goals and counts this week's applications against them", async () => {
    world = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await world.run('U1', '/rebound setup 09:00 UTC');
    await world.run('U1', '/applied Acme | SRE');
    const text = await world.say('U1', '/goal applications 3 | networking 2');
    expect(text).toContain('Weekly goals set: 3 applications and 2 networking actions');
    expect(text).toContain('This week so far: 1 of 3 applications, 0 of 2 networking');
    expect(
      await world.store.goals.get(
        (await world.store.members.listByUser({ platform: 'slack', workspaceId: 'T1' }, 'U1'))[0]!.id,
      ),
    ).toMatchObject({ applications: 3, networking: 2 });
  });

  it("reads Discord's typed options (numbers by name) the same way", async () => {
    world = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await world.run('U1', '/rebound setup 09:00 UTC');
    const reply = await world.rebound.handle({
      kind: 'command',
      source: world.source('U1'),
      command: 'goal',
      values: { applications: 4, networking: 1 },
    });
    expect(
      reply.type === 'private' &&
        reply.message.blocks.some(
          (b) => b.type === 'text' && b.text.includes('4 applications and 1 networking action'),
        ),
    ).toBe(true);
  });

  it('keeps the other goal when only one is changed, and shows the goals with no text', async () => {
    world = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await world.run('U1', '/rebound setup 09:00 UTC');
    await world.run('U1', '/goal applications 5 | networking 2');
    await world.run('U1', '/goal networking 3');
    expect(await world.say('U1', '/goal')).toContain('Your weekly goals: 5 applications and 3 networking actions');
  });

  it('refuses a goal it cannot read with an example, and stores nothing', async () => {
    world = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await world.run('U1', '/rebound setup 09:00 UTC');
    const text = await world.say('U1', '/goal applications lots');
    expect(text).toContain('Applications per week is a whole number from 0 to 100.');
    expect(text).toContain('For example: /goal applications 5 | networking 2');
    expect(await world.say('U1', '/goal sleep 8')).toContain('Applications per week is a whole number');
    expect(await world.say('U1', '/goal')).toContain('You have no weekly goals yet.');
  });

  it("counts a member's week in their own timezone: Sunday night in Los Angeles is already Monday in Auckland", async () => {
    world = createWorld({ start: new Date('2026-11-24T20:00:00Z') });
    await world.run({ userId: 'U0' }, '/rebound setup 09:00 UTC');
    for (const who of [LA, AKL]) await world.run(who, '/rebound join');
    for (const who of [LA, AKL]) await world.run(who, '/goal applications 2');

    world.clock.set(LA_SUNDAY_NIGHT);
    await world.run(LA, '/applied Acme | SRE');
    await world.run(AKL, '/applied Globex | SRE');

    // Lena's Sunday application is in her week of 23–29 Nov; Aroha's Monday one starts her new week.
    expect(await world.say(LA, '/stats')).toMatch(/Your week \(23 Nov – 29 Nov\)\nApplications: 1 of 2/);
    expect(await world.say(AKL, '/stats')).toMatch(/Your week \(30 Nov – 6 Dec\)\nApplications: 1 of 2/);

    // Three hours later it is Monday in Los Angeles too: Lena starts from zero, Aroha keeps hers.
    world.clock.set(new Date('2026-11-30T09:00:00Z'));
    expect(await world.say(LA, '/stats')).toMatch(/Your week \(30 Nov – 6 Dec\)\nApplications: 0 of 2/);
    expect(await world.say(AKL, '/stats')).toMatch(/Your week \(30 Nov – 6 Dec\)\nApplications: 1 of 2/);
  });

  it('counts networking from check-ins and done networking steps, taking the larger of the two each day', async () => {
    world = createWorld({ start: new Date('2026-11-23T08:00:00Z') });
    await world.run('U1', '/rebound setup 09:00 UTC');
    await world.run('U1', '/goal applications 5 | networking 2');
    const member = (await world.store.members.listByUser({ platform: 'slack', workspaceId: 'T1' }, 'U1'))[0]!;
    const ws = member.workspace;
    const now = world.clock.now();
    // Monday: a check-in reports 1 networking action and 2 applications, one of them also logged.
    await world.run('U1', '/applied Acme | SRE');
    await world.store.checkIns.record(
      {
        workspace: ws,
        memberId: member.id,
        groupId: member.groupId,
        localDate: '2026-11-23',
        source: 'form',
        applications: 2,
        networking: 1,
        followUpsDone: 0,
        note: null,
      },
      now,
    );
    // Tuesday: a weekly network step marked done.
    world.clock.set(new Date('2026-11-24T10:00:00Z'));
    const [step] = await world.store.followUps.createMany(
      [
        {
          workspace: ws,
          memberId: member.id,
          applicationId: null,
          ruleId: 'network',
          dueAt: world.clock.now(),
          occurrence: 1,
        },
      ],
      world.clock.now(),
    );
    await world.store.followUps.update(step!.id, { status: 'done' }, world.clock.now());
    const text = await world.say('U1', '/stats');
    expect(text).toContain('Applications: 2 of 5');
    expect(text).toContain('Networking: 2 of 2 ✓');
    expect(text).toContain('Follow-ups done: 1');
  });
});
