/**
 * Gateway events → core events: reactions on messages (cached or not), messages in the threads
 * the bot started, and messages written to the bot in a DM. Bots and the bot itself are ignored
 * here; whether a reaction is a peer reaction or a thread message a check-in is the core's decision.
 * A message seen twice (two processes on one bot token both receive it; discord.js only skips a
 * repeat it still caches) is taken in once, by its id. A reaction carries no id of its own, and
 * needs none: adding or removing the same reaction twice changes nothing in the core.
 */
import {
  Events,
  type Client,
  type Message as DiscordMessage,
  type MessageReaction,
  type PartialMessage,
  type PartialMessageReaction,
  type PartialUser,
  type User,
} from 'discord.js';
import type { EventHandler } from '../../src/core/event-handler.ts';
import type { InboundEvent } from '../../src/core/events.ts';
import type { InboundKind, Logger } from '../../src/core/ports/index.ts';
import { describe } from './delivery.ts';
import type { createReplySender, ReplyContext } from './replies.ts';
import { PLATFORM } from './source.ts';

export interface GatewayEventOptions {
  readonly handler: EventHandler;
  readonly logger: Logger;
  readonly replies: ReturnType<typeof createReplySender>;
  /** True the first time an id is seen in this guild (`''` for a DM), by any process on the database. */
  firstDelivery(guildId: string, kind: InboundKind, id: string): Promise<boolean>;
}

/** Subscribes to the events Rebound listens for; returns a function that unsubscribes. */
export function listenToGatewayEvents(client: Client, options: GatewayEventOptions): () => void {
  const { handler, logger, replies, firstDelivery } = options;

  /** A reaction has nowhere to be answered; a thread message is answered on the message. */
  const deliver = (event: InboundEvent, context?: ReplyContext): void => {
    handler
      .handle(event)
      .then((reply) => (context ? replies.send(reply, context) : undefined))
      // Only a broken promise of the core's never to throw lands here; it must not reach the client.
      .catch((error: unknown) => {
        logger.error(
          { kind: event.kind, workspaceId: event.source.workspaceId, error: describe(error) },
          'discord event failed',
        );
      });
  };

  const onReaction =
    (added: boolean) =>
    (reaction: MessageReaction | PartialMessageReaction, user: User | PartialUser): void => {
      const event = reactionEvent(client, reaction, user, added);
      if (event) deliver(event);
    };
  const onReactionAdd = onReaction(true);
  const onReactionRemove = onReaction(false);
  const onMessage = (message: DiscordMessage): void => {
    const dm = directMessageEvent(client, message);
    const event = dm ?? threadReplyEvent(client, message);
    if (!event) return;
    firstDelivery(event.source.workspaceId, 'message', message.id)
      .then((first) => {
        if (first) return deliver(event, dm ? { directMessage: message } : { message });
        logger.info({ workspaceId: event.source.workspaceId, messageId: message.id }, 'duplicate message ignored');
      })
      // The ledger could not be asked: the message is not taken in, and the error must not reach the client.
      .catch((error: unknown) => {
        logger.error(
          { kind: event.kind, workspaceId: event.source.workspaceId, error: describe(error) },
          'discord event failed',
        );
      });
  };

  client.on(Events.MessageReactionAdd, onReactionAdd);
  client.on(Events.MessageReactionRemove, onReactionRemove);
  client.on(Events.MessageCreate, onMessage);
  return () => {
    client.off(Events.MessageReactionAdd, onReactionAdd);
    client.off(Events.MessageReactionRemove, onReactionRemove);
    client.off(Events.MessageCreate, onMessage);
  };
}

/** The emoji as text: the character for standard emoji, `name:id` for a server's own. */
function emojiKey(reaction: MessageReaction | PartialMessageReaction): string | null {
  const { id, name } = reaction.emoji;
  if (id) return `${name ?? 'emoji'}:${id}`;
  return name;
}

export function reactionEvent(
  client: Client,
  reaction: MessageReaction | PartialMessageReaction,
  user: User | PartialUser,
  added: boolean,
): InboundEvent | null {
  const message: DiscordMessage | PartialMessage = reaction.message;
  const guildId = message.guildId;
  const emoji = emojiKey(reaction);
  // A removal comes without the member, so `user` may be partial: `bot` is then unknown. Removing
  // a reaction that was never recorded changes nothing in the core, so unknown counts as not a bot.
  if (!guildId || !emoji || user.id === client.user?.id || user.bot === true) return null;
  const member = message.guild?.members.cache.get(user.id);
  return {
    kind: 'reaction',
    source: {
      platform: PLATFORM,
      workspaceId: guildId,
      channelId: message.channelId,
      actor: {
        userId: user.id,
        displayName: member?.displayName ?? user.globalName ?? user.username ?? user.id,
        isBot: false,
      },
    },
    added,
    messageId: message.id,
    emoji,
  };
}

export function threadReplyEvent(client: Client, message: DiscordMessage): InboundEvent | null {
  const channel = message.channel;
  if (!message.guildId || !channel.isThread()) return null;
  if (message.author.bot || message.author.id === client.user?.id || message.system) return null;
  // Only threads the bot started (the daily check-ins); other threads are the group's own business.
  if (channel.ownerId && channel.ownerId !== client.user?.id) return null;
  const text = message.content.trim();
  return {
    kind: 'thread-reply',
    source: {
      platform: PLATFORM,
      workspaceId: message.guildId,
      // The group is the thread's parent channel; the thread itself is the thread id.
      channelId: channel.parentId ?? channel.id,
      actor: {
        userId: message.author.id,
        displayName: message.member?.displayName ?? message.author.globalName ?? message.author.username,
        isBot: false,
      },
    },
    threadId: channel.id,
    // Without the message-content intent Discord sends an empty content: the author is enough.
    ...(text !== '' && { text }),
  };
}

/** A message someone wrote to the bot in a DM (a DM belongs to no server: the workspace is empty). */
export function directMessageEvent(client: Client, message: DiscordMessage): InboundEvent | null {
  if (message.guildId || !message.channel.isDMBased()) return null;
  if (message.author.bot || message.author.id === client.user?.id || message.system) return null;
  return {
    kind: 'direct-message',
    source: {
      platform: PLATFORM,
      workspaceId: '',
      channelId: message.channelId,
      actor: {
        userId: message.author.id,
        displayName: message.author.globalName ?? message.author.username,
        isBot: false,
      },
    },
  };
}
