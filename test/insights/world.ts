/**
 * A small world for the insights tests: the real core on a SQLite store (in memory or on a file),
 * a manual clock, the shared recording chat port, and helpers to act as members.
 */
import { inflateSync } from 'node:zlib';
import { ManualClock } from '../../src/core/clock.ts';
import { createRebound, type Rebound } from '../../src/core/create-rebound.ts';
import type { EventSource } from '../../src/core/events.ts';
import { commandEvent } from '../helpers/command-event.ts';
import { messageButtons, messageToPlainLines, type Reply } from '../../src/core/messages.ts';
import type { ChartRenderer, Store } from '../../src/core/ports/index.ts';
import { openDatabase, type OpenedDatabase } from '../../src/db/open.ts';
import { createSqliteStore } from '../../src/db/sqlite-store.ts';
import { RecordingChat } from '../fakes/recording-chat.ts';
import { silentLogger } from '../helpers/core.ts';

export interface Actor {
  readonly userId: string;
  readonly timezone?: string;
  readonly workspaceId?: string;
  readonly channelId?: string;
}

export interface World {
  readonly rebound: Rebound;
  readonly store: Store;
  readonly chat: RecordingChat;
  readonly clock: ManualClock;
  readonly database: OpenedDatabase;
  source(actor: Actor | string): EventSource;
  run(actor: Actor | string, name: string, text?: string): Promise<Reply>;
  /** Runs a command and returns its private text; fails the test on any other kind of reply. */
  say(actor: Actor | string, name: string, text?: string): Promise<string>;
  click(actor: Actor | string, actionId: string): Promise<Reply>;
  /** A reaction on the last group post whose text contains `needle`. */
  react(actor: Actor | string, needle: string, emoji?: string): Promise<void>;
  close(): void;
}

export function createWorld(options: {
  start: Date;
  file?: string;
  charts?: ChartRenderer;
  chat?: RecordingChat;
}): World {
  const database = openDatabase(options.file ?? ':memory:');
  const store = createSqliteStore(database);
  const chat = options.chat ?? new RecordingChat();
  const clock = new ManualClock(options.start);
  const rebound = createRebound({
    store,
    chat,
    clock,
    logger: silentLogger,
    owner: `test-${Math.random().toString(36).slice(2, 8)}`,
    ...(options.charts ? { charts: options.charts } : {}),
  });
  const source = (actor: Actor | string): EventSource => {
    const a = typeof actor === 'string' ? { userId: actor } : actor;
    return {
      platform: 'slack',
      workspaceId: a.workspaceId ?? 'T1',
      channelId: a.channelId ?? 'C1',
      channelName: 'job-hunt',
      actor: { userId: a.userId, displayName: a.userId, isBot: false, ...(a.timezone ? { timezone: a.timezone } : {}) },
    };
  };
  const run = (actor: Actor | string, name: string, text = '') =>
    rebound.handle(commandEvent(source(actor), name, text));
  return {
    rebound,
    store,
    chat,
    clock,
    database,
    source,
    run,
    async say(actor, name, text) {
      return textOf(await run(actor, name, text));
    },
    click: (actor, actionId) => rebound.handle({ kind: 'button', source: source(actor), actionId }),
    async react(actor, needle, emoji = '🎉') {
      const post = [...chat.sent].reverse().find((s) => s.kind === 'channel' && s.text.includes(needle));
      if (!post) throw new Error(`no group post containing ${needle}`);
      await rebound.handle({
        kind: 'reaction',
        source: source(actor),
        added: true,
        messageId: post.sent.messageId,
        emoji,
      });
    },
    close: () => database.close(),
  };
}

export function textOf(reply: Reply): string {
  if (reply.type !== 'private' && reply.type !== 'replace')
    throw new Error(`expected a private or replacing reply, got ${reply.type}`);
  return messageToPlainLines(reply.message).join('\n');
}

export function buttonsOf(reply: Reply): string[] {
  return reply.type === 'private' || reply.type === 'replace'
    ? messageButtons(reply.message).map((b) => b.actionId)
    : [];
}

/**
 * Decodes a PNG far enough to trust it: signature, chunks, IHDR, and the image data inflated to
 * exactly one filtered row per line of pixels. Returns the size.
 */
export function decodePng(png: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((b, i) => png[i] === b)) throw new Error('not a PNG');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let offset = 8;
  let header: { width: number; height: number; bitDepth: number; colourType: number } | null = null;
  const data: Uint8Array[] = [];
  let ended = false;
  while (offset + 8 <= png.length && !ended) {
    const length = view.getUint32(offset);
    const type = new TextDecoder().decode(png.subarray(offset + 4, offset + 8));
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR')
      header = {
        width: view.getUint32(offset + 8),
        height: view.getUint32(offset + 12),
        bitDepth: body[8] ?? 0,
        colourType: body[9] ?? 0,
      };
    if (type === 'IDAT') data.push(body);
    if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  if (!header || !ended) throw new Error('PNG without IHDR or IEND');
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[header.colourType];
  if (!channels || header.bitDepth !== 8)
    throw new Error(`unexpected PNG format ${header.colourType}/${header.bitDepth}`);
  const pixels = inflateSync(Buffer.concat(data));
  if (pixels.length !== header.height * (1 + header.width * channels))
    throw new Error('PNG image data does not match its size');
  return { width: header.width, height: header.height };
}
