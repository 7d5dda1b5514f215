/**
 * The console adapter: Rebound in a terminal, on the embedded database. Lines from standard input
 * act as `@alice` (or `@bob …`) in `#job-hunt`; `:time` moves a simulated clock and runs the same
 * sweep the heartbeat runs, at every moment something falls due.
 */
import { createInterface } from 'node:readline';
import { DateTime } from 'luxon';
import type { ManualClock } from '../../src/core/clock.ts';
import { parseCommandText } from '../../src/core/commands/parse-text.ts';
import { consoleMention } from './parse-line.ts';
import type { EventHandler } from '../../src/core/event-handler.ts';
import type { EventSource, InboundEvent } from '../../src/core/events.ts';
import type { Reply } from '../../src/core/messages.ts';
import type { ConsoleChat } from './console-chat.ts';
import { parseLine, type ConsoleInput } from './parse-line.ts';
import { clockText, moveClock, type ClockControls } from './console-clock.ts';
import { renderForm, renderMessage } from './render.ts';

export const CONSOLE_WORKSPACE = 'local';
export const CONSOLE_CHANNEL = 'job-hunt';
export const CONSOLE_USER = 'alice';
/** The bot's own name on the console; what it "does" is never handed to the core. */
export const CONSOLE_BOT = 'rebound';

export interface ConsoleSessionOptions {
  /** The core (or, in adapter tests, a recording handler). */
  readonly handler: EventHandler;
  /** Runs the sweep the heartbeat would run. */
  readonly sweep: () => Promise<unknown>;
  /** The console group's timezone, or null before it is set up. */
  readonly groupZone: () => string | null;
  readonly clock: ManualClock;
  readonly chat: ConsoleChat;
  readonly nextWake: (after: Date) => Promise<Date | null>;
  /** The system's timezone, used as @alice's when the group is first set up. */
  readonly localZone: string;
  /** Whether the group has a check-in thread for a local date (`2026-11-26`); when absent, every reply goes to the core. */
  readonly hasCheckInThread?: (localDate: string) => Promise<boolean>;
  /** The real time, for `:time now`; the wall clock when absent. */
  readonly realNow?: () => Date;
  /** Keeps the simulated time for the next start (null: back on the real clock); not kept when absent. */
  readonly saveClock?: (at: Date | null) => void;
}

export class ConsoleSession {
  /** Forms shown, by their short id: the core's form id and who it was opened for (only they submit it). */
  readonly #forms = new Map<string, { readonly formId: string; readonly user: string }>();
  #nextForm = 1;

  constructor(private readonly o: ConsoleSessionOptions) {}

