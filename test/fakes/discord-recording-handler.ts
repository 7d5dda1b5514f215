/**
 * A recording EventHandler for the Discord adapter's tests: keeps every event it was given and
 * answers with scripted replies (a short private text by default). `holdNext` keeps the next
 * answer back until the test releases it, to show what the adapter does while the core is slow.
 */
import type { EventHandler } from '../../src/core/event-handler.ts';
import type { InboundEvent } from '../../src/core/events.ts';
import { privateText, type Reply } from '../../src/core/messages.ts';

export class RecordingEventHandler implements EventHandler {
  readonly events: InboundEvent[] = [];
  #replies: Reply[] = [];
  #hold: Promise<void> | null = null;
  #failNext: Error | null = null;

  /** `defaultReply` answers every event no scripted reply is left for. */
  constructor(private readonly defaultReply: Reply = privateText('ok')) {}

  /** The next answers, in order; after them, the default. */
  replyWith(...replies: Reply[]): void {
    this.#replies.push(...replies);
  }

  /** The next `handle` throws this (an internal error, not bad input). */
  failNextWith(error: Error): void {
    this.#failNext = error;
  }

  /** The next `handle` waits until the returned function is called. */
  holdNext(): () => void {
    let release: () => void = () => undefined;
    this.#hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    return release;
  }

  async handle(event: InboundEvent): Promise<Reply> {
    this.events.push(event);
    const hold = this.#hold;
    this.#hold = null;
    if (hold) await hold;
    const failure = this.#failNext;
    this.#failNext = null;
    if (failure) throw failure;
    return this.#replies.shift() ?? this.defaultReply;
  }

  last(): InboundEvent | undefined {
    return this.events[this.events.length - 1];
  }
}
