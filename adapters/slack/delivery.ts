/**
 * The core's ChatPort on Slack's Web API, and the mapping of Web API failures to the core's
 * DeliveryError. The client given here must not retry or wait on its own (`retries: 0`,
 * `rejectRateLimitedCalls: true`): waiting and retrying are the scheduler's decisions.
 */
import { webApi } from '@slack/bolt';
import { DeliveryError } from '../../src/core/errors.ts';
import type { Message, OutboundFile } from '../../src/core/messages.ts';
import type { ChannelTarget, ChatPort, SentMessage, UserTarget } from '../../src/core/ports/index.ts';
import type { WorkspaceRef } from '../../src/core/types.ts';
import { renderMessage } from './rendering.ts';

/** Finds the Web API client (and so the token) for a workspace: one bot token now, an installation store later. */
export type ClientForTeam = (teamId: string) => Promise<webApi.WebClient>;

/** Platform errors Slack reports for its own trouble. */
const TRANSIENT_ERRORS = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
]);

/** Codes that mean the bot is not in the channel (a private channel it was not invited to is "not found"). */
const NOT_IN_CHANNEL = new Set(['not_in_channel', 'channel_not_found']);
const INVITE_HINT = 'Invite me to this channel first: type /invite @Rebound here.';

/** Maps anything a Web API call threw to the core's three kinds of delivery failure. */
export function toDeliveryError(error: unknown, method: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof webApi.WebAPIRateLimitedError) return DeliveryError.rateLimited(error.retryAfter * 1000, error);
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = error.data.error;
    if (TRANSIENT_ERRORS.has(code)) return DeliveryError.transient(`${method}: ${code}`, error);
    // Unknown codes are request problems on our side: repeating the same request cannot succeed.
    return DeliveryError.permanent(`${method}: ${code}`, error, NOT_IN_CHANNEL.has(code) ? INVITE_HINT : undefined);
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    const kind = error.statusCode >= 500 || error.statusCode === 408 ? 'transient' : 'permanent';
    return new DeliveryError(kind, `${method}: HTTP ${error.statusCode}`, undefined, { cause: error });
  }
  if (error instanceof webApi.WebAPIRequestError)
    return DeliveryError.transient(`${method}: ${error.original.message}`, error);
  return DeliveryError.transient(`${method}: ${error instanceof Error ? error.message : 'unknown failure'}`, error);
}

async function call<T>(method: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toDeliveryError(error, method);
  }
}

interface PostResult {
  readonly channel?: string;
  readonly ts?: string;
}

function sentFrom(method: string, result: PostResult): SentMessage {
  if (!result.channel || !result.ts) throw DeliveryError.transient(`${method}: answer without channel or ts`);
  return { channelId: result.channel, messageId: result.ts };
}

/** Shares files in a channel with Slack's external upload flow (files.getUploadURLExternal → upload → complete). */
export async function uploadFiles(
  client: webApi.WebClient,
  channelId: string,
  files: readonly OutboundFile[],
  threadTs?: string,
): Promise<void> {
  if (files.length === 0) return;
  await call('files.uploadV2', () =>
    client.filesUploadV2({
      channel_id: channelId,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      file_uploads: files.map((f) => ({
        file: Buffer.from(f.bytes),
        filename: f.filename,
        ...(f.title ? { title: f.title, alt_text: f.title } : {}),
      })),
    }),
  );
}

/** Opens (or finds) the bot's DM with a user; the answer's channel id is stable, so it is cached. */
export function createDirectChannels(): (client: webApi.WebClient, teamId: string, userId: string) => Promise<string> {
  const cache = new Map<string, string>();
  return async (client, teamId, userId) => {
    const key = `${teamId}:${userId}`;
    const known = cache.get(key);
    if (known) return known;
    const result = await call('conversations.open', () => client.conversations.open({ users: userId }));
    const id = result.channel?.id;
    if (!id) throw DeliveryError.transient('conversations.open: answer without channel');
    cache.set(key, id);
    return id;
  };
}

export function createSlackChatPort(clientFor: ClientForTeam): ChatPort {
  const directChannel = createDirectChannels();

  async function post(
    workspace: WorkspaceRef,
    channel: string,
    message: Message,
    threadTs?: string,
  ): Promise<{ client: webApi.WebClient; sent: SentMessage }> {
    const client = await clientFor(workspace.workspaceId);
    const rendered = renderMessage(message);
    const result = await call('chat.postMessage', () =>
      client.chat.postMessage({
        channel,
        text: rendered.text,
        blocks: rendered.blocks,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        // Never let Slack turn plain words into mentions or links; pings are written explicitly.
        parse: 'none',
        link_names: false,
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
    return { client, sent: sentFrom('chat.postMessage', result) };
  }

  return {
    async postToChannel(target: ChannelTarget, message: Message, files?: readonly OutboundFile[]) {
      const { client, sent } = await post(target.workspace, target.channelId, message);
      if (files) await uploadFiles(client, sent.channelId, files);
      return sent;
    },
    async postThreadStarter(target: ChannelTarget, message: Message, _threadName: string) {
      // Slack threads hang off a message; the name is for platforms with named threads.
      const { sent } = await post(target.workspace, target.channelId, message);
      return { ...sent, threadId: sent.messageId };
    },
    async postInThread(target: ChannelTarget, threadId: string, message: Message) {
      return (await post(target.workspace, target.channelId, message, threadId)).sent;
    },
    async sendDirect(target: UserTarget, message: Message, files?: readonly OutboundFile[]) {
      const client = await clientFor(target.workspace.workspaceId);
      const channel = await directChannel(client, target.workspace.workspaceId, target.userId);
      const { sent } = await post(target.workspace, channel, message);
      if (files) await uploadFiles(client, sent.channelId, files);
      return sent;
    },
    async updateMessage(workspace: WorkspaceRef, sent: SentMessage, message: Message) {
      const client = await clientFor(workspace.workspaceId);
      const rendered = renderMessage(message);
      await call('chat.update', () =>
        client.chat.update({
          channel: sent.channelId,
          ts: sent.messageId,
          text: rendered.text,
          blocks: rendered.blocks,
          parse: 'none',
          link_names: false,
        }),
      );
    },
    async deleteMessage(workspace: WorkspaceRef, sent: SentMessage) {
      const client = await clientFor(workspace.workspaceId);
      await call('chat.delete', () => client.chat.delete({ channel: sent.channelId, ts: sent.messageId }));
    },
  };
}
