/**
 * The App Home tab: the member's home (the core's `home-opened` answer) published with
 * `views.publish` when they open the tab, after a button pressed in it, and in the background
 * after anything else that may change it (a command, a button or a form elsewhere, a nudge sent
 * to them). Publishing is spaced per member: a request within a few seconds of the last one is
 * folded into one publish when the spacing has passed, so a burst costs one call. A failed publish
 * is logged and never reaches whoever asked for it.
 */
import type { webApi } from '@slack/bolt';
import type { EventHandler } from '../../src/core/event-handler.ts';
import type { Actor } from '../../src/core/events.ts';
import type { Logger } from '../../src/core/ports/index.ts';
import type { DirectSentHook } from './delivery.ts';
import { renderMessage } from './rendering.ts';
import type { UserDirectory } from './users.ts';

/** The least time between two publishes of one member's home. */
export const HOME_SPACING_MS = 3000;

export interface HomePublisher {
  /**
   * Publishes (now, or once the spacing has passed) the home of `actor` in `teamId`: they opened
   * the tab or pressed in it, so someone in no group is shown how to begin.
   */
  refresh(client: webApi.WebClient, teamId: string, actor: Actor): Promise<void>;
  /**
   * Something `actor` did or was sent may have changed their home: publishes it the same spaced
   * way, in the background, when they opened the tab since this process started (an unopened tab
   * is published when it is opened) and have a home (someone in no group is left alone unless
   * this process last showed them a member's home, e.g. they just left). Never throws.
   */
  changed(client: webApi.WebClient, teamId: string, actor: Actor): void;
  /** Whether the member opened their Home tab since this process started (a nudge then refreshes it). */
  opened(teamId: string, userId: string): boolean;
  /** Drops pending publishes and takes no new ones (shutdown). */
  stop(): void;
}

interface Pending {
  readonly timer: NodeJS.Timeout;
  /** Whether the publish waiting was asked for by an opening (show the welcome page too). */
  opened: boolean;
}

export function createHomePublisher(handler: EventHandler, logger: Logger, spacingMs = HOME_SPACING_MS): HomePublisher {
  const last = new Map<string, number>();
  const pending = new Map<string, Pending>();
  /** Members whose tab this process last published with a member's home, not the welcome page. */
  const shownHome = new Set<string>();
  /** Members who opened the tab here: a sweep's nudges refresh only theirs, not every member's. */
  const openedTab = new Set<string>();
  let stopped = false;

  async function homeOf(teamId: string, actor: Actor, refresh: boolean) {
    return handler.handle({
      kind: 'home-opened',
      source: { platform: 'slack', workspaceId: teamId, channelId: '', actor },
      ...(refresh ? { refresh } : {}),
    });
  }

  async function publish(client: webApi.WebClient, teamId: string, actor: Actor, opened: boolean): Promise<void> {
    const key = `${teamId}:${actor.userId}`;
    last.set(key, Date.now());
    try {
      // Asked as a refresh first: its `none` says they are in no group, where the welcome page shows.
      let reply = await homeOf(teamId, actor, true);
      const member = reply.type === 'private';
      if (!member && (opened || shownHome.has(key))) reply = await homeOf(teamId, actor, false);
      if (reply.type !== 'private' || stopped) return;
      await client.views.publish({
        user_id: actor.userId,
        view: { type: 'home', blocks: renderMessage(reply.message).blocks },
      });
      if (member) shownHome.add(key);
      else shownHome.delete(key);
    } catch (error) {
      logger.warn(
        { teamId, error: error instanceof Error ? error.message : 'unknown' },
        'could not publish the home tab',
      );
    }
  }

  async function request(client: webApi.WebClient, teamId: string, actor: Actor, opened: boolean): Promise<void> {
    if (stopped) return;
    const key = `${teamId}:${actor.userId}`;
    const waiting = pending.get(key);
    if (waiting) {
      waiting.opened ||= opened;
      return;
    }
    const wait = (last.get(key) ?? -Infinity) + spacingMs - Date.now();
    if (wait <= 0) return publish(client, teamId, actor, opened);
    const entry: Pending = {
      opened,
      timer: setTimeout(() => {
        pending.delete(key);
        void publish(client, teamId, actor, entry.opened);
      }, wait),
    };
    pending.set(key, entry);
  }

  return {
    refresh: (client, teamId, actor) => {
      openedTab.add(`${teamId}:${actor.userId}`);
      return request(client, teamId, actor, true);
    },
    opened: (teamId, userId) => openedTab.has(`${teamId}:${userId}`),
    changed(client, teamId, actor) {
      // Only a tab opened here can be on screen: any other is published fresh when it is opened.
      if (!openedTab.has(`${teamId}:${actor.userId}`)) return;
      // publish() logs its own failures; this catch is for anything else, so nothing goes unhandled.
      request(client, teamId, actor, false).catch((error: unknown) =>
        logger.warn({ teamId, error: error instanceof Error ? error.message : 'unknown' }, 'home refresh failed'),
      );
    },
    stop() {
      stopped = true;
      for (const { timer } of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
}

/**
 * The chat port's hook after a direct message (a nudge changes what is due in the home): for a
 * member who opened their tab (a sweep nudging thousands costs no call for the others), the
 * member's actor from the directory (cached; a failed look-up answers with their id), then a
 * background refresh. Never throws and returns at once, so a sweep never waits on it.
 */
export function homeAfterDirect(home: HomePublisher, users: UserDirectory, logger: Logger): DirectSentHook {
  return (client, teamId, userId) => {
    if (!home.opened(teamId, userId)) return;
    users
      .actor(client, teamId, userId)
      .then((actor) => {
        if (!actor.isBot) home.changed(client, teamId, actor);
      })
      .catch((error: unknown) =>
        logger.warn({ teamId, error: error instanceof Error ? error.message : 'unknown' }, 'home refresh failed'),
      );
  };
}
