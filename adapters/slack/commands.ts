/**
 * Slash commands. Slack gives us 3 seconds to acknowledge: a private answer the core has ready
 * within the budget goes in the acknowledgement itself; slower work is acknowledged empty at the
 * budget and answered through the response_url. A modal, a file or anything other than a private
 * answer lets the acknowledgement go first (see replies.ts). Once answered, the member's App Home
 * is refreshed in the background (home.ts): the command may have changed what it shows.
 */
import type { App } from '@slack/bolt';
import type { Actor, CommandEvent } from '../../src/core/events.ts';
import { acknowledgeWithin } from './command-ack.ts';
import { parseSlackCommand } from './command-text.ts';
import type { InboundDeps } from './inbound.ts';

export function registerCommands(app: App, deps: InboundDeps): void {
  app.command(/^\/.+/, async ({ command, ack, respond, client }) => {
    const acknowledgement = acknowledgeWithin(ack, deps.answerInAckWithinMs, deps.logger);
    let changedHomeOf: Actor | null = null;
    try {
      // A signed request can be replayed within Slack's five-minute window, to this process or
      // another; each trigger_id is one invocation, so a second request with it is dropped.
      if (command.trigger_id && !(await deps.firstDelivery(command.team_id, 'command', command.trigger_id))) {
        deps.logger.warn({ teamId: command.team_id, command: command.command }, 'replayed slash command ignored');
        return;
      }
      const parsed = parseSlackCommand(command.command, command.text);
      if (!parsed) {
        deps.logger.warn({ command: command.command }, 'unknown slash command');
        return;
      }
      const actor = await deps.users.actor(client, command.team_id, command.user_id, command.user_name);
      const event: CommandEvent = {
        kind: 'command',
        ...parsed,
        source: {
          platform: 'slack',
          workspaceId: command.team_id,
          channelId: command.channel_id,
          channelName: command.channel_name,
          actor,
        },
      };
      const context = {
        client,
        teamId: command.team_id,
        userId: command.user_id,
        channelId: command.channel_id,
        channelName: command.channel_name,
        respond,
        triggerId: command.trigger_id,
        acknowledgement,
      };
      const reply = await deps.handler.handle(event);
      // A form only opens a modal: its submission is what may change the home.
      if (reply.type !== 'form') changedHomeOf = actor;
      await deps.replies.send(reply, context);
    } finally {
      await acknowledgement.close();
      if (changedHomeOf) deps.home.changed(client, command.team_id, changedHomeOf);
    }
  });
}
