/**
 * Events API: peer reactions, replies in check-in threads and messages written to the bot in a DM.
 * Slack redelivers an event it did not see acknowledged in time, so each event_id is handled once
 * (recorded in the database, so a retry that reaches another process counts too); events made by
 * bots (this one included) never reach the core.
 */
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Actor, DirectMessageEvent, ReactionEvent, ThreadReplyEvent } from '../../src/core/events.ts';
import type { InboundDeps } from './inbound.ts';
import type { ReplyContext } from './replies.ts';
import { slackMarkupToPlain } from './slack-text.ts';

export function registerEvents(app: App, deps: InboundDeps): void {
  /**
   * Asked only for events that would reach the core, once the cheap checks passed: the many channel
   * messages that are not thread replies never write a row.
   */
  async function firstDelivery(body: { team_id: string; event_id: string }): Promise<boolean> {
    if (await deps.firstDelivery(body.team_id, 'event', body.event_id)) return true;
    deps.logger.info({ teamId: body.team_id, eventId: body.event_id }, 'duplicate event ignored');
    return false;
  }

  async function humanActor(args: AllMiddlewareArgs, teamId: string, userId: string): Promise<Actor | null> {
    if (userId === args.context.botUserId) return null;
    const actor = await deps.users.actor(args.client, teamId, userId);
    return actor.isBot ? null : actor;
  }

  async function onReaction(
    args: SlackEventMiddlewareArgs<'reaction_added' | 'reaction_removed'> & AllMiddlewareArgs,
  ): Promise<void> {
    const { event, body } = args;
    if (event.item.type !== 'message' || !(await firstDelivery(body))) return;
    const actor = await humanActor(args, body.team_id, event.user);
    if (!actor) return;
    const reaction: ReactionEvent = {
      kind: 'reaction',
      added: event.type === 'reaction_added',
      messageId: event.item.ts,
      emoji: event.reaction,
      source: { platform: 'slack', workspaceId: body.team_id, channelId: event.item.channel, actor },
    };
    await handle(reaction, {
      client: args.client,
      teamId: body.team_id,
      userId: event.user,
      channelId: event.item.channel,
    });
  }

  async function handle(event: ReactionEvent | ThreadReplyEvent, context: ReplyContext): Promise<void> {
    // Events have no response_url: a private answer is an ephemeral message where the event happened.
    await deps.replies.send(await deps.handler.handle(event), context);
  }

  app.event('app_home_opened', async (args) => {
    const { event, body } = args;
    if (event.tab !== 'home') return;
    const actor = await humanActor(args, body.team_id, event.user);
    if (actor) await deps.home.refresh(args.client, body.team_id, actor);
  });

  app.event('reaction_added', onReaction);
  app.event('reaction_removed', onReaction);

  app.event('message', async (args) => {
    const { event, body } = args;
    if (event.channel_type === 'im') {
      // A message written to the bot in its DM: answered there, with what works in a DM.
      if (event.subtype !== undefined || !event.user || ('bot_id' in event && event.bot_id)) return;
      if (!(await firstDelivery(body))) return;
      const actor = await humanActor(args, body.team_id, event.user);
      if (!actor) return;
      const dm: DirectMessageEvent = {
        kind: 'direct-message',
        source: { platform: 'slack', workspaceId: body.team_id, channelId: event.channel, actor },
      };
      // No channel in the context: the answer is a plain message in the person's DM, not an ephemeral one.
      await deps.replies.send(await deps.handler.handle(dm), {
        client: args.client,
        teamId: body.team_id,
        userId: event.user,
      });
      return;
    }
    // Only plain replies (or replies also sent to the channel) inside a thread.
    if (event.subtype !== undefined && event.subtype !== 'thread_broadcast') return;
    if (!event.thread_ts || event.thread_ts === event.ts || !event.user) return;
    if (('bot_id' in event && event.bot_id) || !(await firstDelivery(body))) return;
    const actor = await humanActor(args, body.team_id, event.user);
    if (!actor) return;
    const reply: ThreadReplyEvent = {
      kind: 'thread-reply',
      threadId: event.thread_ts,
      ...(event.text ? { text: slackMarkupToPlain(event.text) } : {}),
      source: { platform: 'slack', workspaceId: body.team_id, channelId: event.channel, actor },
    };
    await handle(reply, {
      client: args.client,
      teamId: body.team_id,
      userId: event.user,
      channelId: event.channel,
      threadTs: event.thread_ts,
    });
  });
}
