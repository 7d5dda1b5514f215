/**
 * A recording EventHandler that stands in for the core in adapter tests about normalisation and
 * rendering: it keeps every event it is given and answers with scripted replies. `replyWith`
 * queues the next answers; after them `answer` decides (the constructor's default reply unless a
 * test sets it). `holdNext` keeps the next answer back until the test releases it, to show what
 * an adapter does while the core is slow; `received` waits for events on transports with no
 * response to wait on. The App Home asked again after a change (a `home-opened` with `refresh`,
 * which the Slack adapter sends after commands and clicks) is kept apart in `homeRefreshes` and
 * answered with nothing, as for someone in no group: a test's events and scripted answers stay
 * the ones it sent.
 */
import type { EventHandler, SuggestRequest, Suggestion } from '../../src/core/event-handler.ts';
import type { InboundEvent } from '../../src/core/events.ts';
import { privateText, type Reply } from '../../src/core/messages.ts';

export class RecordingHandler implements EventHandler {
  readonly events: InboundEvent[] = [];
  /** Answers every event no scripted reply is left for. */
  answer: (event: InboundEvent) => Reply;
  #replies: Reply[] = [];
  #hold: Promise<void> | null = null;
  #failNext: Error | null = null;
  readonly #waiting: { count: number; resolve: () => void }[] = [];

  constructor(defaultReply: Reply = privateText('ok')) {
    this.answer = () => defaultReply;
  }

  /** The next answers, in order; after them, `answer`. */
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

  /** What autocomplete asked for, and what it is answered with. */
  readonly suggestRequests: SuggestRequest[] = [];
  suggestions: readonly Suggestion[] = [];

  async suggest(request: SuggestRequest): Promise<readonly Suggestion[]> {
    this.suggestRequests.push(request);
    return this.suggestions;
  }

  /** The `home-opened` events with `refresh`, apart from `events`. */
  readonly homeRefreshes: InboundEvent[] = [];

  async handle(event: InboundEvent): Promise<Reply> {
    if (event.kind === 'home-opened' && event.refresh === true) {
      this.homeRefreshes.push(event);
      return { type: 'none' };
    }
    this.events.push(event);
    for (const w of this.#waiting.filter((w) => this.events.length >= w.count)) w.resolve();
    const hold = this.#hold;
    this.#hold = null;
    if (hold) await hold;
    const failure = this.#failNext;
    this.#failNext = null;
    if (failure) throw failure;
    return this.#replies.shift() ?? this.answer(event);
  }

  /** Resolves once `count` events have been handled. */
  received(count: number): Promise<void> {
    if (this.events.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiting.push({ count, resolve }));
  }

  last(): InboundEvent | undefined {
    return this.events[this.events.length - 1];
  }
}
