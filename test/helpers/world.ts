/**
 * The one test world: a real Rebound core on a `:memory:` (or file) SQLite store, a manual clock,
 * the recording chat port and the recording logger, driven the way the console drives it:
 * `run(user, '/rejected Acme | SRE | interview')`, clicks, form submits, reactions, thread
 * replies, and time passing with the sweep run at every moment something falls due.
 *
 * `createTestCore` is the one place a test builds a core; the world and the adapter harnesses
 * (which put the real Slack or Discord adapter in front of it) both build theirs with it.
 */
import { ManualClock } from '../../src/core/clock.ts';
import { createRebound, type Rebound } from '../../src/core/create-rebound.ts';
import type { EventSource } from '../../src/core/events.ts';
import { messageButtons, messageToPlainLines, type Reply } from '../../src/core/messages.ts';
import type { ChartRenderer, ChatPort, Logger, Store } from '../../src/core/ports/index.ts';
import type { Platform } from '../../src/core/types.ts';
import { openDatabase, type OpenedDatabase } from '../../src/db/sqlite/open.ts';
import { createSqliteStore } from '../../src/db/sqlite/store.ts';
import { advanceClock } from '../../src/scheduler/time-travel.ts';
import { RecordingChat } from '../fakes/recording-chat.ts';
import { RecordingLogger } from '../fakes/recording-logger.ts';
import { commandEvent } from './command-event.ts';

/** Wednesday 25 November 2026, 12:00 UTC. */
export const DEFAULT_START = new Date('2026-11-25T12:00:00Z');

export interface TestCoreOptions {
  /** Where the core says things: the recording chat, or a real adapter's chat port. */
  readonly chat: ChatPort;
  readonly start?: Date;
  readonly clock?: ManualClock;
  /** A database file instead of `:memory:`. */
  readonly file?: string;
  /** An already open database, for a second core on the same store (another process). */
  readonly database?: OpenedDatabase;
  readonly logger?: Logger;
  /** Replaces the SQLite store with one built on it, to make part of it fail. */
  readonly wrapStore?: (store: Store) => Store;
  /** The sweep's lease owner; two cores with different owners behave like two processes. */
  readonly owner?: string;
  readonly charts?: ChartRenderer;
}

export interface TestCore {
  readonly rebound: Rebound;
  readonly store: Store;
  readonly database: OpenedDatabase;
  readonly clock: ManualClock;
  readonly logger: Logger;
  /** Every wait the core asked for between delivery retries, in ms (none is really waited). */
  readonly waits: number[];
}

/**
 * The store worlds are built on when no database is named: SQLite in memory, or, in the test
 * project that runs the core's behaviour tests on PostgreSQL, the test file's PostgreSQL store
 * (emptied before each test by `postgres-world.setup.ts`).
 */
let postgresStore: Store | null = null;

export function usePostgresForWorlds(store: Store | null): void {
  postgresStore = store;
}

/** Stands in for the SQLite database of a world on PostgreSQL: a test that reads it runs on SQLite only. */
const NO_SQLITE = new Proxy({} as OpenedDatabase, {
  get(_, property) {
    if (property === 'close') return () => undefined;
    throw new Error(
      'this world runs on PostgreSQL: a test that reads the SQLite database belongs to the SQLite project',
    );
  },
});

export function createTestCore(options: TestCoreOptions): TestCore {
  const onPostgres = postgresStore !== null && !options.database && !options.file;
  const database = onPostgres ? NO_SQLITE : (options.database ?? openDatabase(options.file ?? ':memory:'));
  const base = onPostgres && postgresStore ? postgresStore : createSqliteStore(database);
  const store = options.wrapStore ? options.wrapStore(base) : base;
  const clock = options.clock ?? new ManualClock(options.start ?? DEFAULT_START);
  const logger = options.logger ?? new RecordingLogger();
  const waits: number[] = [];
  const rebound = createRebound({
    store,
    chat: options.chat,
    clock,
    logger,
    owner: options.owner ?? 'test',
    wait: async (ms) => void waits.push(ms),
    ...(options.charts ? { charts: options.charts } : {}),
  });
  return { rebound, store, database, clock, logger, waits };
}

