import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../helpers/world.ts';

describe('times in a nudge name the zone when it is not the group clock', () => {
  let h: World;
  beforeEach(async () => {
    h = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await h.command('alice', 'rebound', 'setup 09:00 Europe/London');
    await h.command('priya', 'rebound', 'join');
    await h.command('priya', 'rebound', 'timezone Asia/Kolkata');
  });
  afterEach(() => h.close());

  const firstNudge = (userId: string) =>
    h.chat.sent.find((s) => s.kind === 'dm' && s.to === userId && s.text.includes('due'))?.text ?? '';

  it('a member in Kolkata reads "Thu 26 Nov, 10:00 IST" in a London group', async () => {
    await h.command('priya', 'rejected', 'Acme | SRE | interview');
    await h.advanceTo(new Date('2026-11-26T06:00:00Z'));
    expect(firstNudge('priya')).toContain('Thu 26 Nov, 10:00 IST');
  });

  it("a member on the group's clock reads the time alone", async () => {
    await h.command('alice', 'rejected', 'Acme | SRE | interview');
    await h.advanceTo(new Date('2026-11-26T12:00:00Z'));
    expect(firstNudge('alice')).toContain('Thu 26 Nov, 10:00)');
  });
});
