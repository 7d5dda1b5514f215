import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { renderWeekChartLazily } from '../../src/charts/lazy-week-chart.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { createRebound } from '../../src/core/create-rebound.ts';
import type { OutboundFile } from '../../src/core/messages.ts';
import type { EventHandler } from '../../src/core/event-handler.ts';
import type { Logger, Store } from '../../src/core/ports/index.ts';
import { ConsoleChat } from './console-chat.ts';
import { CONSOLE_CHANNEL, CONSOLE_WORKSPACE, ConsoleSession } from './console-adapter.ts';

export interface RunConsoleOptions {
  readonly store: Store;
  readonly logger: Logger;
  readonly input: NodeJS.ReadableStream;
  readonly write: (text: string) => void;
  /** Where files the bot sends (charts, exports) are written. */
  readonly filesDir?: string;
  /**
   * Where the simulated clock starts, as a local date-time in the group's timezone
   * (`REBOUND_CONSOLE_START`); without it, the saved simulated time, or the real clock.
   */
  readonly startAt?: string | null;
  /** Keeps the simulated time across restarts. */
  readonly savedClock?: SavedClock;
  /** The real time; the wall clock unless a test says otherwise. */
  readonly realNow?: () => Date;
  readonly localZone?: string;
}

/** Where the console keeps its simulated time; null means the real clock. */
export interface SavedClock {
  load(): Date | null;
  save(at: Date | null): void;
}

/** Runs a console session until the input ends. */
export async function runConsole(options: RunConsoleOptions): Promise<void> {
  const realNow = options.realNow ?? (() => new Date());
  const localZone = options.localZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  const findGroup = () =>
    options.store.groups.findByChannel({ platform: 'console', workspaceId: CONSOLE_WORKSPACE }, CONSOLE_CHANNEL);
  // The session prints synchronously, so the group's timezone is kept here. Only an event the core
  // handles (setting the group up, changing its timezone) changes it: it is read again after each one.
  let zone = (await findGroup())?.timezone ?? null;
  const groupZone = () => zone;
  // Before the group exists, its timezone will be the local one (see ConsoleSession.ensureGroup).
  const chosen = options.startAt ? DateTime.fromISO(options.startAt, { zone: groupZone() ?? localZone }) : null;
  if (chosen && !chosen.isValid) throw new Error(`REBOUND_CONSOLE_START: ${chosen.invalidExplanation ?? 'invalid'}`);
  const start = chosen?.toJSDate() ?? options.savedClock?.load() ?? null;
  if (chosen) options.savedClock?.save(chosen.toJSDate());
  const clock = new ManualClock(start ?? realNow());
  const filesDir = resolve(options.filesDir ?? process.env.REBOUND_FILES_DIR ?? './rebound-files');
  let session: ConsoleSession | null = null;
  const chat = new ConsoleChat({
    write: options.write,
    clock,
    zone: () => session?.groupZone() ?? 'UTC',
    channelName: (id) => id,
    saveFile: (file: OutboundFile, memberId: string | null) => {
      // Members' own files (exports) go to a folder each, so two members never overwrite each other.
      const dir = memberId === null ? filesDir : join(filesDir, safeName(memberId));
      mkdirSync(dir, { recursive: true });
      const path = join(dir, safeName(file.filename));
      writeFileSync(path, file.bytes);
      return path;
    },
  });
  const rebound = createRebound({
    store: options.store,
    chat,
    clock,
    logger: options.logger,
    owner: `console:${process.pid}`,
    charts: { renderWeek: renderWeekChartLazily },
  });
  const handler: EventHandler = {
    async handle(event) {
      const reply = await rebound.handle(event);
      zone = (await findGroup())?.timezone ?? null;
      return reply;
    },
    suggest: (request) => rebound.suggest(request),
  };
  session = new ConsoleSession({
    handler,
    sweep: () => rebound.sweep(),
    groupZone,
    hasCheckInThread: async (localDate) => {
      const group = await findGroup();
      return group !== null && (await options.store.checkIns.findThread(group.id, localDate)) !== null;
    },
    clock,
    chat,
    nextWake: (after) => rebound.nextWakeUp(after),
    localZone,
    realNow,
    saveClock: (at) => options.savedClock?.save(at),
  });
  await session.run(options.input, {
    simulated: start !== null,
    interactive: (options.input as { isTTY?: boolean }).isTTY === true,
  });
}

/** One path segment: never `..`, never a separator. */
function safeName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return /^\.*$/.test(safe) ? '_' : safe;
}
