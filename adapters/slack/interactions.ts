/**
 * Buttons (block_actions) and modal submissions (view_submission). A click is acknowledged first
 * and answered afterwards; a submission is answered *in* its acknowledgement, because that is the
 * only way Slack shows inline field errors or keeps the modal open.
 */
import type { App, BlockAction, ButtonAction, ViewOutput, ViewSubmitAction, types as Slack } from '@slack/bolt';
import type { ButtonEvent, FormSubmitEvent } from '../../src/core/events.ts';
import type { Reply } from '../../src/core/messages.ts';
import type { InboundDeps } from './commands.ts';
import { createEventDeduper } from './events.ts';
import { decodeFormContext } from './ids.ts';
import { SORRY, type ReplyContext } from './replies.ts';
import { renderForm, renderNoticeView } from './rendering.ts';

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The submitted value of each input, keyed by block id (which is the form field's id). */
export function formFields(view: ViewOutput): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(view.state.values)) {
    for (const state of Object.values(actions)) {
      fields[blockId] = state.value ?? state.selected_option?.value ?? '';
    }
  }
  return fields;
}

export function registerInteractions(app: App, deps: InboundDeps): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions' }, async ({ body, action, ack, respond, client }) => {
    await ack();
    if (action.type !== 'button') return;
    const teamId = body.team?.id ?? body.user.team_id;
    if (!teamId) return;
    const fromView = body.view ? decodeFormContext(body.view.private_metadata) : null;
    const channelId = body.channel?.id ?? stringField(body.container['channel_id']) ?? fromView?.channelId;
    const actor = await deps.users.actor(client, teamId, body.user.id, body.user.username ?? body.user.name);
    // Ephemeral messages (e.g. /followups) are not stored by Slack, so they have no usable id.
    const messageId = body.container['is_ephemeral'] === true ? undefined : body.message?.ts;
    const event: ButtonEvent = {
      kind: 'button',
      actionId: action.action_id,
      ...(messageId ? { messageId } : {}),
      source: {
        platform: 'slack',
        workspaceId: teamId,
        channelId: channelId ?? '',
        ...(body.channel?.name ? { channelName: body.channel.name } : {}),
        actor,
      },
    };
    const context: ReplyContext = {
      client,
      teamId,
      userId: body.user.id,
      ...(channelId ? { channelId } : {}),
      ...(body.channel?.name ? { channelName: body.channel.name } : {}),
      ...(body.response_url ? { respond } : {}),
      triggerId: body.trigger_id,
      ...(body.message?.ts ? { messageTs: body.message.ts } : {}),
      ...(body.view?.id ? { viewId: body.view.id } : {}),
    };
    let reply: Reply;
    try {
      reply = await deps.handler.handle(event);
    } catch (error) {
      deps.logger.error({ teamId, error: error instanceof Error ? error.message : 'unknown' }, 'button failed');
      reply = { type: 'private', message: SORRY };
    }
    await deps.replies.send(reply, context);
  });

  const firstSubmission = createEventDeduper();
  app.view<ViewSubmitAction>({ type: 'view_submission' }, async ({ body, view, ack, client }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? view.team_id;
    // Each submission has its own trigger_id: a replayed one would store the entry twice.
    if (body.trigger_id && !firstSubmission(teamId, body.trigger_id)) {
      deps.logger.warn({ teamId, form: view.callback_id }, 'replayed form submission ignored');
      return ack();
    }
    const where = decodeFormContext(view.private_metadata);
    const actor = await deps.users.actor(client, teamId, body.user.id, body.user.name);
    const event: FormSubmitEvent = {
      kind: 'form-submit',
      formId: view.callback_id,
      fields: formFields(view),
      source: {
        platform: 'slack',
        workspaceId: teamId,
        channelId: where?.channelId ?? '',
        ...(where?.channelName ? { channelName: where.channelName } : {}),
        actor,
      },
    };
    let reply: Reply;
    try {
      reply = await deps.handler.handle(event);
    } catch (error) {
      deps.logger.error(
        { teamId, form: view.callback_id, error: error instanceof Error ? error.message : 'unknown' },
        'form failed',
      );
      reply = { type: 'private', message: SORRY };
    }
    const title = view.title.text;
    const notice = (message: Parameters<typeof renderNoticeView>[1]): Slack.ModalView =>
      renderNoticeView(title, message);
    switch (reply.type) {
      case 'form-errors':
        return ack({ response_action: 'errors', errors: { ...reply.errors } });
      case 'form':
        return ack({ response_action: 'update', view: renderForm(reply.form, view.private_metadata) });
      case 'private':
        await ack({ response_action: 'update', view: notice(reply.message) });
        if (reply.files && reply.files.length > 0) {
          // The modal shows the answer; files go to the person's DM.
          await deps.replies.sendFilesByDirectMessage(reply.files, { client, teamId, userId: body.user.id });
        }
        return;
      case 'replace':
        return ack({ response_action: 'update', view: notice(reply.privateNote ?? reply.message) });
      case 'none':
        return ack();
    }
  });
}
