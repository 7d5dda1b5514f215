/**
 * Buttons (block_actions) and modal submissions (view_submission). A click is acknowledged first
 * and answered afterwards; a submission is answered *in* its acknowledgement, because that is the
 * only way Slack shows inline field errors or keeps the modal open. Either may change the member's
 * App Home, which is published again (in the background, spaced: home.ts) once they are answered.
 */
import type { App, BlockAction, ButtonAction, ViewOutput, ViewSubmitAction } from '@slack/bolt';
import type { ButtonEvent, FormSubmitEvent } from '../../src/core/events.ts';
import type { InboundDeps } from './inbound.ts';
import { decodeFormContext } from './ids.ts';
import type { ReplyContext } from './replies.ts';

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
    const reply = await deps.handler.handle(event);
    if (body.view?.type === 'home') {
      // Pressed in the Home tab: a form opens as a modal; everything else shows in the home itself,
      // published again with what changed.
      if (reply.type === 'form')
        await deps.replies.send(reply, { client, teamId, userId: body.user.id, triggerId: body.trigger_id });
      await deps.home.refresh(client, teamId, actor);
      return;
    }
    await deps.replies.send(reply, context);
    if (reply.type !== 'form') deps.home.changed(client, teamId, actor);
  });

  app.view<ViewSubmitAction>({ type: 'view_submission' }, async ({ body, view, ack, client }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? view.team_id;
    // Each submission has its own trigger_id: a replayed one would store the entry twice.
    if (body.trigger_id && !(await deps.firstDelivery(teamId, 'form-submit', body.trigger_id))) {
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
    const reply = await deps.handler.handle(event);
    await deps.replies.send(reply, {
      client,
      teamId,
      userId: body.user.id,
      submission: { ack, title: view.title.text, privateMetadata: view.private_metadata },
    });
    // Field errors mean nothing was stored.
    if (reply.type !== 'form-errors') deps.home.changed(client, teamId, actor);
  });
}
