import type { InboundEvent } from '../../../src/core/events.ts';
import { ManualClock } from '../../../src/core/clock.ts';
import type { SentMessage } from '../../../src/core/ports/index.ts';
import {
  CONSOLE_BOT,
  CONSOLE_CHANNEL,
  CONSOLE_WORKSPACE,
  ConsoleSession,
} from '../../../adapters/console/console-adapter.ts';
import { ConsoleChat } from '../../../adapters/console/console-chat.ts';
import { runChatAdapterContract, type ChatAdapterHarness, type Pings } from '../../contracts/chat-adapter-contract.ts';

/** What the console prints is its "platform payload": a ping is an `@name` not broken by a zero-width space. */
function pingsIn(payload: unknown): Pings {
  const text = String(payload);
  const everyone = /(?<![\w\u200b])@(everyone|here|channel)\b|<!(channel|here|everyone)/i.test(text);
  const users = [...text.matchAll(/(?<![\w\u200b])@([A-Za-z0-9._-]+)|<@!?([A-Za-z0-9]+)>/g)]
    .map((m) => m[1] ?? m[2] ?? '')
    .filter((u) => !/^(everyone|here|channel)$/i.test(u));
  return { everyone, users };
}

async function makeHarness(): Promise<ChatAdapterHarness> {
  const printed: string[] = [];
  const handled: InboundEvent[] = [];
  const clock = new ManualClock(new Date('2026-11-25T12:00:00Z'));
  const chat = new ConsoleChat({
    write: (t) => printed.push(t),
    clock,
    zone: () => 'UTC',
    channelName: (id) => id,
    saveFile: () => '/dev/null',
  });
  const session = new ConsoleSession({
    handler: { handle: async (e) => (handled.push(e), { type: 'none' }), suggest: async () => [] },
    sweep: async () => undefined,
    groupZone: () => 'UTC',
    clock,
    chat,
    nextWake: async () => null,
    localZone: 'UTC',
  });
  let last: SentMessage | null = null;
  let deleted: SentMessage | null = null;
  const track = <T extends SentMessage>(p: Promise<T>) => p.then((s) => ((last = s), s));
  const workspace = { platform: 'console' as const, workspaceId: CONSOLE_WORKSPACE };
  return {
    chat: {
      postToChannel: (t, m, o) => track(chat.postToChannel(t, m, o)),
      shareFiles: (t, f, o) => chat.shareFiles(t, f, o),
      postThreadStarter: (t, m, n, o) => track(chat.postThreadStarter(t, m, n, o)),
      postInThread: (t, id, m, o) => track(chat.postInThread(t, id, m, o)),
      sendDirect: (t, m, o) => track(chat.sendDirect(t, m, o)),
      updateMessage: async (ws, s, m) => {
        await chat.updateMessage(ws, s, m);
        last = s;
      },
      deleteMessage: async (ws, s) => {
        await chat.deleteMessage(ws, s);
        deleted = s;
      },
    },
    channel: { workspace, channelId: CONSOLE_CHANNEL },
    user: { workspace, userId: 'alice' },
    handled,
    lastDelivery: () => ({
      // Only what the message says counts, not the `[DM @alice]` prefix saying where it went.
      payload: (printed.at(-1) ?? '').replace(/^\[[^\]]*\]( \(edited\))?/gm, ''),
      platformRef: last ?? { channelId: '', messageId: '' },
    }),
    lastDeletion: () => deleted,
    pingsIn,
    deliverActivity: async (sent, author) => {
      const who = author === 'bot' ? CONSOLE_BOT : author;
      await session.handleLine(`@${who} :react ${chat.postLabel(sent.messageId) ?? ''} 🎉`);
    },
    click: async (sent, actionId, userId) => {
      await session.handleLine(`@${userId} :click ${chat.buttonLabel(sent.messageId, actionId) ?? ''}`);
    },
    stop: async () => undefined,
  };
}

runChatAdapterContract('console', makeHarness);
