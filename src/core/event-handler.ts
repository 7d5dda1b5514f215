import type { InboundEvent } from './events.ts';
import type { Reply } from './messages.ts';

/**
 * The core's single inbound entry point. Adapters normalise a platform event, call `handle`, and
 * render the reply in the context of that event (ephemeral message, modal, replaced message).
 * `handle` never throws: bad input becomes a private reply, an unexpected failure the core's one
 * apology. Adapters therefore add no apology of their own; they only log a platform call that fails
 * while sending the reply.
 */
export interface EventHandler {
  handle(event: InboundEvent): Promise<Reply>;
}
