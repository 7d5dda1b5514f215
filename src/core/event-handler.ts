import type { InboundEvent } from './events.ts';
import type { Reply } from './messages.ts';

/**
 * The core's single inbound entry point. Adapters normalise a platform event, call `handle`, and
 * render the reply in the context of that event (ephemeral message, modal, replaced message).
 * `handle` never throws for bad input: a `UserError` becomes a private reply.
 */
export interface EventHandler {
  handle(event: InboundEvent): Promise<Reply>;
}
