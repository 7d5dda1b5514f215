/**
 * The core's ChatPort on Discord's REST API. Sends go straight to REST with stored channel and
 * user ids, so they work for channels and users the gateway never cached (after a restart, say).
 * REST paces them by Discord's rate limits; a send's `beforeRequest` runs as its request leaves
 * (send-requests.ts). Every failure leaves here as a DeliveryError (permanent, transient,
 * rate-limited or unknown), except a `beforeRequest` failure, which leaves as it was thrown.
 */
import {
  DiscordAPIError,
  HTTPError,
  RateLimitError,
  Routes,
  ThreadAutoArchiveDuration,
  type REST,
  type RESTPostAPIChannelMessageResult,
  type RESTPostAPIChannelThreadsResult,
  type RESTPostAPICurrentUserCreateDMChannelResult,
} from 'discord.js';
import { DeliveryError } from '../../src/core/errors.ts';
import type { Message, OutboundFile } from '../../src/core/messages.ts';
import type {
  ChannelTarget,
  ChatPort,
  Logger,
  SendOptions,
  SentMessage,
  UserTarget,
} from '../../src/core/ports/index.ts';
import type { WorkspaceRef } from '../../src/core/types.ts';
import { renderMessage, toCreateBody, toRawFiles, type RenderOptions } from './rendering.ts';
import { BeforeRequestFailed, type SendRequests } from './send-requests.ts';

/**
 * Discord JSON error codes that no retry will fix: the user cannot be messaged (50007), or the
 * user, channel, guild or message is gone (10013, 10003, 10004, 10008), or the bot lost access to
 * the channel or it is an archived thread (50001, 50013, 50083).
 */
const PERMANENT_CODES: ReadonlySet<number> = new Set([50007, 10013, 10003, 10004, 10008, 50001, 50013, 50083]);
const THREAD_NAME_MAX = 100;
/** DM channels kept per user, for members whose DM channel the core does not pass yet. */
const DM_CACHE_SIZE = 1000;
/** Missing Access and Missing Permissions: the bot cannot see or post in the channel. */
const NO_ACCESS_CODES: ReadonlySet<number> = new Set([50001, 50013]);
const ACCESS_HINT =
  "Let me post here first: in this channel's settings, under Permissions, give Rebound View Channel, Send Messages, Send Messages in Threads, Create Public Threads and Attach Files.";

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof RateLimitError)
    return DeliveryError.rateLimited(Math.max(0, Math.ceil(Math.max(error.retryAfter, error.timeToReset))), error);
  if (error instanceof DiscordAPIError) {
    if (error.status === 429) return DeliveryError.rateLimited(retryAfterFromBody(error), error);
    if (typeof error.code === 'number' && PERMANENT_CODES.has(error.code)) {
      const hint = NO_ACCESS_CODES.has(error.code) ? ACCESS_HINT : undefined;
      return DeliveryError.permanent(`Discord refused (${error.code}): ${error.message}`, error, hint);
    }
    if (error.status === 403 || error.status === 404) {
      return DeliveryError.permanent(`Discord refused (${error.status}): ${error.message}`, error);
    }
    return DeliveryError.transient(`Discord error ${error.status} (${String(error.code)})`, error);
  }
  if (error instanceof HTTPError) return DeliveryError.transient(`Discord answered ${error.status}`, error);
  const message = error instanceof Error ? error.message : String(error);
  return DeliveryError.transient(`Discord could not be reached: ${message}`, error);
}

function retryAfterFromBody(error: DiscordAPIError): number {
  const raw: unknown = error.rawError;
  if (typeof raw === 'object' && raw !== null && 'retry_after' in raw && typeof raw.retry_after === 'number') {
    return Math.ceil(raw.retry_after * 1000);
  }
  return 1000;
}

/** A send's failure as the port reports it: a `beforeRequest` error unchanged, the rest as DeliveryErrors. */
function failure(error: unknown): unknown {
  return error instanceof BeforeRequestFailed ? error.original : toDeliveryError(error);
}

