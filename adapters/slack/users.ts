/**
 * Who a Slack user is (display name, IANA timezone, bot or not), from users.info and cached:
 * every inbound event needs it and Slack rate-limits users.info (Tier 4). A look-up that fails or
 * takes too long answers with the fallback name and no timezone (the core then uses the group's)
 * and is not kept, so the command is still answered and the next event asks Slack again.
 */
import { webApi } from '@slack/bolt';
import type { Actor } from '../../src/core/events.ts';
import type { Logger } from '../../src/core/ports/index.ts';
import type { SlackPace } from './pace.ts';

interface UsersInfoUser {
  readonly name?: string;
  readonly real_name?: string;
  readonly tz?: string;
  readonly is_bot?: boolean;
  readonly profile?: { readonly display_name?: string; readonly real_name?: string };
}

export interface UserDirectory {
  /** The actor for a user id; falls back to `fallbackName` and no timezone when Slack cannot say in time. */
  actor(client: webApi.WebClient, teamId: string, userId: string, fallbackName?: string): Promise<Actor>;
}

export interface UserDirectoryOptions {
  readonly ttlMs?: number;
  readonly maxEntries?: number;
  /** Milliseconds since the epoch; the cache's only use of time. */
  readonly now?: () => number;
  /** How long a look-up may take, waiting for Slack's limits included, before the fallback answers. */
  readonly lookupTimeoutMs?: number;
  /** Keeps users.info within its tier; absent, calls are not paced. */
  readonly pace?: SlackPace;
}

export const DEFAULT_LOOKUP_TIMEOUT_MS = 3000;

/** Runs `work` with a signal that aborts after `ms`; rejects then, whether or not `work` listens. */
function withTimeout<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`no answer within ${ms} ms`);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  return Promise.race([work(controller.signal), expired]).finally(() => clearTimeout(timer));
}

export function createUserDirectory(logger: Logger, options: UserDirectoryOptions = {}): UserDirectory {
  const ttlMs = options.ttlMs ?? 60 * 60 * 1000;
  const maxEntries = options.maxEntries ?? 10_000;
  const lookupTimeoutMs = options.lookupTimeoutMs ?? DEFAULT_LOOKUP_TIMEOUT_MS;
  const now = options.now ?? (() => performance.timeOrigin + performance.now());
  const cache = new Map<string, { readonly actor: Promise<Actor>; readonly at: number }>();

  async function lookUp(
    client: webApi.WebClient,
    teamId: string,
    userId: string,
    fallbackName: string,
    signal: AbortSignal,
  ): Promise<Actor> {
    await options.pace?.acquire({ teamId, method: 'users.info' }, { signal });
    let result;
    try {
      result = await client.users.info({ user: userId });
    } catch (error) {
      if (error instanceof webApi.WebAPIRateLimitedError) {
        options.pace?.pause({ teamId, method: 'users.info' }, error.retryAfter * 1000);
      }
      throw error;
    }
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
      const actor: Promise<Actor> = withTimeout(lookupTimeoutMs, (signal) =>
        lookUp(client, teamId, userId, fallbackName, signal),
      ).catch((error: unknown) => {
        // A failed or late look-up is not kept: the next event asks again.
        if (cache.get(key)?.actor === actor) cache.delete(key);
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
