/**
 * The core's ChatPort on Slack's Web API, and the mapping of Web API failures to the core's
 * DeliveryError. The client given here must not retry or wait on its own (`retries: 0`,
 * `rejectRateLimitedCalls: true`) and must have a request timeout: waiting and retrying are the
 * scheduler's decisions, and pacing within Slack's limits happens here, before `beforeRequest`.
 */
import { webApi } from '@slack/bolt';
import { DeliveryError } from '../../src/core/errors.ts';
import type { Message, OutboundFile } from '../../src/core/messages.ts';
import type { ChannelTarget, ChatPort, SendOptions, SentMessage, UserTarget } from '../../src/core/ports/index.ts';
import type { WorkspaceRef } from '../../src/core/types.ts';
import { KeepAliveFetchError } from './keep-alive-fetch.ts';
import type { PacedCall, SlackPace } from './pace.ts';
import { renderMessage } from './rendering.ts';

/** Finds the Web API client (and so the token) for a workspace: one bot token now, an installation store later. */
export type ClientForTeam = (teamId: string) => Promise<webApi.WebClient>;

/** Platform errors Slack reports for its own trouble. */
const TRANSIENT_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/**
 * Codes that mean the workspace's token no longer works: the app was uninstalled or its token
 * revoked (the event saying so may not have been handled yet). Nothing about the member: they
 * must not be marked unreachable, and nothing is sent meanwhile.
 */
const DEAD_TOKEN = new Set(['account_inactive', 'token_revoked', 'token_expired', 'invalid_auth', 'not_authed']);

/** Codes that mean the bot is not in the channel (a private channel it was not invited to is "not found"). */
const NOT_IN_CHANNEL = new Set(['not_in_channel', 'channel_not_found']);
const INVITE_HINT = 'Invite me to this channel first: type /invite @Rebound here.';

/** Failures of a fetch other than ours that happen before anything is sent (undici puts the code in `cause`). */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

function neverSent(original: Error): boolean {
  if (original instanceof KeepAliveFetchError) return !original.requestSent;
  const code = (original as { code?: unknown }).code ?? (original.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && NEVER_SENT_CODES.has(code);
}

/** Maps anything a Web API call threw to the core's kinds of delivery failure. */
export function toDeliveryError(error: unknown, method: string): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof webApi.WebAPIRateLimitedError) return DeliveryError.rateLimited(error.retryAfter * 1000, error);
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = error.data.error;
    if (code === 'ratelimited') {
      return DeliveryError.rateLimited((error.data.response_metadata?.retryAfter ?? 1) * 1000, error);
    }
    if (TRANSIENT_ERRORS.has(code)) return DeliveryError.transient(`${method}: ${code}`, error);
    if (DEAD_TOKEN.has(code))
      return DeliveryError.transient(`${method}: ${code} (the workspace's token no longer works)`, error);
    // Unknown codes are request problems on our side: repeating the same request cannot succeed.
    return DeliveryError.permanent(`${method}: ${code}`, error, NOT_IN_CHANNEL.has(code) ? INVITE_HINT : undefined);
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    const kind = error.statusCode >= 500 || error.statusCode === 408 ? 'transient' : 'permanent';
    return new DeliveryError(kind, `${method}: HTTP ${error.statusCode}`, undefined, { cause: error });
  }
  if (error instanceof webApi.WebAPIRequestError) {
    // Sent whole and then no answer (a timeout, a connection reset): Slack may have acted on it.
    if (neverSent(error.original)) return DeliveryError.transient(`${method}: ${error.original.message}`, error);
    return DeliveryError.unknown(`${method}: no answer (${error.original.message})`, error);
  }
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
  // Slack said ok, so the message may well be there: never post it again.
  if (!result.channel || !result.ts) throw DeliveryError.unknown(`${method}: answer without channel or ts`);
  return { channelId: result.channel, messageId: result.ts };
}

/**
 * Shares files in a channel in a request's context with the SDK's upload helper
 * (files.getUploadURLExternal → upload → files.completeUploadExternal).
 */
export async function uploadFiles(
  client: webApi.WebClient,
  channelId: string,
  files: readonly OutboundFile[],
): Promise<void> {
  if (files.length === 0) return;
  await call('files.uploadV2', () =>
    client.filesUploadV2({
      channel_id: channelId,
      file_uploads: files.map((f) => ({
        file: Buffer.from(f.bytes),
        filename: f.filename,
        ...(f.title ? { title: f.title, alt_text: f.title } : {}),
      })),
    }),
  );
}

/** The bot's DM channel with a person, for what only takes a `D…` id (sharing files); a message can name the user. */
export async function openDirectChannel(client: webApi.WebClient, userId: string): Promise<string> {
  const result = await call('conversations.open', () => client.conversations.open({ users: userId }));
  const id = result.channel?.id;
  if (!id) throw DeliveryError.transient('conversations.open: answer without channel');
  return id;
}

/** Posts a file's bytes to the upload URL files.getUploadURLExternal gave; rejects unless Slack answers 200. */
export type UploadBytes = (uploadUrl: string, bytes: Uint8Array) => Promise<void>;

/** Told of each direct message sent, with the client that sent it; must not throw or wait. */
export type DirectSentHook = (client: webApi.WebClient, teamId: string, userId: string) => void;

