import { afterEach, describe, expect, it } from 'vitest';
import {
  BOB,
  BOT_ID,
  GROUP_CHANNEL_ID,
  GUILD_ID,
  guildCreate,
  HELPER_BOT,
  MASON,
  messageCreate,
  reactionAdd,
  reactionRemove,
  REBOUND_BOT,
  textChannel,
  threadChannel,
  threadCreate,
} from '../../fakes/discord-packets.ts';
import { nextSnowflake } from '../../fakes/discord-rest.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

// Gateway dispatches are handled synchronously by discord.js and by the adapter, so the core has
// seen a reaction (or not) as soon as `feed` returns. A message is first checked against the
// inbound ledger, which answers asynchronously: after `settle()` the core has seen it (or not).
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('reactions', () => {
  it('a peer reaction on a message the client never cached reaches the core as a reaction', async () => {
    h = await startHarness();
    const postId = nextSnowflake();
    h.feed(reactionAdd(postId, { user: BOB }));
    expect(h.handler.events).toEqual([
      {
        kind: 'reaction',
        added: true,
        messageId: postId,
        emoji: '🔥',
        source: {
          platform: 'discord',
          workspaceId: GUILD_ID,
          channelId: GROUP_CHANNEL_ID,
          actor: { userId: BOB.id, displayName: 'Bob', isBot: false },
        },
      },
    ]);
  });

  it('taking a reaction back reaches the core as a removal, even without the member in the packet', async () => {
    h = await startHarness();
    const postId = nextSnowflake();
    h.feed(reactionAdd(postId, { user: BOB }));
    h.feed(reactionRemove(postId, { user: BOB }));
    expect(
      h.handler.events.map((e) => e.kind === 'reaction' && [e.added, e.messageId, e.emoji, e.source.actor.userId]),
    ).toEqual([
      [true, postId, '🔥', BOB.id],
      [false, postId, '🔥', BOB.id],
    ]);
  });

  it("the bot's own reactions are ignored", async () => {
    h = await startHarness();
    h.feed(reactionAdd(nextSnowflake(), { user: REBOUND_BOT }));
    h.feed(reactionRemove(nextSnowflake(), { user: REBOUND_BOT }));
    expect(h.handler.events).toHaveLength(0);
  });

  it("other bots' reactions are ignored", async () => {
    h = await startHarness();
    h.feed(reactionAdd(nextSnowflake(), { user: HELPER_BOT }));
    expect(h.handler.events).toHaveLength(0);
  });

  it("the author's own reaction is passed on as it is: whether it counts is the core's call", async () => {
    h = await startHarness();
    h.feed(reactionAdd(nextSnowflake(), { user: MASON, messageAuthorId: BOT_ID }));
    expect(h.handler.last()).toMatchObject({ kind: 'reaction', source: { actor: { userId: MASON.id } } });
  });

  it("a server's own emoji is named with its id", async () => {
    h = await startHarness();
    h.feed(reactionAdd(nextSnowflake(), { emoji: { id: '41771983429993937', name: 'LUL' } }));
    expect(h.handler.last()).toMatchObject({ emoji: 'LUL:41771983429993937' });
  });

  it('the documented MESSAGE_REACTION_ADD example reaches the core', async () => {
    const { readFile } = await import('node:fs/promises');
    const documented = JSON.parse(
      await readFile(new URL('./fixtures/message-reaction-add.json', import.meta.url), 'utf8'),
    ) as {
      op: 0;
      t: string;
      s: number;
      d: { channel_id: string; message_id: string; user_id: string };
    };
    h = await startHarness({ connect: false });
    h.connect(guildCreate({ channels: [textChannel(documented.d.channel_id, 'job-hunt')] }));
    h.feed(documented);
    expect(h.handler.last()).toMatchObject({
      kind: 'reaction',
      added: true,
      messageId: documented.d.message_id,
      emoji: '🔥',
      source: { actor: { userId: documented.d.user_id } },
    });
  });
});