/** Someone acting in the world: a user id, or a user with a zone, a permission or a place. */
export interface Member {
  readonly userId: string;
  readonly timezone?: string;
  readonly canManageChannel?: boolean;
  readonly platform?: Platform;
  readonly workspaceId?: string;
  readonly channelId?: string;
}

/** Where something happens, when not where the member is (default: channel `C1` of workspace `T1`). */
export type Where = Partial<Pick<EventSource, 'workspaceId' | 'channelId' | 'platform'>>;

export interface WorldOptions {
  readonly start?: Date;
  readonly file?: string;
  /** The platform of every event unless a member or a `where` says otherwise (default Slack). */
  readonly platform?: Platform;
  readonly charts?: ChartRenderer;
  readonly chat?: RecordingChat;
  readonly owner?: string;
}

export interface World {
  readonly rebound: Rebound;
  readonly store: Store;
  readonly chat: RecordingChat;
  readonly clock: ManualClock;
  readonly database: OpenedDatabase;
  readonly logs: RecordingLogger;
  /** Every wait the core asked for between delivery retries, in ms. */
  readonly waits: number[];
  source(user: Member | string, where?: Where): EventSource;
  /** Runs a whole command line, `/name text`, as the console reads it. */
  run(user: Member | string, line: string, where?: Where): Promise<Reply>;
  /** Runs `/name text` given as its two parts. */
  command(user: Member | string, name: string, text?: string, where?: Where): Promise<Reply>;
  /** Runs a command line and returns the reply's text; fails on a reply that is not a message. */
  say(user: Member | string, line: string, where?: Where): Promise<string>;
  click(user: Member | string, actionId: string, where?: Where & { messageId?: string }): Promise<Reply>;
  submit(
    user: Member | string,
    formId: string,
    fields: Readonly<Record<string, string>>,
    where?: Where,
  ): Promise<Reply>;
  /** A reaction on the last group post whose text contains `needle`. */
  react(user: Member | string, needle: string, emoji?: string, added?: boolean): Promise<Reply>;
  /** A reply in a thread (`threadId`: the thread's platform id), with its text when given. */
  reply(user: Member | string, threadId: string, text?: string, where?: Where): Promise<Reply>;
  /** Moves the clock by `ms`, sweeping at every moment something falls due, like the console's :time. */
  advance(ms: number): Promise<void>;
  /** Moves the clock to `to`, sweeping at every moment something falls due. */
  advanceTo(to: Date): Promise<void>;
  /** When a delivery was marked sent, as an ISO string (null when it was not). */
  sentAt(key: string): Promise<string | null>;
  close(): void;
}

