/**
 * The core's ChatPort on Discord's REST API. Sends go straight to REST with stored channel and
 * user ids, so they work for channels and users the gateway never cached (after a restart, say).
 * Every failure leaves here as a DeliveryError: permanent, transient or rate-limited.
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
import type { ChannelTarget, ChatPort, Logger, SentMessage, UserTarget } from '../../src/core/ports/index.ts';
import type { WorkspaceRef } from '../../src/core/types.ts';
import { renderMessage, toCreateBody, toRawFiles, type RenderOptions } from './rendering.ts';

/**
 * Discord JSON error codes that no retry will fix: the user cannot be messaged (50007), or the
 * user, channel, guild or message is gone (10013, 10003, 10004, 10008), or the bot lost access to
 * the channel or it is an archived thread (50001, 50013, 50083).
 */
const PERMANENT_CODES: ReadonlySet<number> = new Set([50007, 10013, 10003, 10004, 10008, 50001, 50013, 50083]);
const THREAD_NAME_MAX = 100;
/** Missing Access and Missing Permissions: the bot cannot see or post in the channel. */
const NO_ACCESS_CODES: ReadonlySet<number> = new Set([50001, 50013]);
const ACCESS_HINT =
  "Let me post here first: in this channel's settings, under Permissions, give Rebound View Channel, Send Messages, Send Messages in Threads, Create Public Threads and Attach Files.";

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof RateLimitError)
    return DeliveryError.rateLimited(Math.max(0, Math.ceil(error.retryAfter)), error);
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

export function createDiscordChatPort(rest: REST, logger: Logger): ChatPort {
  /** DM channel per user; the DM channel of a user never changes, so this never goes stale. */
  const dmChannels = new Map<string, string>();

  async function send(
    channelId: string,
    message: Message,
    files?: readonly OutboundFile[],
    options?: RenderOptions,
  ): Promise<SentMessage> {
    const rendered = renderMessage(message, options);
    const sent = (await rest.post(Routes.channelMessages(channelId), {
      body: toCreateBody(rendered, files),
      files: toRawFiles(files),
    })) as RESTPostAPIChannelMessageResult;
    return { channelId: sent.channel_id, messageId: sent.id };
  }

  async function openDm(userId: string): Promise<string> {
    const known = dmChannels.get(userId);
    if (known) return known;
    const channel = (await rest.post(Routes.userChannels(), {
      body: { recipient_id: userId },
    })) as RESTPostAPICurrentUserCreateDMChannelResult;
    dmChannels.set(userId, channel.id);
    return channel.id;
  }

  return {
    async postToChannel(
      target: ChannelTarget,
      message: Message,
      files?: readonly OutboundFile[],
    ): Promise<SentMessage> {
      try {
        return await send(target.channelId, message, files);
      } catch (error) {
        throw toDeliveryError(error);
      }
    },

    async postThreadStarter(target: ChannelTarget, message: Message, threadName: string) {
      let sent: SentMessage;
      try {
        sent = await send(target.channelId, message);
      } catch (error) {
        throw toDeliveryError(error);
      }
      try {
        const thread = (await rest.post(Routes.threads(sent.channelId, sent.messageId), {
          body: { name: threadName.slice(0, THREAD_NAME_MAX), auto_archive_duration: ThreadAutoArchiveDuration.OneDay },
        })) as RESTPostAPIChannelThreadsResult;
        return { ...sent, threadId: thread.id };
      } catch (error) {
        // Without its thread the post is useless, and a retry would post it again: take it back.
        await rest.delete(Routes.channelMessage(sent.channelId, sent.messageId)).catch((cleanupError: unknown) => {
          logger.warn(
            { channelId: sent.channelId, error: describe(cleanupError) },
            'could not remove a check-in post whose thread failed',
          );
        });
        throw toDeliveryError(error);
      }
    },

    async postInThread(_target: ChannelTarget, threadId: string, message: Message): Promise<SentMessage> {
      try {
        return await send(threadId, message);
      } catch (error) {
        throw toDeliveryError(error);
      }
    },

    async sendDirect(target: UserTarget, message: Message, files?: readonly OutboundFile[]): Promise<SentMessage> {
      try {
        const channelId = await openDm(target.userId);
        return await send(channelId, message, files, { dmWorkspaceId: target.workspace.workspaceId });
      } catch (error) {
        throw toDeliveryError(error);
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