export interface SlackChatPortDeps {
  readonly pace: SlackPace;
  readonly uploadBytes: UploadBytes;
  /** After a direct message went out (a nudge changes its member's App Home): told, never waited for. */
  readonly onDirectSent?: DirectSentHook;
}

/** Before files.completeUploadExternal nothing is visible, so a lost answer there is safe to try again. */
function nothingVisible(error: unknown, method: string): DeliveryError {
  const failure = toDeliveryError(error, method);
  return failure.kind === 'unknown' ? DeliveryError.transient(failure.message, failure.cause) : failure;
}

export function createSlackChatPort(clientFor: ClientForTeam, deps: SlackChatPortDeps): ChatPort {
  const { pace } = deps;

  /** Waits for Slack's limits, then `beforeRequest`, then the call; a 429 pauses the call's bucket. */
  async function paced<T>(target: PacedCall, run: () => Promise<T>, options?: SendOptions): Promise<T> {
    await pace.acquire(target, { background: options?.background === true });
    await options?.beforeRequest?.();
    try {
      return await run();
    } catch (error) {
      const failure = toDeliveryError(error, target.method);
      if (failure.kind === 'rate-limited') pace.pause(target, failure.retryAfterMs ?? 1000);
      throw failure;
    }
  }

  async function post(
    workspace: WorkspaceRef,
    channel: string,
    message: Message,
    options: SendOptions | undefined,
    threadTs?: string,
  ): Promise<SentMessage> {
    const client = await clientFor(workspace.workspaceId);
    const rendered = renderMessage(message);
    const target = { teamId: workspace.workspaceId, method: 'chat.postMessage', channelId: channel } as const;
    const result = await paced(
      target,
      () =>
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
      options,
    );
    return sentFrom('chat.postMessage', result);
  }

  async function uploadOne(client: webApi.WebClient, teamId: string, file: OutboundFile, background: boolean) {
    const method = 'files.getUploadURLExternal';
    const { upload_url: url, file_id: id } = await paced(
      { teamId, method },
      () =>
        client.files.getUploadURLExternal({
          filename: file.filename,
          length: file.bytes.length,
          ...(file.title ? { alt_text: file.title } : {}),
        }),
      { background },
    );
    if (!url || !id) throw DeliveryError.transient(`${method}: answer without upload_url or file_id`);
    await deps.uploadBytes(url, file.bytes);
    return { id, ...(file.title ? { title: file.title } : {}) };
  }

  return {
    async postToChannel(target: ChannelTarget, message: Message, options?: SendOptions) {
      return post(target.workspace, target.channelId, message, options);
    },
    async shareFiles(target: ChannelTarget, files: readonly OutboundFile[], options?: SendOptions) {
      const teamId = target.workspace.workspaceId;
      const client = await clientFor(teamId);
      const uploaded: { id: string; title?: string }[] = [];
      for (const file of files) {
        try {
          uploaded.push(await uploadOne(client, teamId, file, options?.background === true));
        } catch (error) {
          throw nothingVisible(error, 'files upload');
        }
      }
      const [first, ...rest] = uploaded;
      if (!first) return;
      // Only this request can make the files visible, so it is the one `beforeRequest` goes before.
      await paced(
        { teamId, method: 'files.completeUploadExternal' },
        () => client.files.completeUploadExternal({ files: [first, ...rest], channel_id: target.channelId }),
        options,
      );
    },
    async postThreadStarter(target: ChannelTarget, message: Message, _threadName: string, options?: SendOptions) {
      // Slack threads hang off a message; the name is for platforms with named threads.
      const sent = await post(target.workspace, target.channelId, message, options);
      return { ...sent, threadId: sent.messageId };
    },
    async postInThread(target: ChannelTarget, threadId: string, message: Message, options?: SendOptions) {
      return post(target.workspace, target.channelId, message, options, threadId);
    },
    async sendDirect(target: UserTarget, message: Message, options?: SendOptions) {
      // Slack takes the user id as the channel and answers with the DM's `D…` id: no lookup first.
      let sent: SentMessage;
      try {
        sent = await post(target.workspace, target.dmChannelId ?? target.userId, message, options);
      } catch (error) {
        // A DM has nobody to invite: the channel's remedy does not apply.
        if (error instanceof DeliveryError && error.remedy) throw DeliveryError.permanent(error.message, error.cause);
        throw error;
      }
      const hook = deps.onDirectSent;
      if (hook) {
        const teamId = target.workspace.workspaceId;
        // The message is out: the hook is not waited for and its failures are not the send's.
        void clientFor(teamId)
          .then((client) => hook(client, teamId, target.userId))
          .catch(() => undefined);
      }
      return sent;
    },
    async updateMessage(workspace: WorkspaceRef, sent: SentMessage, message: Message) {
      const client = await clientFor(workspace.workspaceId);
      const rendered = renderMessage(message);
      await paced({ teamId: workspace.workspaceId, method: 'chat.update' }, () =>
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
      await paced({ teamId: workspace.workspaceId, method: 'chat.delete' }, () =>
        client.chat.delete({ channel: sent.channelId, ts: sent.messageId }),
      );
    },
  };
}