  /** Sets up `#job-hunt` with `@alice` as its admin, the first time only. */
  async ensureGroup(): Promise<void> {
    if (this.o.groupZone() === null)
      await this.#run({
        kind: 'command',
        source: this.#source(CONSOLE_USER, CONSOLE_CHANNEL, this.o.localZone),
        command: 'rebound setup',
        values: {},
      });
  }

  groupZone(): string {
    return this.o.groupZone() ?? 'UTC';
  }

  #source(user: string, channelId: string, timezone?: string): EventSource {
    return {
      platform: 'console',
      workspaceId: CONSOLE_WORKSPACE,
      channelId,
      channelName: channelId,
      actor: { userId: user, displayName: user, isBot: user === CONSOLE_BOT, ...(timezone ? { timezone } : {}) },
    };
  }

  async #run(event: InboundEvent, replacing?: { messageId: string | null; channelId: string }): Promise<void> {
    if (event.source.actor.isBot) return;
    const reply = await this.o.handler.handle(event);
    this.#print(event.source.actor.userId, reply, replacing);
  }

  /** The console's one reply function: does what the core's reply says, as lines for `user`. */
  #print(user: string, reply: Reply, replacing?: { messageId: string | null; channelId: string }): void {
    switch (reply.type) {
      case 'none':
        return;
      case 'private':
        this.o.chat.printPrivate(
          user,
          renderMessage(reply.message, this.o.chat, { messageId: null, channelId: CONSOLE_CHANNEL }),
        );
        for (const f of reply.files ?? [])
          this.o.chat.printPrivate(user, [`📎 ${f.filename} saved to ${this.o.chat.saveFileFor(f, user)}`]);
        return;
      case 'form': {
        const id = `f${this.#nextForm++}`;
        this.#forms.set(id, { formId: reply.form.formId, user });
        this.o.chat.printPrivate(user, renderForm(reply.form, id));
        return;
      }
      case 'form-errors':
        this.o.chat.printPrivate(user, [
          'Please fix the form:',
          ...Object.entries(reply.errors).map(([f, e]) => `${f}: ${e}`),
        ]);
        return;
      case 'replace': {
        const where = replacing ?? { messageId: null, channelId: CONSOLE_CHANNEL };
        const label = where.channelId.startsWith('dm-')
          ? `[DM @${where.channelId.slice(3)}] (updated)`
          : `[only @${user}] (updated)`;
        this.o.chat.printLines(label, renderMessage(reply.message, this.o.chat, where));
        if (reply.privateNote) this.o.chat.printPrivate(user, renderMessage(reply.privateNote, this.o.chat, where));
        return;
      }
    }
  }

  /** Handles one typed line. Never throws for bad input: it answers privately. */
  async handleLine(line: string): Promise<void> {
    const input = parseLine(line);
    const user = 'user' in input && input.user ? input.user : CONSOLE_USER;
    switch (input.kind) {
      case 'nothing':
        return;
      case 'help':
        this.o.chat.printPrivate(CONSOLE_USER, this.#help());
        return;
      case 'unknown':
        this.o.chat.printPrivate(user, [`I don't know "${input.text.slice(0, 60)}".`, ...this.#help()]);
        return;
      case 'command': {
        const parsed = parseCommandText(input.name, input.text, consoleMention);
        if (!parsed) return;
        return this.#run({ kind: 'command', source: this.#source(user, CONSOLE_CHANNEL), ...parsed });
      }
      case 'time':
        return this.#time(user, input);
      case 'react': {
        const post = this.o.chat.findPost(input.post);
        if (!post)
          return this.o.chat.printPrivate(user, [
            `There is no post ${input.post.slice(0, 20)}.`,
            'For example: :react p3 🎉 @bob',
          ]);
        return this.#run({
          kind: 'reaction',
          source: this.#source(user, post.channelId),
          added: input.added,
          messageId: post.messageId,
          emoji: input.emoji,
        });
      }
      case 'click': {
        if (input.button === '')
          return this.o.chat.printPrivate(user, ['Which button? Give the short id printed on it, e.g. :click b12']);
        const button = this.o.chat.findButton(input.button);
        if (!button)
          return this.o.chat.printPrivate(user, [
            `There is no button ${input.button.slice(0, 20)}.`,
            'For example: :click b12',
          ]);
        const event: InboundEvent = {
          kind: 'button',
          source: this.#source(user, button.channelId),
          actionId: button.actionId,
          ...(button.messageId ? { messageId: button.messageId } : {}),
        };
        return this.#run(event, { messageId: button.messageId, channelId: button.channelId });
      }
      case 'reply':
        if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date))
          return this.o.chat.printPrivate(user, [
            "Reply in a day's thread by its date.",
            `For example: :reply ${this.#exampleDays().today} sent two applications`,
          ]);
        if ((await this.o.hasCheckInThread?.(input.date)) === false) return this.#noThread(user, input.date);
        return this.#run({
          kind: 'thread-reply',
          source: this.#source(user, CONSOLE_CHANNEL),
          threadId: `thread-${input.date}`,
          text: input.text,
        });
      case 'submit': {
        const form = this.#forms.get(input.form);
        if (!form)
          return this.o.chat.printPrivate(user, [
            `There is no open form ${input.form.slice(0, 20)}.`,
            'For example: :submit f1 company=Acme | stage=final',
          ]);
        if (form.user !== user)
          return this.o.chat.printPrivate(user, [
            `Form ${input.form} was opened for @${form.user}: only they can send it. Open your own with the command that shows it.`,
          ]);
        const formId = form.formId;
        return this.#run({
          kind: 'form-submit',
          source: this.#source(user, CONSOLE_CHANNEL),
          formId,
          fields: input.fields,
        });
      }
    }
  }

  /** Dates for examples, from the simulated clock: a fixed date would soon be in the past. */
  #exampleDays(): { today: string; tomorrow: string } {
    const today = DateTime.fromJSDate(this.o.clock.now(), { zone: this.groupZone() });
    return { today: today.toISODate() ?? '', tomorrow: today.plus({ days: 1 }).toISODate() ?? '' };
  }

  #help(): string[] {
    const { today, tomorrow } = this.#exampleDays();
    return [
      'Type a command as @alice (/applied Acme | SRE), or as someone else (@bob /rebound join).',
      `:time +1d | +3h | ${tomorrow}T09:00 | now moves the clock · :react p3 🎉 @bob · :click b12 · :reply ${today} text · :submit f1 field=value | … · :home`,
    ];
  }

  async #noThread(user: string, date: string): Promise<void> {
    const today = DateTime.fromJSDate(this.o.clock.now(), { zone: this.groupZone() }).startOf('day');
    let latest: string | null = null;
    for (let back = 0; back < 14 && latest === null; back++) {
      const day = today.minus({ days: back }).toISODate();
      if (day && (await this.o.hasCheckInThread?.(day))) latest = day;
    }
    this.o.chat.printPrivate(user, [
      `There is no check-in thread for ${date}.`,
      latest
        ? `The latest is ${latest}: :reply ${latest} sent two applications`
        : "No check-in thread has opened in the last two weeks; one opens at the group's check-in time on each check-in day (:time moves the clock there).",
    ]);
  }

  async #time(user: string, input: Extract<ConsoleInput, { kind: 'time' }>): Promise<void> {
    await moveClock(this.#timeTravel(), user, input.arg, this.#exampleDays().tomorrow);
  }

  #timeTravel(): ClockControls {
    return { ...this.o, groupZone: () => this.o.groupZone() };
  }

  /**
   * Reads lines until the input ends; each line is handled before the next is read. `simulated`
   * says the clock starts at a simulated time, which is then announced; `interactive` (someone
   * typing at a terminal) gets a one-line hint.
   */
  async run(
    input: NodeJS.ReadableStream,
    start: { simulated: boolean; interactive?: boolean } = { simulated: false },
  ): Promise<void> {
    if (start.simulated)
      this.o.chat.printLines('[clock]', [
        `It is ${clockText(this.#timeTravel(), this.o.clock.now())}, simulated (:time now returns to the real clock).`,
      ]);
    await this.ensureGroup();
    if (start.interactive)
      this.o.chat.printPrivate(CONSOLE_USER, [
        'You are @alice in #job-hunt: type a command such as /rebound join, or :help for the rest (Ctrl-D ends).',
      ]);
    const rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
    for await (const line of rl) await this.handleLine(line);
  }
}
