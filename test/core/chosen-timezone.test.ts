import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, replyText, type World } from '../helpers/world.ts';

const GROUP = { platform: 'slack', workspaceId: 'T1' } as const;

describe("a member's chosen timezone", () => {
  let h: World;
  // Slack tells us the profile zone with every command.
  const bob = { userId: 'bob', timezone: 'Europe/Berlin' };
  beforeEach(async () => {
    h = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await h.command('alice', 'rebound', 'setup 09:00 UTC');
    await h.command(bob, 'rebound', 'join');
  });
  afterEach(() => h.close());

  const zoneOf = async (userId: string) => {
    const group = await h.store.groups.findByChannel(GROUP, 'C1');
    return group ? (await h.store.members.find(group.id, userId))?.timezone : undefined;
  };

  it('follows the profile zone until the member chooses one', async () => {
    expect(await zoneOf('bob')).toBe('Europe/Berlin');
    await h.command({ ...bob, timezone: 'America/New_York' }, 'stats');
    expect(await zoneOf('bob')).toBe('America/New_York');
  });

  it('/rebound timezone wins over the profile zone on every later command', async () => {
    await h.command(bob, 'rebound', 'timezone asia/kolkata');
    expect(await zoneOf('bob')).toBe('Asia/Kolkata');
    await h.command(bob, 'applied', 'Acme | SRE');
    await h.command(bob, 'stats');
    await h.command({ ...bob, timezone: 'America/New_York' }, 'followups');
    expect(await zoneOf('bob')).toBe('Asia/Kolkata');
  });

  it.each([
    ['EST', 'America/New_York'],
    ['PST', 'America/Los_Angeles'],
    ['CET', 'Europe/Paris'],
    ['IST', 'Asia/Kolkata'],
  ])('refuses %s and suggests %s, keeping the zone it had', async (typed, suggested) => {
    const reply = await h.command(bob, 'rebound', `timezone ${typed}`);
    expect(replyText(reply)).toContain(`"${typed}" is a fixed abbreviation`);
    expect(replyText(reply)).toContain(suggested);
    expect(await zoneOf('bob')).toBe('Europe/Berlin');
  });

  it('suggests the Area/City name for a bare city, also for a group zone in setup', async () => {
    expect(replyText(await h.command(bob, 'rebound', 'timezone Berlin'))).toMatch(/did you mean Europe\/Berlin\?/);
    const setup = await h.command('zoe', 'rebound', 'setup 09:00 PST', { channelId: 'C2' });
    expect(replyText(setup)).toContain('America/Los_Angeles');
    expect(await h.store.groups.findByChannel(GROUP, 'C2')).toBeNull();
  });
});
