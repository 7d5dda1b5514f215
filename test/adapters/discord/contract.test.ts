/**
 * The shared chat-adapter contract, run against the Discord adapter: a real discord.js client fed
 * gateway packets, sending to the fake REST server.
 */
import { runChatAdapterContract, type ChatAdapterHarness, type Pings } from '../../contracts/chat-adapter-contract.ts';
import type { SentMessage } from '../../../src/core/ports/index.ts';
import { decodeCustomId } from '../../../adapters/discord/custom-ids.ts';
import {
  buttonClick,
  GROUP_CHANNEL_ID,
  GUILD_ID,
  MASON,
  reactionAdd,
  REBOUND_BOT,
  type FakeUser,
} from '../../fakes/discord-packets.ts';
import { RecordingHandler } from '../../fakes/recording-handler.ts';
import type { RecordedCall } from '../../fakes/discord-rest.ts';
import { startHarness } from './harness.ts';

interface SentBody {
  readonly content?: string;
  readonly components?: readonly { readonly components: readonly { readonly custom_id?: string }[] }[];
  readonly allowed_mentions?: {
    readonly parse?: readonly string[];
    readonly users?: readonly string[];
    readonly roles?: readonly string[];
  };
}
interface AnsweredMessage {
  readonly id: string;
  readonly channel_id: string;
}

const isMessageSend = (c: RecordedCall) =>
  (c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path)) ||
  (c.method === 'PATCH' && /^\/channels\/\d+\/messages\/\d+$/.test(c.path));

/**
 * Whom Discord notifies for a message: mentions in the content (embeds never ping), filtered by
 * allowed_mentions; a bot message without allowed_mentions may ping users, roles and everyone.
 */
export function discordPings(payload: unknown): Pings {
  const body = (payload ?? {}) as SentBody;
  const content = body.content ?? '';
  const allowed = body.allowed_mentions;
  const parse = allowed?.parse ?? (allowed ? [] : ['users', 'roles', 'everyone']);
  const users = [...content.matchAll(/<@!?(\d+)>/g)]
    .map((m) => m[1] ?? '')
    .filter((id) => parse.includes('users') || (allowed?.users ?? []).includes(id));
  const everyoneMentioned = /@(everyone|here)/.test(content) && parse.includes('everyone');
  const rolesMentioned = [...content.matchAll(/<@&(\d+)>/g)].some(
    (m) => parse.includes('roles') || (allowed?.roles ?? []).includes(m[1] ?? ''),
  );
  return { everyone: everyoneMentioned || rolesMentioned, users: [...new Set(users)] };
}

function asUser(userId: string): FakeUser {
  return userId === MASON.id ? MASON : { id: userId, username: `user${userId.slice(-4)}`, global_name: null };
}

runChatAdapterContract('Discord', async (): Promise<ChatAdapterHarness> => {
  const handler = new RecordingHandler({ type: 'none' });
  const h = await startHarness({ handler });
  const dmChannelIds = () =>
    new Set(h.rest.callsTo('POST', /^\/users\/@me\/channels$/).map((c) => (c.answer.body as AnsweredMessage).id));

  return {
    chat: h.adapter.chat,
    channel: { workspace: { platform: 'discord', workspaceId: GUILD_ID }, channelId: GROUP_CHANNEL_ID },
    user: { workspace: { platform: 'discord', workspaceId: GUILD_ID }, userId: MASON.id },
    handled: handler.events,
    lastDelivery() {
      const last = h.rest.calls.filter(isMessageSend).at(-1);
      if (!last) throw new Error('nothing was sent');
      const answered = last.answer.body as AnsweredMessage;
      return { payload: last.body, platformRef: { channelId: answered.channel_id, messageId: answered.id } };
    },
    lastDeletion() {
      const call = h.rest.calls.filter((c) => c.method === 'DELETE').at(-1);
      const m = call ? /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(call.path) : null;
      return m ? { channelId: m[1] ?? '', messageId: m[2] ?? '' } : null;
    },
    pingsIn: discordPings,
    async deliverActivity(sent: SentMessage, author: 'bot' | string) {
      // Gateway dispatches are handled synchronously: the adapter is done when feed returns.
      h.feed(
        reactionAdd(sent.messageId, {
          user: author === 'bot' ? REBOUND_BOT : asUser(author),
          channelId: sent.channelId,
        }),
      );
    },
    async click(sent: SentMessage, actionId: string, userId: string) {
      const delivered = h.rest.calls
        .filter((c) => isMessageSend(c) && (c.answer.body as AnsweredMessage).id === sent.messageId)
        .at(-1);
      const customIds = ((delivered?.body as SentBody | undefined)?.components ?? []).flatMap((row) =>
        row.components.map((b) => b.custom_id ?? ''),
      );
      const customId = customIds.find((id) => decodeCustomId(id).id === actionId);
      if (!customId) throw new Error(`no button ${actionId} on message ${sent.messageId}`);
      const inDm = dmChannelIds().has(sent.channelId);
      const packet = buttonClick(customId, {
        user: asUser(userId),
        channelId: sent.channelId,
        messageId: sent.messageId,
        guildId: inDm ? null : GUILD_ID,
      });
      const { id, token } = packet.d as { id: string; token: string };
      h.feed(packet);
      await h.rest.waitFor((c) => c.path === `/interactions/${id}/${token}/callback`);
    },
    stop: () => h.close(),
  };
});
