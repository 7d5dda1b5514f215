/**
 * The App Home tab: the member's home (the core's `home-opened` answer) published with
 * `views.publish`, when they open the tab and after a button pressed in it. Publishing is spaced
 * per member: a request within a few seconds of the last one is folded into one publish when the
 * spacing has passed, so a burst of presses costs one call.
 */
import type { webApi } from '@slack/bolt';
import type { EventHandler } from '../../src/core/event-handler.ts';
import type { Actor } from '../../src/core/events.ts';
import type { Logger } from '../../src/core/ports/index.ts';
import { renderMessage } from './rendering.ts';

/** The least time between two publishes of one member's home. */
export const HOME_SPACING_MS = 3000;

export interface HomePublisher {
  /** Publishes (now, or once the spacing has passed) the home of `actor` in `teamId`. */
  refresh(client: webApi.WebClient, teamId: string, actor: Actor): Promise<void>;
  /** Drops pending publishes (shutdown). */
  stop(): void;
}

export function createHomePublisher(handler: EventHandler, logger: Logger, spacingMs = HOME_SPACING_MS): HomePublisher {
  const last = new Map<string, number>();
  const pending = new Map<string, NodeJS.Timeout>();

  async function publish(client: webApi.WebClient, teamId: string, actor: Actor): Promise<void> {
    last.set(`${teamId}:${actor.userId}`, Date.now());
    const reply = await handler.handle({
      kind: 'home-opened',
      source: { platform: 'slack', workspaceId: teamId, channelId: '', actor },
    });
    if (reply.type !== 'private') return;
    try {
      await client.views.publish({
        user_id: actor.userId,
        view: { type: 'home', blocks: renderMessage(reply.message).blocks },
      });
    } catch (error) {
      logger.warn(
        { teamId, error: error instanceof Error ? error.message : 'unknown' },
        'could not publish the home tab',
      );
    }
  }

  return {
    async refresh(client, teamId, actor) {
      const key = `${teamId}:${actor.userId}`;
      if (pending.has(key)) return;
      const wait = (last.get(key) ?? -Infinity) + spacingMs - Date.now();
      if (wait <= 0) return publish(client, teamId, actor);
      pending.set(
        key,
        setTimeout(() => {
          pending.delete(key);
          void publish(client, teamId, actor);
        }, wait),
      );
    },
    stop() {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
}
