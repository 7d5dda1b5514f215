import type { Clock } from './clock.ts';
import type { CommandId } from './commands/declarations.ts';
import type { EventSource, InboundEvent } from './events.ts';
import type { InboundLedger } from './ports/inbound-ledger.ts';
import type { Reply } from './messages.ts';
import type { WorkspaceRef } from './types.ts';

/**
 * The core's single inbound entry point. Adapters normalise a platform event, call `handle`, and
 * render the reply in the context of that event (ephemeral message, modal, replaced message).
 * `handle` never throws: bad input becomes a private reply, an unexpected failure the core's one
 * apology. Adapters therefore add no apology of their own; they only log a platform call that fails
 * while sending the reply.
 */
export interface EventHandler {
  handle(event: InboundEvent): Promise<Reply>;
  /** Choices for a field while its command is typed (Discord's autocomplete); never throws. */
  suggest(request: SuggestRequest): Promise<readonly Suggestion[]>;
}

/** A field being typed: which command and field, and what is in it so far. */
export interface SuggestRequest {
  readonly source: EventSource;
  readonly command: CommandId;
  readonly field: string;
  readonly text: string;
}

export interface Suggestion {
  readonly value: string;
  readonly label: string;
}

/**
 * What an adapter is initialised with once the core is built: the handler its listeners feed, and
 * the inbound ledger, read at the clock's time, that tells a platform's redelivery from a first
 * delivery whichever process took the first one in.
 */
export interface CoreInbound {
  readonly handler: EventHandler;
  readonly workspaces: WorkspaceLifecycle;
  readonly ledger: InboundLedger;
  readonly clock: Clock;
}

/**
 * The bot leaving and joining workspaces, as the platform tells the adapter. Both reject when they
 * could not be recorded; the adapter logs it.
 */
export interface WorkspaceLifecycle {
  /** The workspace removed the bot (uninstalled it, revoked its token): nothing more is sent there. */
  removed(workspace: WorkspaceRef): Promise<void>;
  /** The bot was installed in the workspace: one that had removed it is served again. */
  installed(workspace: WorkspaceRef): Promise<void>;
}
