import { afterEach, describe, expect, it } from 'vitest';
import { privateText } from '../../../src/core/messages.ts';
import { BOB, HELPER_BOT, messageCreate, REBOUND_BOT } from '../../fakes/discord-packets.ts';
import { nextSnowflake } from '../../fakes/discord-rest.ts';
import { startHarness, type Harness } from './harness.ts';

/** MESSAGE_CREATE in a DM, as Discord sends it: no guild, and the channel's type (1, DM). */
function dmMessage(...args: Parameters<typeof messageCreate>) {
  const packet = messageCreate(...args);
  Object.assign(packet.d as object, { channel_type: 1 });
  return packet;
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('a message written to the bot in a Discord DM', () => {
  it('reaches the core as a direct message from its author, and the answer is a reply in the DM', async () => {
    h = await startHarness();
    h.handler.replyWith(privateText('These commands work in this DM: /followups'));
    const dmChannel = nextSnowflake();
    h.feed(dmMessage(dmChannel, BOB, 'hi, how does this work?', null));
    const reply = await h.rest.waitForCall('POST', new RegExp(`^/channels/${dmChannel}/messages$`));
    expect(JSON.stringify(reply.body)).toContain('These commands work in this DM');
    const event = h.handler.events.at(-1);
    expect(event).toMatchObject({
      kind: 'direct-message',
      source: { channelId: dmChannel, actor: { userId: BOB.id } },
    });
  });

  it("is not read when a bot wrote it, the bot's own included", async () => {
    h = await startHarness();
    h.feed(dmMessage(nextSnowflake(), HELPER_BOT, 'beep', null));
    h.feed(dmMessage(nextSnowflake(), REBOUND_BOT, 'a nudge', null));
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(h.handler.events).toEqual([]);
  });
});
