/**
 * Sends the core's Reply in the context of the Slack request that caused it: an ephemeral answer
 * in a slash command's acknowledgement or through the response_url, a modal through the
 * trigger_id, the clicked message replaced, or the acknowledgement of a modal submission. The one
 * place a Reply becomes Slack calls.
 */
import type { AckFn, RespondFn, ViewResponseAction, webApi } from '@slack/bolt';
import type { Message, OutboundFile, Reply } from '../../src/core/messages.ts';
import { textMessage } from '../../src/core/messages.ts';
import type { Logger } from '../../src/core/ports/index.ts';
import type { CommandAcknowledgement } from './command-ack.ts';
import { openDirectChannel, uploadFiles } from './delivery.ts';
import { encodeFormContext, type FormContext } from './ids.ts';
import { renderForm, renderMessage, renderNoticeView } from './rendering.ts';

/** Where a reply goes. Fields Slack did not send for this kind of request are absent. */
export interface ReplyContext {
  readonly client: webApi.WebClient;
  readonly teamId: string;
  readonly userId: string;
  /** The conversation of the request; absent for modal submissions opened outside one. */
  readonly channelId?: string;
  readonly channelName?: string;
  readonly respond?: RespondFn;
  /**
   * A slash command's acknowledgement, until it leaves: a private text answer goes in it, and
   * nothing else can, so any other reply lets it go first.
   */
  readonly acknowledgement?: CommandAcknowledgement;
  readonly triggerId?: string;
  /** The clicked message, for replacing it when there is no response_url. */
  readonly messageTs?: string;
  /** The modal the click came from, when it came from one. */
  readonly viewId?: string;
  /** The thread the event happened in; a private answer appears there. */
  readonly threadTs?: string;
  /**
   * A modal submission, answered *in* its acknowledgement: the only way Slack shows inline field
   * errors or keeps the modal open.
   */
  readonly submission?: {
    readonly ack: AckFn<ViewResponseAction>;
    readonly title: string;
    readonly privateMetadata: string;
  };
}

export function createReplySender(logger: Logger): {
  /** Does what the reply says in the request's context; a failing Slack call is logged, never thrown. */
  send(reply: Reply, context: ReplyContext): Promise<void>;
} {
  async function sendFilesByDirectMessage(files: readonly OutboundFile[], context: ReplyContext): Promise<void> {
    // Ephemeral messages cannot carry files; the person's DM with the bot is the private place.
    const channel = await openDirectChannel(context.client, context.userId);
    await uploadFiles(context.client, channel, files);
  }

  async function sendPrivate(message: Message, context: ReplyContext, files?: readonly OutboundFile[]): Promise<void> {
    const rendered = renderMessage(message);
    const ephemeral = { response_type: 'ephemeral', text: rendered.text, blocks: rendered.blocks } as const;
    if (context.submission) {
      // The modal shows the answer; files go to the person's DM.
      await context.submission.ack({
        response_action: 'update',
        view: renderNoticeView(context.submission.title, message),
      });
    } else if (context.viewId) {
      await context.client.views.update({ view_id: context.viewId, view: renderNoticeView('Rebound', message) });
    } else if (!files?.length && (await context.acknowledgement?.answer(ephemeral))) {
      // It went in the command's acknowledgement: no response_url call.
    } else if (context.respond) {
      await context.respond({ ...ephemeral, replace_original: false });
    } else if (context.channelId) {
      await context.client.chat.postEphemeral({
        channel: context.channelId,
        user: context.userId,
        text: rendered.text,
        blocks: rendered.blocks,
        ...(context.threadTs ? { thread_ts: context.threadTs } : {}),
      });
    } else {
      // Slack takes the user id as the channel of a DM.
      await context.client.chat.postMessage({ channel: context.userId, text: rendered.text, blocks: rendered.blocks });
    }
    if (files && files.length > 0) await sendFilesByDirectMessage(files, context);
  }

  async function replace(message: Message, context: ReplyContext): Promise<void> {
    const rendered = renderMessage(message);
    if (context.viewId) {
      await context.client.views.update({ view_id: context.viewId, view: renderNoticeView('Rebound', message) });
    } else if (context.respond) {
      await context.respond({ replace_original: true, text: rendered.text, blocks: rendered.blocks });
    } else if (context.channelId && context.messageTs) {
      await context.client.chat.update({
        channel: context.channelId,
        ts: context.messageTs,
        text: rendered.text,
        blocks: rendered.blocks,
      });
    } else {
      await sendPrivate(message, context);
    }
  }

  async function send(reply: Reply, context: ReplyContext): Promise<void> {
    try {
      const { submission } = context;
      // Only a private text answer (field errors become one) can travel in a command's
      // acknowledgement; before a modal, a file or no answer at all, it leaves empty first.
      const answersInAck = (reply.type === 'private' && !reply.files?.length) || reply.type === 'form-errors';
      if (!answersInAck) await context.acknowledgement?.close();
      switch (reply.type) {
        case 'none':
          // A submission must always be acknowledged; that closes the modal.
          if (submission) await submission.ack();
          return;
        case 'private':
          return await sendPrivate(reply.message, context, reply.files);
        case 'form': {
          if (submission) {
            return await submission.ack({
              response_action: 'update',
              view: renderForm(reply.form, submission.privateMetadata),
            });
          }
          if (!context.triggerId) {
            return await sendPrivate(textMessage('This form can only be opened from a command or a button.'), context);
          }
          const formContext: FormContext | null = context.channelId
            ? { channelId: context.channelId, ...(context.channelName ? { channelName: context.channelName } : {}) }
            : null;
          await context.client.views.open({
            trigger_id: context.triggerId,
            view: renderForm(reply.form, formContext ? encodeFormContext(formContext) : ''),
          });
          return;
        }
        case 'form-errors':
          // Only a modal submission can show field errors inline; elsewhere they become one private answer.
          if (submission) return await submission.ack({ response_action: 'errors', errors: { ...reply.errors } });
          return await sendPrivate(textMessage(...Object.values(reply.errors)), context);
        case 'replace':
          // A submission has no clicked message to replace: the modal shows what there is to say.
          if (submission) return await sendPrivate(reply.privateNote ?? reply.message, context);
          await replace(reply.message, context);
          if (reply.privateNote) await sendPrivate(reply.privateNote, { ...context, viewId: undefined });
          return;
      }
    } catch (error) {
      logger.error(
        { teamId: context.teamId, reply: reply.type, error: error instanceof Error ? error.message : 'unknown' },
        'could not deliver a reply',
      );
    }
  }

  return { send };
}
