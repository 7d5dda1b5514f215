/**
 * Builds a real Rebound core on a `:memory:` (or file) SQLite store, a manual clock and a recording
 * chat port, and drives it the way a user would: commands, clicks, time passing.
 */
import { ManualClock } from '../../src/core/clock.ts';
import { createRebound, type Rebound } from '../../src/core/create-rebound.ts';
import type { EventSource } from '../../src/core/events.ts';
import { commandEvent } from './command-event.ts';
import { messageButtons, messageToPlainLines, type Reply } from '../../src/core/messages.ts';
import type { Logger, Store } from '../../src/core/ports/index.ts';
import type { Platform } from '../../src/core/types.ts';
import { openDatabase, type OpenedDatabase } from '../../src/db/open.ts';
import { createSqliteStore } from '../../src/db/sqlite-store.ts';
import { advanceClock } from '../../src/scheduler/time-travel.ts';
import { RecordingChat } from '../fakes/recording-chat.ts';

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

export interface TestUser {
  readonly userId: string;
  readonly timezone?: string;
  readonly canManageChannel?: boolean;
}

export interface Harness {
  readonly rebound: Rebound;
  readonly store: Store;
  readonly chat: RecordingChat;
  readonly clock: ManualClock;
  readonly database: OpenedDatabase;
  /** Runs `/name text` as a user in a channel (default: the group channel `C1` of workspace `T1`). */
  command(
    user: TestUser | string,
    name: string,
    text?: string,
    where?: Partial<Pick<EventSource, 'workspaceId' | 'channelId' | 'platform'>>,
  ): Promise<Reply>;
  click(
    user: TestUser | string,
    actionId: string,
    where?: Partial<Pick<EventSource, 'workspaceId' | 'channelId' | 'platform'>> & { messageId?: string },
  ): Promise<Reply>;
  source(
    user: TestUser | string,
    where?: Partial<Pick<EventSource, 'workspaceId' | 'channelId' | 'platform'>>,
  ): EventSource;
  /** Moves the clock to `to`, sweeping at every moment something falls due, like the console's :time. */
  advanceTo(to: Date): Promise<void>;
  close(): void;
}

export function createHarness(
  options: { start: Date; file?: string; platform?: Platform } = { start: new Date('2026-11-25T12:00:00Z') },
): Harness {
  const database = openDatabase(options.file ?? ':memory:');
  const store = createSqliteStore(database);
  const chat = new RecordingChat();
  const clock = new ManualClock(options.start);
  const rebound = createRebound({ store, chat, clock, logger: silentLogger, owner: 'test' });
  const platform = options.platform ?? 'slack';
  const source = (
    user: TestUser | string,
    where: Partial<Pick<EventSource, 'workspaceId' | 'channelId' | 'platform'>> = {},
  ): EventSource => {
    const u = typeof user === 'string' ? { userId: user } : user;
    return {
      platform: where.platform ?? platform,
      workspaceId: where.workspaceId ?? 'T1',
      channelId: where.channelId ?? 'C1',
      channelName: 'job-hunt',
      actor: { userId: u.userId, displayName: u.userId, isBot: false, ...(u.timezone ? { timezone: u.timezone } : {}) },
      ...(u.canManageChannel !== undefined ? { canManageChannel: u.canManageChannel } : {}),
    };
  };
  return {
    rebound,
    store,
    chat,
    clock,
    database,
    source,
    command: (user, name, text = '', where) => rebound.handle(commandEvent(source(user, where), name, text)),
    click: (user, actionId, where = {}) =>
      rebound.handle({
        kind: 'button',
        source: source(user, where),
        actionId,
        ...(where.messageId ? { messageId: where.messageId } : {}),
      }),
    advanceTo: async (to) => {
      await advanceClock(clock, to, {
        nextWake: (after) => rebound.nextWakeUp(after),
        sweep: () => rebound.sweep(),
      });
    },
    close: () => database.close(),
  };
}

/** All text of a reply, for assertions. */
export function replyText(reply: Reply): string {
  switch (reply.type) {
    case 'private':
      return messageToPlainLines(reply.message).join('\n');
    case 'replace':
      return messageToPlainLines(reply.message).join('\n');
    case 'form':
      return reply.form.title;
    case 'form-errors':
      return Object.values(reply.errors).join('\n');
    case 'none':
      return '';
  }
}

export function replyButtons(reply: Reply): string[] {
  return reply.type === 'private' || reply.type === 'replace'
    ? messageButtons(reply.message).map((b) => b.actionId)
    : [];
}
