/** The Slack ChatPort waits for Slack's limits before `beforeRequest`, and a 429 holds only its own channel. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/core/errors.ts';
import { textMessage } from '../../../src/core/messages.ts';
import type { ChatPort, SentMessage } from '../../../src/core/ports/index.ts';
import { createSlackAdapter } from '../../../adapters/slack/index.ts';
import { RecordingLogger } from '../../fakes/recording-logger.ts';
import { FakeSlackWebApi } from '../../fakes/slack-web-api.ts';
import { ManualTimer, settle } from './pace-timers.ts';

const workspace = { platform: 'slack', workspaceId: 'T1' } as const;
const api = new FakeSlackWebApi();
let timer: ManualTimer;
let chat: ChatPort;

beforeAll(async () => {
  await api.start();
});
afterAll(async () => api.stop());
beforeEach(() => {
  api.reset();
  timer = new ManualTimer();
  chat = createSlackAdapter(
    {
      botToken: 'xoxb-test',
      signingSecret: 's',
      apiUrl: api.apiUrl,
      botId: 'BBOT',
      botUserId: 'UBOT',
      pace: { timer },
    },
    new RecordingLogger(),
  ).chat;
});

const to = (channelId: string) => ({ workspace, channelId });
const postsTo = (channel: string) => api.callsTo('chat.postMessage').filter((c) => c.params['channel'] === channel);

describe('pacing Slack sends', () => {
  it('waits for the channel’s limit first, and only then calls beforeRequest', async () => {
    await chat.postToChannel(to('C1'), textMessage('1'));
    await chat.postToChannel(to('C1'), textMessage('2'));
    let attempts = 0;
    const third = chat.postToChannel(to('C1'), textMessage('3'), { beforeRequest: async () => void attempts++ });
    await chat.postToChannel(to('C2'), textMessage('elsewhere'));
    await settle();
    expect(attempts).toBe(0);
    expect(postsTo('C1')).toHaveLength(2);
    await timer.advance(1000);
    await third;
    expect(attempts).toBe(1);
    expect(postsTo('C1')).toHaveLength(3);
  });

  it('holds a channel Slack answered 429 for the time it asked, while other channels go on', async () => {
    api.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 2, channel: 'C1' });
    const error: unknown = await chat.postToChannel(to('C1'), textMessage('1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 2000 });

    let again: SentMessage | null = null;
    const retry = chat.postToChannel(to('C1'), textMessage('1')).then((sent) => (again = sent));
    expect(await chat.postToChannel(to('C2'), textMessage('2'))).toMatchObject({ channelId: 'C2' });
    await chat.sendDirect({ workspace, userId: 'U1' }, textMessage('3'));
    await timer.advance(1999);
    expect(again).toBeNull();
    expect(postsTo('C1')).toHaveLength(1);
    await timer.advance(1);
    await retry;
    expect(again).toMatchObject({ channelId: 'C1' });
  });

  it('paces chat.update and chat.delete, and a 429 on one holds the other', async () => {
    const sent = await chat.postToChannel(to('C1'), textMessage('x'));
    api.failNext('chat.update', { status: 429, retryAfterSeconds: 3 });
    await expect(chat.updateMessage(workspace, sent, textMessage('y'))).rejects.toMatchObject({
      kind: 'rate-limited',
    });
    let deleted = false;
    const deleting = chat.deleteMessage(workspace, sent).then(() => (deleted = true));
    await timer.advance(2999);
    expect(deleted).toBe(false);
    await timer.advance(1);
    await deleting;
    expect(api.callsTo('chat.delete')).toHaveLength(1);
  });
});
