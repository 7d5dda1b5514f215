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
}

/** The platform's reference to a message the bot sent. */
export interface SentMessage {
  readonly channelId: string;
  readonly messageId: string;
}

/**
 * Proactive sends, from stored references. Every method throws a `DeliveryError` when the
 * platform refuses or cannot be reached; it never swallows a failure.
 */
export interface ChatPort {
  /** Post to a group channel. */
  postToChannel(target: ChannelTarget, message: Message, files?: readonly OutboundFile[]): Promise<SentMessage>;
  /** Post a message that opens a thread (the daily check-in). `threadId` is where replies go. */
  postThreadStarter(
    target: ChannelTarget,
    message: Message,
    threadName: string,
  ): Promise<SentMessage & { readonly threadId: string }>;
  /** Post in an existing thread. */
  postInThread(target: ChannelTarget, threadId: string, message: Message): Promise<SentMessage>;
  /** A direct message to one person. */
  sendDirect(target: UserTarget, message: Message, files?: readonly OutboundFile[]): Promise<SentMessage>;
  /** Replace the content of a message the bot sent earlier. */
  updateMessage(workspace: WorkspaceRef, sent: SentMessage, message: Message): Promise<void>;
  /** Delete a message the bot sent earlier (an entry its member took back). */
  deleteMessage(workspace: WorkspaceRef, sent: SentMessage): Promise<void>;
}