export function createDiscordChatPort(rest: REST, sends: SendRequests, logger: Logger): ChatPort {
  /** DM channel per user (a user's DM channel never changes), the least recently used dropped first. */
  const dmChannels = new Map<string, string>();

  async function post(
    channelId: string,
    message: Message,
    files: readonly OutboundFile[] | undefined,
    options: SendOptions | undefined,
    render?: RenderOptions,
  ): Promise<SentMessage> {
    const body = toCreateBody(renderMessage(message, render), files);
    const sent = (await sends.run(options?.beforeRequest, (headers) =>
      rest.post(Routes.channelMessages(channelId), { body, files: toRawFiles(files), headers }),
    )) as RESTPostAPIChannelMessageResult;
    return { channelId: sent.channel_id, messageId: sent.id };
  }

  async function dmChannelOf(target: UserTarget): Promise<string> {
    if (target.dmChannelId) return target.dmChannelId;
    const known = dmChannels.get(target.userId);
    if (known) {
      dmChannels.delete(target.userId);
      dmChannels.set(target.userId, known);
      return known;
    }
    // Opening a DM shows nothing to anyone, and opening it again gives the same channel.
    const channel = (await rest.post(Routes.userChannels(), {
      body: { recipient_id: target.userId },
    })) as RESTPostAPICurrentUserCreateDMChannelResult;
    dmChannels.set(target.userId, channel.id);
    if (dmChannels.size > DM_CACHE_SIZE) dmChannels.delete(dmChannels.keys().next().value ?? '');
    return channel.id;
  }

  return {
    async postToChannel(target: ChannelTarget, message: Message, options?: SendOptions): Promise<SentMessage> {
      try {
        return await post(target.channelId, message, undefined, options);
      } catch (error) {
        throw failure(error);
      }
    },

    async shareFiles(target: ChannelTarget, files: readonly OutboundFile[], options?: SendOptions): Promise<void> {
      try {
        await post(target.channelId, { blocks: [] }, files, options);
      } catch (error) {
        throw failure(error);
      }
    },

    async postThreadStarter(target: ChannelTarget, message: Message, threadName: string, options?: SendOptions) {
      let sent: SentMessage;
      try {
        sent = await post(target.channelId, message, undefined, options);
      } catch (error) {
        throw failure(error);
      }
      try {
        // A thread shows in the channel as soon as it exists: its outcome may be unknown too.
        const thread = (await sends.run(undefined, (headers) =>
          rest.post(Routes.threads(sent.channelId, sent.messageId), {
            body: {
              name: threadName.slice(0, THREAD_NAME_MAX),
              auto_archive_duration: ThreadAutoArchiveDuration.OneDay,
            },
            headers,
          }),
        )) as RESTPostAPIChannelThreadsResult;
        return { ...sent, threadId: thread.id };
      } catch (error) {
        // Without its thread the post is useless, and a retry would post it again: take it back.
        await rest.delete(Routes.channelMessage(sent.channelId, sent.messageId)).catch((cleanupError: unknown) => {
          logger.warn(
            { channelId: sent.channelId, error: describe(cleanupError) },
            'could not remove a check-in post whose thread failed',
          );
        });
        throw failure(error);
      }
    },

    async postInThread(
      _target: ChannelTarget,
      threadId: string,
      message: Message,
      options?: SendOptions,
    ): Promise<SentMessage> {
      try {
        return await post(threadId, message, undefined, options);
      } catch (error) {
        throw failure(error);
      }
    },

    async sendDirect(target: UserTarget, message: Message, options?: SendOptions): Promise<SentMessage> {
      try {
        const channelId = await dmChannelOf(target);
        return await post(channelId, message, undefined, options, { dmWorkspaceId: target.workspace.workspaceId });
      } catch (error) {
        throw failure(error);
      }
    },

    async updateMessage(workspace: WorkspaceRef, sent: SentMessage, message: Message): Promise<void> {
      // The message may be a DM sent before a restart: its buttons always carry their guild
      // (harmless in a guild channel, where the interaction's own guild id is used).
      const rendered = renderMessage(message, { dmWorkspaceId: workspace.workspaceId });
      try {
        await rest.patch(Routes.channelMessage(sent.channelId, sent.messageId), { body: toCreateBody(rendered) });
      } catch (error) {
        throw toDeliveryError(error);
      }
    },

    async deleteMessage(_workspace: WorkspaceRef, sent: SentMessage): Promise<void> {
      try {
        await rest.delete(Routes.channelMessage(sent.channelId, sent.messageId));
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
  };
}

export function describe(error: unknown): string {
  if (error instanceof DiscordAPIError) return `DiscordAPIError ${error.status} ${String(error.code)}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return 'unknown error';
}