export function createWorld(options: WorldOptions = {}): World {
  const chat = options.chat ?? new RecordingChat();
  const logs = new RecordingLogger();
  const { rebound, store, database, clock, waits } = createTestCore({
    chat,
    logger: logs,
    start: options.start ?? DEFAULT_START,
    ...(options.file ? { file: options.file } : {}),
    ...(options.owner ? { owner: options.owner } : {}),
    ...(options.charts ? { charts: options.charts } : {}),
  });
  const platform = options.platform ?? 'slack';
  const source = (user: Member | string, where: Where = {}): EventSource => {
    const m: Member = typeof user === 'string' ? { userId: user } : user;
    return {
      platform: where.platform ?? m.platform ?? platform,
      workspaceId: where.workspaceId ?? m.workspaceId ?? 'T1',
      channelId: where.channelId ?? m.channelId ?? 'C1',
      channelName: 'job-hunt',
      actor: { userId: m.userId, displayName: m.userId, isBot: false, ...(m.timezone ? { timezone: m.timezone } : {}) },
      ...(m.canManageChannel !== undefined ? { canManageChannel: m.canManageChannel } : {}),
    };
  };
  const command = (user: Member | string, name: string, text = '', where?: Where) =>
    rebound.handle(commandEvent(source(user, where), name, text));
  const run = (user: Member | string, line: string, where?: Where) => {
    const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line.trim());
    if (!m) throw new Error(`not a command line: ${line}`);
    return command(user, m[1] ?? '', m[2] ?? '', where);
  };
  const advanceTo = async (to: Date) => {
    await advanceClock(clock, to, { nextWake: (after) => rebound.nextWakeUp(after), sweep: () => rebound.sweep() });
  };
  return {
    rebound,
    store,
    chat,
    clock,
    database,
    logs,
    waits,
    source,
    run,
    command,
    async say(user, line, where) {
      return textOf(await run(user, line, where));
    },
    click: (user, actionId, where = {}) =>
      rebound.handle({
        kind: 'button',
        source: source(user, where),
        actionId,
        ...(where.messageId ? { messageId: where.messageId } : {}),
      }),
    submit: (user, formId, fields, where) =>
      rebound.handle({ kind: 'form-submit', source: source(user, where), formId, fields }),
    async react(user, needle, emoji = '🎉', added = true) {
      const post = [...chat.sent].reverse().find((s) => s.kind === 'channel' && s.text.includes(needle));
      if (!post) throw new Error(`no group post containing ${needle}`);
      return rebound.handle({ kind: 'reaction', source: source(user), added, messageId: post.sent.messageId, emoji });
    },
    reply: (user, threadId, text, where) =>
      rebound.handle({
        kind: 'thread-reply',
        source: source(user, where),
        threadId,
        ...(text !== undefined ? { text } : {}),
      }),
    advance: (ms) => advanceTo(new Date(clock.now().getTime() + ms)),
    advanceTo,
    sentAt: async (key) => (await store.deliveries.get(key))?.sentAt?.toISOString() ?? null,
    close: () => database.close(),
  };
}

export interface GroupWorld extends World {
  readonly groupId: number;
  memberId(userId: string): Promise<number>;
}

/**
 * A world whose channel C1 is a group set up by alice (`/rebound setup 09:00 {zone} {days}`), with
 * more members joined; the setup's welcome post is cleared from the chat.
 */
export async function createGroupWorld(
  options: WorldOptions & {
    zone: string;
    days?: string;
    time?: string;
    members?: readonly { userId: string; timezone?: string }[];
  },
): Promise<GroupWorld> {
  const world = createWorld(options);
  await world.run(
    { userId: 'alice', timezone: options.zone },
    `/rebound setup ${options.time ?? '09:00'} ${options.zone} ${options.days ?? 'mon-fri'}`,
  );
  for (const m of options.members ?? [{ userId: 'alice' }]) {
    await world.run(m.timezone ? { userId: m.userId, timezone: m.timezone } : m.userId, '/rebound join');
  }
  const group = await world.store.groups.findByChannel({ platform: 'slack', workspaceId: 'T1' }, 'C1');
  if (!group) throw new Error('the group was not set up');
  world.chat.clear();
  return {
    ...world,
    groupId: group.id,
    async memberId(userId) {
      const m = await world.store.members.find(group.id, userId);
      if (!m) throw new Error(`${userId} is not a member`);
      return m.id;
    },
  };
}

/** A reply's text, for assertions; fails on a reply that is not a message. */
export function textOf(reply: Reply): string {
  if (reply.type !== 'private' && reply.type !== 'replace')
    throw new Error(`expected a private or replacing reply, got ${reply.type}`);
  return messageToPlainLines(reply.message).join('\n');
}

/** All text of any reply (a form's title, a form's errors, nothing for none), for assertions. */
export function replyText(reply: Reply): string {
  switch (reply.type) {
    case 'private':
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

export function buttonsOf(reply: Reply): string[] {
  return reply.type === 'private' || reply.type === 'replace'
    ? messageButtons(reply.message).map((b) => b.actionId)
    : [];
}

export const isNudge = (text: string) => /from your plan (is|are) due/.test(text);
export const isReminder = (text: string) => /check-in .* is still open/.test(text);
