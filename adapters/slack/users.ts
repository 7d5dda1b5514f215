/**
 * Who a Slack user is (display name, IANA timezone, bot or not), from users.info and cached:
 * every inbound event needs it and Slack rate-limits users.info (Tier 4).
 */
import type { webApi } from '@slack/bolt';
import type { Actor } from '../../src/core/events.ts';
import type { Logger } from '../../src/core/ports/index.ts';

interface UsersInfoUser {
  readonly name?: string;
  readonly real_name?: string;
  readonly tz?: string;
  readonly is_bot?: boolean;
  readonly profile?: { readonly display_name?: string; readonly real_name?: string };
}

export interface UserDirectory {
  /** The actor for a user id; falls back to `fallbackName` and no timezone when Slack cannot say. */
  actor(client: webApi.WebClient, teamId: string, userId: string, fallbackName?: string): Promise<Actor>;
}

export interface UserDirectoryOptions {
  readonly ttlMs?: number;
  readonly maxEntries?: number;
  /** Milliseconds since the epoch; the cache's only use of time. */
  readonly now?: () => number;
}

export function createUserDirectory(logger: Logger, options: UserDirectoryOptions = {}): UserDirectory {
  const ttlMs = options.ttlMs ?? 60 * 60 * 1000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? (() => performance.timeOrigin + performance.now());
  const cache = new Map<string, { readonly actor: Promise<Actor>; readonly at: number }>();

  async function lookUp(client: webApi.WebClient, userId: string, fallbackName: string): Promise<Actor> {
    const result = await client.users.info({ user: userId });
    const user: UsersInfoUser | undefined = result.user;
    const displayName =
      user?.profile?.display_name || user?.profile?.real_name || user?.real_name || user?.name || fallbackName;
    const actor: Actor = { userId, displayName, isBot: user?.is_bot === true };
    return user?.tz ? { ...actor, timezone: user.tz } : actor;
  }

  return {
    actor(client, teamId, userId, fallbackName = userId) {
      const key = `${teamId}:${userId}`;
      const hit = cache.get(key);
      if (hit && now() - hit.at < ttlMs) return hit.actor;
      const actor = lookUp(client, userId, fallbackName).catch((error: unknown) => {
        // A failed look-up is not cached: the next event tries again.
        cache.delete(key);
        logger.warn({ teamId, userId, error: error instanceof Error ? error.message : 'unknown' }, 'users.info failed');
        return { userId, displayName: fallbackName, isBot: false } satisfies Actor;
      });
      if (cache.size >= maxEntries) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
      cache.set(key, { actor, at: now() });
      return actor;
    },
  };
}
