/** What the handlers of commands, interactions and events share: their dependencies and replay protection. */
import type { EventHandler } from '../../src/core/event-handler.ts';
import type { InboundKind, Logger } from '../../src/core/ports/index.ts';
import type { HomePublisher } from './home.ts';
import type { createReplySender } from './replies.ts';
import type { UserDirectory } from './users.ts';

export interface InboundDeps {
  readonly handler: EventHandler;
  readonly users: UserDirectory;
  readonly replies: ReturnType<typeof createReplySender>;
  readonly logger: Logger;
  /** The App Home tab's publisher. */
  readonly home: HomePublisher;
  /** How long a command's work may take and still answer in its acknowledgement. */
  readonly answerInAckWithinMs: number;
  /**
   * True the first time a Slack id (an event_id, a trigger_id) is seen in this team, by any
   * process on the database; false for a retry or a replay, which is then dropped.
   */
  firstDelivery(teamId: string, kind: InboundKind, id: string): Promise<boolean>;
}
