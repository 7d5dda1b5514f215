/**
 * A recording EventHandler: keeps every event it is given and answers with a scripted reply.
 * Stands in for the core in adapter tests that are about normalisation and rendering.
 */
import type { EventHandler } from '../../src/core/event-handler.ts';
import type { InboundEvent } from '../../src/core/events.ts';
import type { Reply } from '../../src/core/messages.ts';
import type { Logger } from '../../src/core/ports/index.ts';

export class RecordingHandler implements EventHandler {
  readonly events: InboundEvent[] = [];
  answer: (event: InboundEvent) => Reply = () => ({ type: 'none' });
  readonly #waiting: { count: number; resolve: () => void }[] = [];

  async handle(event: InboundEvent): Promise<Reply> {
    this.events.push(event);
    for (const w of this.#waiting.filter((w) => this.events.length >= w.count)) w.resolve();
    return this.answer(event);
  }

  /** Resolves once `count` events have been handled (for transports with no response to wait on). */
  received(count: number): Promise<void> {
    if (this.events.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiting.push({ count, resolve }));
  }
}

type Fields = Readonly<Record<string, string | number | boolean | null>>;

/** A logger that keeps lines for assertions instead of printing them. */
export class RecordingLogger implements Logger {
  readonly lines: { level: 'info' | 'warn' | 'error'; fields: Fields; message: string }[] = [];
  info(fields: Fields, message: string): void {
    this.lines.push({ level: 'info', fields, message });
  }
  warn(fields: Fields, message: string): void {
    this.lines.push({ level: 'warn', fields, message });
  }
  error(fields: Fields, message: string): void {
    this.lines.push({ level: 'error', fields, message });
  }
}
