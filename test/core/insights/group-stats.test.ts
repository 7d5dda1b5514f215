import { afterEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../helpers/world.ts';

describe('/stats group', () => {
  let world: World;
  afterEach(() => world.close());

  async function busyWeek(): Promise<void> {
    world = createWorld({ start: new Date('2026-11-23T09:00:00Z') });
    await world.run('ann', '/rebound setup 09:00 UTC');
    // A setting is not an entry: only members change theirs.
    for (const who of ['ben', 'cat']) await world.run(who, '/rebound join');
    await world.run('ben', '/rebound visibility counts');
    await world.run('cat', '/rebound visibility private');
    await world.run('ann', '/applied Acme | SRE');
    await world.run('ann', '/rejected Globex | SRE | interview');
    await world.run('ben', '/applied Hooli | Data Engineer');
    await world.run('ben', '/rejected Hooli | Data Engineer | final');
    await world.run('cat', '/applied SecretCo | Staff Engineer');
    await world.run('cat', '/rejected SecretCo | Staff Engineer | final');
    await world.run('cat', '/feedback SecretCo | too senior for the team');
    await world.run('ann', '/feedback Globex | more system design');
    await world.react('ben', 'Acme');
    await world.react('cat', 'Acme', '💪');
    await world.react('ann', 'sent an application');
  }

  it('names shared entries only, counts `counts` entries without a name, and leaves private ones out', async () => {
    await busyWeek();
    const text = await world.say('ann', '/stats group');
    expect(text).toContain('job-hunt: this week so far (23 Nov – 29 Nov)');
    expect(text).toContain('📨 Applications: 2 (ann: Acme (SRE))');
    expect(text).toContain('🗣️ Interviews: 2 (ann: Globex (SRE))');
    expect(text).toContain('💛 Rejections: 2');
    expect(text).toContain('💬 Feedback: 0 asked, 1 received');
    expect(text).toContain('🎉 Encouragement: 3 reactions');
    expect(text).toContain('• ann: gave 1, received 2');
  });

  it('never shows a private company name, role or note, to anyone who asks', async () => {
    await busyWeek();
    for (const who of ['ann', 'ben', 'cat']) {
      const text = await world.say(who, '/stats group');
      for (const secret of ['SecretCo', 'Staff Engineer', 'too senior', 'Hooli', 'Data Engineer'])
        expect(text).not.toContain(secret);
    }
  });

  it('counts a step done about a rejection as the rejection turned into action', async () => {
    await busyWeek();
    const ben = (await world.store.members.listByUser({ platform: 'slack', workspaceId: 'T1' }, 'ben'))[0]!;
    const step = (await world.store.followUps.listByMember(ben.id, ['pending'])).find(
      (f) => f.ruleId === 'request-feedback',
    );
    world.clock.set(new Date('2026-11-24T10:00:00Z'));
    await world.click('ben', `fu:done:${step?.id}`);
    const text = await world.say('ben', '/stats group');
    expect(text).toContain('💛 Rejections: 2, 1 already turned into follow-ups done');
    expect(text).toContain('💬 Feedback: 1 asked, 1 received');
    expect(text).toMatch(/✅ Follow-ups done: [1-9]/);
  });
});
