import { afterEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../helpers/world.ts';

describe('/stats', () => {
  let world: World;
  afterEach(() => world.close());

  it('shows the funnel, rejection stages, lessons and days from each rejection to the next application', async () => {
    world = createWorld({ start: new Date('2026-11-16T09:00:00Z') });
    await world.run('U1', '/rebound setup 09:00 UTC');
    await world.run('U1', '/applied Acme | SRE');
    await world.run('U1', '/rejected Globex | SRE | final');
    await world.run('U1', '/rejected Initech | Dev | screen');
    await world.run('U1', '/feedback Globex | wanted more depth on system design');
    world.clock.set(new Date('2026-11-18T15:00:00Z'));
    await world.run('U1', '/applied Hooli | SRE');
    await world.run('U2', '/applied Umbrella | Ops');
    await world.react('U2', 'Hooli');

    const text = await world.say('U1', '/stats');
    // Globex reached interviewing (a final-round report), Initech screening; nothing was answered after being logged.
    expect(text).toContain(
      [
        'applied 4 → screening 2 (50%) → interviewing 1 (50%) → offer 0 (0%) → accepted 0',
        'Median time to a first answer: not yet',
        'Still silent after 14 days: no application is 14 days old yet',
        'Rejections by stage: screen 1 · final 1',
      ].join('\n'),
    );
    expect(text).toContain('Rejections by stage: screen 1 · final 1');
    expect(text).toContain('• Globex: wanted more depth on system design');
    expect(text).toContain('• Globex (16 Nov): next application 2 days later');
    expect(text).toContain('• Initech (16 Nov): next application 2 days later');
    expect(text).toContain('4 applications · 2 rejections');
    expect(text).toContain('1 reaction of encouragement received, 0 given');
    // Only what was logged as an application counts this week; the rejections were reports.
    expect(text).toContain('Applications: 2\n');
  });

  it('says gently when no application has followed a rejection yet', async () => {
    world = createWorld({ start: new Date('2026-11-16T09:00:00Z') });
    await world.run('U1', '/rebound setup 09:00 UTC');
    await world.run('U1', '/rejected Globex | SRE | interview');
    expect(await world.say('U1', '/stats')).toContain(
      '• Globex (16 Nov): your next application is still ahead, whenever you are ready',
    );
  });

  it('shows the current check-in streak from the check-ins stored for the member', async () => {
    world = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await world.run('U1', '/rebound setup 09:00 UTC');
    const m = (await world.store.members.listByUser({ platform: 'slack', workspaceId: 'T1' }, 'U1'))[0]!;
    for (const localDate of ['2026-11-20', '2026-11-23', '2026-11-24']) {
      await world.store.checkIns.record(
        {
          workspace: m.workspace,
          memberId: m.id,
          groupId: m.groupId,
          localDate,
          source: 'thread',
          applications: 0,
          networking: 0,
          followUpsDone: 0,
          note: null,
        },
        world.clock.now(),
      );
    }
    expect(await world.say('U1', '/stats')).toContain('Check-in streak: 3 days');
  });

  it('refuses other words with an example', async () => {
    world = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await world.run('U1', '/rebound setup 09:00 UTC');
    expect(await world.say('U1', '/stats everyone')).toContain('For example: /stats group');
  });
});
