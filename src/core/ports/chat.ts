/** Outbound chat: what the core asks adapters to say, from stored references. */
import type { WorkspaceRef } from '../types.ts';
import type { Message, OutboundFile } from '../messages.ts';

export interface ChannelTarget {
  readonly workspace: WorkspaceRef;
  readonly channelId: string;
}

export interface UserTarget {
  readonly workspace: WorkspaceRef;
  readonly userId: string;
  /** The DM channel the platform gave for this user before, when known: a send then needs no lookup. */
  readonly dmChannelId?: string | null;
}

/**
 * What the core asks of every send that can make a message visible. An implementation calls
 * `beforeRequest` once right before each such request leaves (after any wait for the platform's
 * limits, which happens first); if it throws, no request is made and the error is rethrown as is.
 * The core writes the delivery attempt there, so waiting never counts as an attempt in flight.
 */
export interface SendOptions {
  readonly beforeRequest?: () => Promise<void>;
  /**
   * Nobody is waiting on this send (a scheduled delivery). Where it and a send a person is waiting
   * on (a command's group post) wait for the same platform limit, the adapter lets the person's go
   * first.
   */
  readonly background?: boolean;
}

/** The platform's reference to a message the bot sent. */
export interface SentMessage {
  readonly channelId: string;
  readonly messageId: string;
}

/**
 * Proactive sends, from stored references. Every method throws a `DeliveryError` when the
 * platform refuses or cannot be reached; it never swallows a failure, and it says whether the
 * request may have reached the platform (kind `unknown`) or surely did not take effect (the others).
 * Each method makes one visible change on the platform, so each can be its own step in the ledger.
 */
export interface ChatPort {
  /** Post to a group channel. */
  postToChannel(target: ChannelTarget, message: Message, options?: SendOptions): Promise<SentMessage>;
  /** Share files in a channel (the chart under a weekly digest), as a post of their own. */
  shareFiles(target: ChannelTarget, files: readonly OutboundFile[], options?: SendOptions): Promise<void>;
  /** Post a message that opens a thread (the daily check-in). `threadId` is where replies go. */
  postThreadStarter(
    target: ChannelTarget,
    message: Message,
    threadName: string,
    options?: SendOptions,
  ): Promise<SentMessage & { readonly threadId: string }>;
  /** Post in an existing thread. */
  postInThread(target: ChannelTarget, threadId: string, message: Message, options?: SendOptions): Promise<SentMessage>;
  /** A direct message to one person; `SentMessage.channelId` is the DM channel, worth keeping for the next one. */
  sendDirect(target: UserTarget, message: Message, options?: SendOptions): Promise<SentMessage>;
  /** Replace the content of a message the bot sent earlier. */
  updateMessage(workspace: WorkspaceRef, sent: SentMessage, message: Message): Promise<void>;
  /** Delete a message the bot sent earlier (an entry its member took back). */
  deleteMessage(workspace: WorkspaceRef, sent: SentMessage): Promise<void>;
}