describe('messages in check-in threads', () => {
  const threadId = '1310000000000000001';

  async function withCheckInThread(): Promise<Harness> {
    const harness = await startHarness();
    harness.feed(threadCreate(threadChannel(threadId, GROUP_CHANNEL_ID, BOT_ID)));
    return harness;
  }

  it('a reply without text (no message-content intent) is a thread reply from its author', async () => {
    h = await withCheckInThread();
    h.feed(messageCreate(threadId, BOB, ''));
    await settle();
    expect(h.handler.events).toEqual([
      {
        kind: 'thread-reply',
        threadId,
        source: {
          platform: 'discord',
          workspaceId: GUILD_ID,
          channelId: GROUP_CHANNEL_ID,
          actor: { userId: BOB.id, displayName: 'Bob', isBot: false },
        },
      },
    ]);
  });

  it("the core's private answer to a thread reply becomes a ✅ reaction on it, since a message cannot be answered privately", async () => {
    h = await withCheckInThread();
    const packet = messageCreate(threadId, BOB, '');
    const { id } = packet.d as { id: string };
    h.feed(packet);
    const reaction = await h.rest.waitForCall('PUT', /\/reactions\//);
    expect(reaction.path).toBe(`/channels/${threadId}/messages/${id}/reactions/✅/@me`);
  });

  it('a thread reply the core has nothing to say about gets no reaction', async () => {
    h = await withCheckInThread();
    h.handler.replyWith({ type: 'none' });
    h.feed(messageCreate(threadId, BOB, ''));
    await settle();
    expect(h.rest.calls).toHaveLength(0);
  });

  it('a thread reply that reaches two processes on one bot token (one database) reaches the core once', async () => {
    h = await withCheckInThread();
    const other = await startHarness({ rest: h.rest, ledger: h.ledger });
    try {
      other.feed(threadCreate(threadChannel(threadId, GROUP_CHANNEL_ID, BOT_ID)));
      const packet = messageCreate(threadId, BOB, '');
      h.feed(packet);
      other.feed(packet);
      await settle();
      expect([h.handler.events.length, other.handler.events.length]).toEqual([1, 0]);
      expect(other.logger.lines).toContainEqual(expect.objectContaining({ message: 'duplicate message ignored' }));
    } finally {
      await other.close();
    }
  });

  it('a reply with text carries the text', async () => {
    h = await withCheckInThread();
    h.feed(messageCreate(threadId, BOB, 'Sent two applications today'));
    await settle();
    expect(h.handler.last()).toMatchObject({ kind: 'thread-reply', text: 'Sent two applications today' });
  });

  it('a thread known from GUILD_CREATE after a restart works the same', async () => {
    h = await startHarness({ connect: false });
    h.connect(guildCreate({ threads: [threadChannel(threadId, GROUP_CHANNEL_ID, BOT_ID)] }));
    h.feed(messageCreate(threadId, MASON, ''));
    await settle();
    expect(h.handler.last()).toMatchObject({ kind: 'thread-reply', threadId, source: { actor: { userId: MASON.id } } });
  });

  it("the bot's own and other bots' messages in the thread are ignored", async () => {
    h = await withCheckInThread();
    h.feed(messageCreate(threadId, REBOUND_BOT, 'Reminder'));
    h.feed(messageCreate(threadId, HELPER_BOT, 'beep'));
    await settle();
    expect(h.handler.events).toHaveLength(0);
  });

  it('messages in threads the bot did not start, and in the channel itself, are ignored', async () => {
    h = await startHarness();
    const othersThread = '1310000000000000002';
    h.feed(threadCreate(threadChannel(othersThread, GROUP_CHANNEL_ID, MASON.id)));
    h.feed(messageCreate(othersThread, BOB, 'unrelated'));
    h.feed(messageCreate(GROUP_CHANNEL_ID, BOB, 'hello all'));
    await settle();
    expect(h.handler.events).toHaveLength(0);
  });

  it('a failure in the core while handling a thread reply is logged, not thrown into the client', async () => {
    h = await withCheckInThread();
    h.handler.failNextWith(new Error('boom'));
    h.feed(messageCreate(threadId, BOB, ''));
    await settle();
    expect(h.logger.lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'discord event failed' }));
  });
});
