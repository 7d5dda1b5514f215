import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/core/errors.ts';
import { textMessage } from '../../../src/core/messages.ts';
import type { ChatPort } from '../../../src/core/ports/index.ts';
import { createSlackAdapter } from '../../../adapters/slack/index.ts';
import { RecordingLogger } from '../../fakes/recording-logger.ts';
import { FakeSlackWebApi } from '../../fakes/slack-web-api.ts';

const workspace = { platform: 'slack', workspaceId: 'T1' } as const;
const api = new FakeSlackWebApi();
let chat: ChatPort;

beforeAll(async () => {
  await api.start();
  chat = createSlackAdapter(
    { botToken: 'xoxb-test', signingSecret: 's', apiUrl: api.apiUrl, botId: 'BBOT', botUserId: 'UBOT', teamId: 'T1' },
    new RecordingLogger(),
  ).chat;
});
afterAll(async () => api.stop());
beforeEach(() => api.reset());

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

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
