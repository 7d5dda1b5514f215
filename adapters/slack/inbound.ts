/** What the handlers of commands, interactions and events share: their dependencies and replay protection. */
import type { EventHandler } from '../../src/core/event-handler.ts';
import type { Logger } from '../../src/core/ports/index.ts';
import type { createReplySender } from './replies.ts';
import type { UserDirectory } from './users.ts';

export interface InboundDeps {
  readonly handler: EventHandler;
  readonly users: UserDirectory;
  readonly replies: ReturnType<typeof createReplySender>;
  readonly logger: Logger;
}

/** Remembers the last `capacity` event ids; Slack retries within minutes, so a bounded window is enough. */
export function createEventDeduper(capacity = 20_000): (teamId: string, eventId: string) => boolean {
  const seen = new Set<string>();
  return (teamId, eventId) => {
    const key = `${teamId}:${eventId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (seen.size > capacity) {
      const oldest = seen.values().next();
      if (!oldest.done) seen.delete(oldest.value);
    }
    return true;
  };
}
