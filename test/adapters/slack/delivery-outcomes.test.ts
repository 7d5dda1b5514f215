/**
 * What a Slack send that did not get a clear yes becomes: refused or surely never sent (the core
 * may try again), or left without an answer (`unknown`: it may be there, so it is never resent).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/core/errors.ts';
import { textMessage } from '../../../src/core/messages.ts';
import type { ChatPort } from '../../../src/core/ports/index.ts';
import { createSlackAdapter } from '../../../adapters/slack/index.ts';
import { RecordingLogger } from '../../fakes/recording-logger.ts';
import { FakeSlackWebApi } from '../../fakes/slack-web-api.ts';
import { skippingTimer } from './pace-timers.ts';

const workspace = { platform: 'slack', workspaceId: 'T1' } as const;
const target = { workspace, channelId: 'C1' };
const api = new FakeSlackWebApi();
let chat: ChatPort;

beforeAll(async () => {
  await api.start();
  chat = createSlackAdapter(
    {
      botToken: 'xoxb-test',
      signingSecret: 's',
      apiUrl: api.apiUrl,
      botId: 'BBOT',
      botUserId: 'UBOT',
      requestTimeoutMs: 300,
      pace: { timer: skippingTimer() },
    },
    new RecordingLogger(),
  ).chat;
});
afterAll(async () => api.stop());
afterEach(async () => {
  await api.clearOutage();
  api.reset();
});

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (error instanceof DeliveryError) return error;
  throw new Error(`expected a DeliveryError, got ${String(error)}`);
}

const chart = [{ filename: 'week.png', mimeType: 'image/png', bytes: new Uint8Array([1, 2, 3]), title: 'Your week' }];

describe('a Slack post without a clear answer', () => {
  it('is unknown when Slack never answers, once the request timeout passes', async () => {
    api.failNext('chat.postMessage', { fault: 'hang' });
    const error = await failure(chat.postToChannel(target, textMessage('x')));
    expect(error.kind).toBe('unknown');
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('is unknown when the connection is reset after the request was sent', async () => {
    await api.outage({ mode: 'reset-after-request', method: 'chat.postMessage' });
    expect((await failure(chat.sendDirect({ workspace, userId: 'U1' }, textMessage('x')))).kind).toBe('unknown');
  });

  it('is transient when Slack refuses connections: nothing was sent', async () => {
    await api.outage({ mode: 'refuse' });
    expect((await failure(chat.postToChannel(target, textMessage('x')))).kind).toBe('transient');
    await api.clearOutage();
    expect(await chat.postToChannel(target, textMessage('x'))).toMatchObject({ channelId: 'C1' });
  });

  it('is transient when Slack answers 500', async () => {
    await api.outage({ mode: '500' });
    expect((await failure(chat.postToChannel(target, textMessage('x')))).kind).toBe('transient');
  });

  it.each(['account_inactive', 'token_revoked', 'invalid_auth', 'not_authed'])(
    'is transient, not about the member, when Slack answers %s (the token died: the app was removed)',
    async (code) => {
      api.failNext('chat.postMessage', { error: code });
      const error = await failure(chat.sendDirect({ workspace, userId: 'U1' }, textMessage('x')));
      expect(error.kind).toBe('transient');
      expect(error.message).toContain(code);
    },
  );

  it('is rate-limited with the delay of an outage answering 429', async () => {
    await api.outage({ mode: '429', method: 'chat.postMessage', retryAfterSeconds: 4 });
    expect(await failure(chat.postToChannel(target, textMessage('x')))).toMatchObject({
      kind: 'rate-limited',
      retryAfterMs: 4000,
    });
  });

  it('is rate-limited when Slack’s per-channel limit is exceeded', async () => {
    api.enforceLimits({ perChannelPerSecond: 2 });
    try {
      await chat.postToChannel(target, textMessage('1'));
      await chat.postToChannel(target, textMessage('2'));
      expect((await failure(chat.postToChannel(target, textMessage('3')))).kind).toBe('rate-limited');
      expect(await chat.postToChannel({ workspace, channelId: 'C2' }, textMessage('4'))).toMatchObject({
        channelId: 'C2',
      });
    } finally {
      api.enforceLimits(null);
    }
  });
});

describe('beforeRequest', () => {
  it('is called once, right before the request leaves', async () => {
    const seen: number[] = [];
    await chat.postToChannel(target, textMessage('x'), {
      beforeRequest: async () => void seen.push(api.callsTo('chat.postMessage').length),
    });
    expect(seen).toEqual([0]);
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('that throws stops the send: no request, and its error comes back unchanged', async () => {
    const refusal = new Error('the claim was lost');
    const error: unknown = await chat
      .sendDirect({ workspace, userId: 'U1' }, textMessage('x'), {
        beforeRequest: async () => {
          throw refusal;
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBe(refusal);
    expect(api.calls).toEqual([]);
  });
});

describe('sharing files', () => {
  it('calls beforeRequest once, after the uploads and before files.completeUploadExternal', async () => {
    const seen: string[][] = [];
    await chat.shareFiles(target, chart, {
      beforeRequest: async () => void seen.push(api.calls.map((c) => c.method)),
    });
    expect(seen).toEqual([['files.getUploadURLExternal', 'upload']]);
    expect(api.callsTo('files.completeUploadExternal')[0]?.params).toMatchObject({
      channel_id: 'C1',
      files: [{ id: 'F1', title: 'Your week' }],
    });
  });

  it.each(['files.getUploadURLExternal', 'upload'])(
    'is transient when %s goes unanswered: nothing was shared yet',
    async (method) => {
      let attempts = 0;
      api.failNext(method, { fault: 'hang' });
      const error = await failure(chat.shareFiles(target, chart, { beforeRequest: async () => void attempts++ }));
      expect(error.kind).toBe('transient');
      expect(attempts).toBe(0);
      expect(api.callsTo('files.completeUploadExternal')).toEqual([]);
    },
  );

  it('is transient when the upload is refused with a 500', async () => {
    api.failNext('upload', { status: 500 });
    expect((await failure(chat.shareFiles(target, chart))).kind).toBe('transient');
  });

  it('is unknown when files.completeUploadExternal goes unanswered: the files may be shared', async () => {
    api.failNext('files.completeUploadExternal', { fault: 'reset-after-request' });
    expect((await failure(chat.shareFiles(target, chart))).kind).toBe('unknown');
  });
});
