/**
 * A ChatPort that records every send instead of talking to a platform, with switchable failures.
 * Shared by core and scheduler tests: one fake, so test doubles do not drift apart.
 */
import { DeliveryError } from '../../src/core/errors.ts';
import { messageButtons, messageToPlainLines, type Message, type OutboundFile } from '../../src/core/messages.ts';
import type { ChannelTarget, ChatPort, SendOptions, SentMessage, UserTarget } from '../../src/core/ports/index.ts';
import type { WorkspaceRef } from '../../src/core/types.ts';

export type SentKind = 'channel' | 'files' | 'thread-starter' | 'thread' | 'dm' | 'update' | 'delete';

export interface SentRecord {
  readonly kind: SentKind;
  readonly workspace: WorkspaceRef;
  /** Channel id for channel/thread sends, user id for DMs. */
  readonly to: string;
  readonly threadId?: string;
  readonly threadName?: string;
  readonly message: Message;
  readonly files: readonly OutboundFile[];
  readonly sent: SentMessage;
  /** All text of the message, one string. */
  readonly text: string;
  readonly buttons: readonly string[];
}

export class RecordingChat implements ChatPort {
  readonly sent: SentRecord[] = [];
  #next = 1;
  readonly #nextInChannel = new Map<string, number>();
  /**
   * `per-channel` numbers messages in each channel from 1, as Slack's `ts` is unique only within a
   * channel: messages in two channels can then share an id.
   */
  messageIds: 'unique' | 'per-channel' = 'unique';
  /** Failures to throw, in order, before sends succeed again (per kind, or for any kind). */
  readonly failures: { kind?: SentKind; error: DeliveryError }[] = [];

  failNext(error: DeliveryError, kind?: SentKind): void {
    this.failures.push(kind ? { kind, error } : { error });
  }

  #take(kind: SentKind): void {
    const i = this.failures.findIndex((f) => !f.kind || f.kind === kind);
    if (i >= 0) {
      const [f] = this.failures.splice(i, 1);
      if (f) throw f.error;
    }
  }

  /** How many times a send asked the core's `beforeRequest` (each is one recorded attempt). */
  requests = 0;

  async #before(options: SendOptions | undefined): Promise<void> {
    this.requests++;
    await options?.beforeRequest?.();
  }

  #record(
    kind: SentKind,
    workspace: WorkspaceRef,
    to: string,
    message: Message,
    extra: Partial<SentRecord> = {},
    files: readonly OutboundFile[] = [],
  ): SentMessage {
    this.#take(kind);
    const channelId = kind === 'dm' ? `D-${to}` : to;
    const sent = { channelId, messageId: `m${this.#nextId(channelId)}` };
    this.sent.push({
      kind,
      workspace,
      to,
      message,
      files,
      sent,
      text: messageToPlainLines(message).join('\n'),
      buttons: messageButtons(message).map((b) => b.actionId),
      ...extra,
    });
    return sent;
  }

  #nextId(channelId: string): number {
    if (this.messageIds === 'unique') return this.#next++;
    const n = this.#nextInChannel.get(channelId) ?? 1;
    this.#nextInChannel.set(channelId, n + 1);
    return n;
  }

  async postToChannel(target: ChannelTarget, message: Message, options?: SendOptions): Promise<SentMessage> {
    await this.#before(options);
    return this.#record('channel', target.workspace, target.channelId, message);
  }
  async shareFiles(target: ChannelTarget, files: readonly OutboundFile[], options?: SendOptions): Promise<void> {
    await this.#before(options);
    this.#record('files', target.workspace, target.channelId, { blocks: [] }, {}, files);
  }
  async postThreadStarter(
    target: ChannelTarget,
    message: Message,
    threadName: string,
    options?: SendOptions,
  ): Promise<SentMessage & { threadId: string }> {
    await this.#before(options);
    const sent = this.#record('thread-starter', target.workspace, target.channelId, message, { threadName });
    return { ...sent, threadId: `T-${sent.messageId}` };
  }
  async postInThread(
    target: ChannelTarget,
    threadId: string,
    message: Message,
    options?: SendOptions,
  ): Promise<SentMessage> {
    await this.#before(options);
    return this.#record('thread', target.workspace, target.channelId, message, { threadId });
  }
  async sendDirect(target: UserTarget, message: Message, options?: SendOptions): Promise<SentMessage> {
    await this.#before(options);
    return this.#record('dm', target.workspace, target.userId, message);
  }
  async updateMessage(workspace: WorkspaceRef, sent: SentMessage, message: Message): Promise<void> {
    this.#record('update', workspace, sent.channelId, message, { sent });
  }
  async deleteMessage(workspace: WorkspaceRef, sent: SentMessage): Promise<void> {
    this.#record('delete', workspace, sent.channelId, { blocks: [] }, { sent });
  }

  dmsTo(userId: string): SentRecord[] {
    return this.sent.filter((s) => s.kind === 'dm' && s.to === userId);
  }
  clear(): void {
    this.sent.length = 0;
  }
}
