import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/core/errors.ts';
import { textMessage } from '../../../src/core/messages.ts';
import type { ChatPort } from '../../../src/core/ports/index.ts';
import { createSlackAdapter } from '../../../adapters/slack/index.ts';
import { RecordingLogger } from '../../fakes/recording-logger.ts';
import { FakeSlackWebApi } from '../../fakes/slack-web-api.ts';
import { skippingTimer } from './pace-timers.ts';

const workspace = { platform: 'slack', workspaceId: 'T1' } as const;
const api = new FakeSlackWebApi();
let chat: ChatPort;

beforeAll(async () => {
  await api.start();
  // No start(): proactive sends need no HTTP listener and no Web API call beforehand.
  chat = createSlackAdapter(
    {
      botToken: 'xoxb-test',
      signingSecret: 's',
      apiUrl: api.apiUrl,
      botId: 'BBOT',
      botUserId: 'UBOT',
      teamId: 'T1',
      pace: { timer: skippingTimer() },
    },
    new RecordingLogger(),
  ).chat;
});
afterAll(async () => api.stop());
beforeEach(() => api.reset());

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DeliveryError) return error;
    throw error;
  }
  throw new Error('expected a DeliveryError');
}

describe('Slack ChatPort', () => {
  it('posts to a channel and returns the channel and ts Slack answered with', async () => {
    const sent = await chat.postToChannel({ workspace, channelId: 'C1' }, textMessage('alice applied to a role'));
    const [call] = api.callsTo('chat.postMessage');
    expect(call?.params).toMatchObject({
      channel: 'C1',
      text: 'alice applied to a role',
      parse: 'none',
      link_names: 'false',
    });
    expect(sent).toEqual({ channelId: 'C1', messageId: '1700000001.000100' });
  });

  it('opens a thread with the day’s post and replies in it', async () => {
    const starter = await chat.postThreadStarter({ workspace, channelId: 'C1' }, textMessage('Check-in'), '2026-11-26');
    expect(starter.threadId).toBe(starter.messageId);
    await chat.postInThread({ workspace, channelId: 'C1' }, starter.threadId, textMessage('Reminder'));
    expect(api.callsTo('chat.postMessage')[1]?.params['thread_ts']).toBe(starter.threadId);
  });

  it('sends a DM to the user id with no conversations.open, and returns the DM channel Slack answered with', async () => {
    const first = await chat.sendDirect({ workspace, userId: 'U1' }, textMessage('Time to ask Acme for feedback'));
    expect(api.callsTo('conversations.open')).toEqual([]);
    expect(api.callsTo('chat.postMessage').map((c) => c.params['channel'])).toEqual(['U1']);
    expect(first.channelId).toBe('D1');
  });

  it('sends a DM to the stored DM channel when the person has one', async () => {
    const sent = await chat.sendDirect({ workspace, userId: 'U1', dmChannelId: 'D1' }, textMessage('again'));
    expect(api.callsTo('chat.postMessage').map((c) => c.params['channel'])).toEqual(['D1']);
    expect(sent.channelId).toBe('D1');
  });

  it('replaces a sent message with chat.update', async () => {
    await chat.updateMessage(workspace, { channelId: 'D1', messageId: '1700000009.000100' }, textMessage('Done ✓'));
    expect(api.callsTo('chat.update')[0]?.params).toMatchObject({
      channel: 'D1',
      ts: '1700000009.000100',
      text: 'Done ✓',
    });
  });

  it('shares files with the external upload flow', async () => {
    const bytes = new TextEncoder().encode('{"applications":[]}');
    await chat.shareFiles({ workspace, channelId: 'D3' }, [
      { filename: 'rebound-export.json', mimeType: 'application/json', bytes },
    ]);
    expect(api.calls.map((c) => c.method)).toEqual([
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
    expect(api.callsTo('files.getUploadURLExternal')[0]?.params).toMatchObject({
      filename: 'rebound-export.json',
      length: String(bytes.length),
    });
    expect(api.callsTo('files.completeUploadExternal')[0]?.params).toMatchObject({ channel_id: 'D3' });
  });

  it.each(['cannot_dm_bot', 'user_not_found', 'user_disabled', 'channel_not_found'])(
    'reports a DM that fails with %s as permanent',
    async (code) => {
      api.failNext('chat.postMessage', { error: code });
      const error = await failure(chat.sendDirect({ workspace, userId: 'U404' }, textMessage('hi')));
      expect(error.kind).toBe('permanent');
      expect(error.message).toContain(code);
      expect(error.remedy).toBeUndefined();
    },
  );

  it.each(['channel_not_found', 'is_archived'])(
    'reports a group post that fails with %s as permanent',
    async (code) => {
      api.failNext('chat.postMessage', { error: code });
      expect((await failure(chat.postToChannel({ workspace, channelId: 'C9' }, textMessage('x')))).kind).toBe(
        'permanent',
      );
    },
  );

  it('reports ratelimited with the Retry-After delay, without waiting or retrying itself', async () => {
    api.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 7 });
    const error = await failure(chat.postToChannel({ workspace, channelId: 'C1' }, textMessage('x')));
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterMs).toBe(7000);
    expect(api.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('reports Slack’s ratelimited error in an answer as rate-limited, a second by default', async () => {
    api.failNext('chat.postMessage', { error: 'ratelimited' });
    const error = await failure(chat.postToChannel({ workspace, channelId: 'C7' }, textMessage('x')));
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 1000 });
  });

  it('reports a 5xx answer and Slack’s internal_error as transient', async () => {
    api.failNext('chat.postMessage', { status: 503 }, { error: 'internal_error' });
    expect((await failure(chat.postToChannel({ workspace, channelId: 'C1' }, textMessage('x')))).kind).toBe(
      'transient',
    );
    expect((await failure(chat.postToChannel({ workspace, channelId: 'C1' }, textMessage('x')))).kind).toBe(
      'transient',
    );
  });

  it('reports an unreachable Web API as transient', async () => {
    const offline = createSlackAdapter(
      {
        botToken: 'xoxb-test',
        signingSecret: 's',
        apiUrl: 'http://127.0.0.1:9/api/',
        botId: 'BBOT',
        botUserId: 'UBOT',
        pace: { timer: skippingTimer() },
      },
      new RecordingLogger(),
    ).chat;
    expect((await failure(offline.postToChannel({ workspace, channelId: 'C1' }, textMessage('x')))).kind).toBe(
      'transient',
    );
  });

  it('refuses to send for a workspace that has not installed the app', async () => {
    const error = await failure(
      chat.postToChannel({ workspace: { platform: 'slack', workspaceId: 'T2' }, channelId: 'C1' }, textMessage('x')),
    );
    expect(error.kind).toBe('permanent');
    expect(api.calls).toHaveLength(0);
  });
});

describe('a Slack channel the bot was not invited to', () => {
  it.each(['not_in_channel', 'channel_not_found'])(
    'fails with %s permanently, saying to /invite the bot',
    async (code) => {
      api.failNext('chat.postMessage', { error: code });
      const error = await failure(chat.postToChannel({ workspace, channelId: 'C9' }, textMessage('Rebound is here')));
      expect(error.kind).toBe('permanent');
      expect(error.remedy).toContain('/invite @Rebound');
    },
  );

  it('gives no invite hint for other refusals', async () => {
    api.failNext('chat.postMessage', { error: 'is_archived' });
    expect(
      (await failure(chat.postToChannel({ workspace, channelId: 'C9' }, textMessage('x')))).remedy,
    ).toBeUndefined();
  });
});
