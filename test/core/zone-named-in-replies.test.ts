/** A member on another clock than the group's sees their zone named in the plan and the pause. */
import { afterEach, describe, expect, it } from 'vitest';
import { createWorld, replyText, type World } from '../helpers/world.ts';

let world: World;
afterEach(() => world.close());

describe("times in a member's own replies", () => {
  it('name the zone in the plan of a rejection and in a pause, when it is not the group’s', async () => {
    world = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await world.run('alice', '/rebound setup 09:00 UTC');
    await world.run('asha', '/rebound join');
    await world.run('asha', '/rebound timezone Asia/Kolkata');
    const plan = replyText(await world.run('asha', '/rejected Acme | SRE | interview'));
    expect(plan).toContain('• Thu 26 Nov, 10:00 IST: Ask for feedback at Acme');
    const pause = replyText(await world.run('asha', '/rebound pause 3'));
    expect(pause).toMatch(/^Paused until Sat 28 Nov, 17:30 IST\./);
  });

  it('leave the zone out for a member on the group’s clock', async () => {
    world = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await world.run('alice', '/rebound setup 09:00 UTC');
    const plan = replyText(await world.run('alice', '/rejected Acme | SRE | interview'));
    expect(plan).toContain('• Thu 26 Nov, 10:00: Ask for feedback at Acme');
  });
});
