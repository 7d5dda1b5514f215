/**
 * The console's ChatPort: prints what Rebound sends, with short ids for posts (`p3`) and buttons
 * (`b12`) that `:react` and `:click` refer to.
 */
import type { Clock } from '../../src/core/clock.ts';
import type { Message, OutboundFile } from '../../src/core/messages.ts';
import type { ChannelTarget, ChatPort, SendOptions, SentMessage, UserTarget } from '../../src/core/ports/index.ts';
import { formatWhen } from '../../src/core/time.ts';
import { prefixed, renderMessage, type Registry } from './render.ts';

export interface ButtonRef {
  readonly actionId: string;
  readonly messageId: string | null;
  readonly channelId: string;
}

export interface ConsoleChatOptions {
  readonly write: (text: string) => void;
  readonly clock: Clock;
  /** The zone simulated times are shown in. */
  readonly zone: () => string;
  /** Channel id → display name (`job-hunt`). */
  readonly channelName: (channelId: string) => string;
  /** Saves a file and returns its path; a file sent to one member goes to that member's folder. */
  readonly saveFile: (file: OutboundFile, memberId: string | null) => string;
}

export class ConsoleChat implements ChatPort, Registry {
  readonly #buttons = new Map<string, ButtonRef>();
  readonly #posts = new Map<string, SentMessage>();
  #nextButton = 1;
  #nextPost = 1;
  /** Set while the clock jumps, so each line says when it was sent. */
  showTimes = false;
  readonly #session = Date.now().toString(36);

  constructor(private readonly options: ConsoleChatOptions) {}

  button(actionId: string, messageId: string | null, channelId: string): string {
    const id = `b${this.#nextButton++}`;
    this.#buttons.set(id, { actionId, messageId, channelId });
    return id;
  }

  findButton(shortId: string): ButtonRef | undefined {
    return this.#buttons.get(shortId);
  }

  /** The short id of a post (`p3`), from its message id. */
  postLabel(messageId: string): string | undefined {
    for (const [label, sent] of this.#posts) if (sent.messageId === messageId) return label;
    return undefined;
  }

  /** The short id of a button (`b12`) on a message. */
  buttonLabel(messageId: string, actionId: string): string | undefined {
    for (const [label, b] of this.#buttons) if (b.messageId === messageId && b.actionId === actionId) return label;
    return undefined;
  }

  /** The platform message id behind a short post id, for `:react`. */
  findPost(shortId: string): SentMessage | undefined {
    return this.#posts.get(shortId);
  }

  #when(): string | undefined {
    return this.showTimes ? formatWhen(this.options.clock.now(), this.options.zone()) : undefined;
  }

  #newPost(channelId: string): { label: string; sent: SentMessage } {
    const label = `p${this.#nextPost++}`;
    const sent = { channelId, messageId: `${this.#session}-${label}` };
    this.#posts.set(label, sent);
    return { label, sent };
  }

  #files(files: readonly OutboundFile[] | undefined, prefix: string, memberId: string | null): void {
    for (const file of files ?? [])
      this.options.write(
        prefixed(prefix, [`📎 ${file.filename} saved to ${this.options.saveFile(file, memberId)}`], this.#when()),
      );
  }

  async postToChannel(target: ChannelTarget, message: Message, options?: SendOptions): Promise<SentMessage> {
    await options?.beforeRequest?.();
    const { label, sent } = this.#newPost(target.channelId);
    const prefix = `[#${this.options.channelName(target.channelId)}]`;
    this.options.write(
      prefixed(
        prefix,
        renderMessage(message, this, { messageId: sent.messageId, channelId: target.channelId }, label),
        this.#when(),
      ),
    );
    return sent;
  }

  async shareFiles(target: ChannelTarget, files: readonly OutboundFile[], options?: SendOptions): Promise<void> {
    await options?.beforeRequest?.();
    this.#files(files, `[#${this.options.channelName(target.channelId)}]`, null);
  }

  async postThreadStarter(
    target: ChannelTarget,
    message: Message,
    threadName: string,
    options?: SendOptions,
  ): Promise<SentMessage & { threadId: string }> {
    const sent = await this.postToChannel(target, message, options);
    return { ...sent, threadId: threadIdFor(threadName) };
  }

  async postInThread(
    target: ChannelTarget,
    threadId: string,
    message: Message,
    options?: SendOptions,
  ): Promise<SentMessage> {
    await options?.beforeRequest?.();
    const { sent } = this.#newPost(target.channelId);
    const prefix = `[thread #${this.options.channelName(target.channelId)} ${threadId.replace(/^thread-/, '')}]`;
    this.options.write(
      prefixed(
        prefix,
        renderMessage(message, this, { messageId: sent.messageId, channelId: target.channelId }),
        this.#when(),
      ),
    );
    return sent;
  }

  async sendDirect(target: UserTarget, message: Message, options?: SendOptions): Promise<SentMessage> {
    await options?.beforeRequest?.();
    const channelId = `dm-${target.userId}`;
    const { sent } = this.#newPost(channelId);
    const prefix = `[DM @${target.userId}]`;
    this.options.write(
      prefixed(prefix, renderMessage(message, this, { messageId: sent.messageId, channelId }), this.#when()),
    );
    return sent;
  }

  async updateMessage(_workspace: unknown, sent: SentMessage, message: Message): Promise<void> {
    const prefix = sent.channelId.startsWith('dm-')
      ? `[DM @${sent.channelId.slice(3)}]`
      : `[#${this.options.channelName(sent.channelId)}]`;
    this.options.write(prefixed(`${prefix} (edited)`, renderMessage(message, this, sent), this.#when()));
  }

  async deleteMessage(_workspace: unknown, sent: SentMessage): Promise<void> {
    const prefix = sent.channelId.startsWith('dm-')
      ? `[DM @${sent.channelId.slice(3)}]`
      : `[#${this.options.channelName(sent.channelId)}]`;
    const label = this.postLabel(sent.messageId);
    this.options.write(prefixed(prefix, [`(post ${label ?? sent.messageId} was removed)`], this.#when()));
  }

  /** Prints a reply only the actor sees. */
  printPrivate(userId: string, lines: readonly string[]): void {
    this.options.write(prefixed(`[only @${userId}]`, lines));
  }

  printLines(prefix: string, lines: readonly string[]): void {
    this.options.write(prefixed(prefix, lines, this.#when()));
  }

  saveFileFor(file: OutboundFile, memberId: string): string {
    return this.options.saveFile(file, memberId);
  }
}

/** The console names threads by the group's local date: `thread-2026-11-26`. */
export function threadIdFor(threadName: string): string {
  const date = /\d{4}-\d{2}-\d{2}/.exec(threadName)?.[0];
  return `thread-${date ?? threadName}`;
}
