/**
 * Servers adding and removing the bot, through the real discord.js client fed gateway packets: a
 * server that removes it is reported removed (nothing more is sent there), one that adds it is
 * reported installed, and a server that only went unavailable in an outage is neither.
 */
import { afterEach, expect, it } from 'vitest';
import { guildCreate, GUILD_ID, OTHER_GUILD_ID, type DispatchPacket } from '../../fakes/discord-packets.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
afterEach(() => h.close());

const guildDelete = (id: string, unavailable?: boolean): DispatchPacket => ({
  op: 0,
  s: 99,
  t: 'GUILD_DELETE',
  d: { id, ...(unavailable ? { unavailable } : {}) },
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

it('reports a server that removes the bot, and one that adds it', async () => {
  h = await startHarness();
  h.feed(guildDelete(GUILD_ID));
  await settle();
  expect(h.workspaceNotices).toEqual([`removed:${GUILD_ID}`]);
  expect(h.logger.lines.map((l) => l.message)).toContain('discord server removed Rebound');
  h.feed(guildCreate({ id: OTHER_GUILD_ID }));
  await settle();
  expect(h.workspaceNotices).toEqual([`removed:${GUILD_ID}`, `installed:${OTHER_GUILD_ID}`]);
});

it('reports nothing for a server that only went unavailable in an outage, nor when it is back', async () => {
  h = await startHarness();
  h.feed(guildDelete(GUILD_ID, true));
  h.feed(guildCreate({ id: GUILD_ID }));
  await settle();
  expect(h.workspaceNotices).toEqual([]);
});
