import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { createKeepAliveFetch } from '../../../adapters/slack/keep-alive-fetch.ts';
import { createSlackPace, slackLimits } from '../../../adapters/slack/pace.ts';
import { createUserDirectory } from '../../../adapters/slack/users.ts';
import { RecordingHandler } from '../../fakes/recording-handler.ts';
import { RecordingLogger } from '../../fakes/recording-logger.ts';
import { FakeSlackWebApi } from '../../fakes/slack-web-api.ts';
import { startSlackRig } from './harness.ts';
import { ManualTimer } from './pace-timers.ts';

const api = new FakeSlackWebApi();
let client: webApi.WebClient;

beforeAll(async () => {
  await api.start();
  api.addUser({ id: 'U1', name: 'alice', tz: 'Europe/Berlin' });
  client = new webApi.WebClient('xoxb-test', {
    slackApiUrl: api.apiUrl,
    fetch: createKeepAliveFetch(),
    retryConfig: { retries: 0 },
    timeout: 5000,
    logLevel: webApi.LogLevel.ERROR,
  });
});
afterAll(async () => api.stop());
beforeEach(() => api.reset());

const alice = { userId: 'U1', displayName: 'alice', timezone: 'Europe/Berlin', isBot: false };
const fallback = { userId: 'U1', displayName: 'U1', isBot: false };

describe('the Slack user directory', () => {
  it('keeps what users.info said: the next event asks nothing', async () => {
    const users = createUserDirectory(new RecordingLogger());
    expect(await users.actor(client, 'T1', 'U1')).toEqual(alice);
    expect(await users.actor(client, 'T1', 'U1')).toEqual(alice);
    expect(api.callsTo('users.info')).toHaveLength(1);
  });

  it('falls back without a timezone when users.info never answers, and asks again next time', async () => {
    const logger = new RecordingLogger();
    const users = createUserDirectory(logger, { lookupTimeoutMs: 100 });
    api.failNext('users.info', { fault: 'hang' });
    expect(await users.actor(client, 'T1', 'U1')).toEqual(fallback);
    expect(await users.actor(client, 'T1', 'U1')).toEqual(alice);
    expect(api.callsTo('users.info')).toHaveLength(2);
  });

  it('falls back when users.info fails, and keeps nothing', async () => {
    const users = createUserDirectory(new RecordingLogger());
    api.failNext('users.info', { status: 500 });
    expect(await users.actor(client, 'T1', 'U1', 'alice-from-the-payload')).toEqual({
      ...fallback,
      displayName: 'alice-from-the-payload',
    });
    expect(await users.actor(client, 'T1', 'U1')).toEqual(alice);
  });

  it('falls back rather than wait past its timeout for users.info’s budget', async () => {
    const timer = new ManualTimer();
    const limits = { ...slackLimits(), usersInfo: { limit: 1, windowMs: 60_000, burst: 1 } };
    const users = createUserDirectory(new RecordingLogger(), {
      lookupTimeoutMs: 100,
      pace: createSlackPace({ limits, timer }),
    });
    expect(await users.actor(client, 'T1', 'U1')).toEqual(alice);
    expect(await users.actor(client, 'T1', 'U2', 'bob')).toEqual({ userId: 'U2', displayName: 'bob', isBot: false });
    expect(api.callsTo('users.info')).toHaveLength(1);
    expect(timer.sleeping).toBe(0);
  });
});

describe('a slash command when users.info never answers', () => {
  it('is still handed to the core, from the person named by the payload', async () => {
    const handler = new RecordingHandler({ type: 'none' });
    const rig = await startSlackRig(handler, { userLookupTimeoutMs: 100 });
    try {
      rig.api.failNext('users.info', { fault: 'hang' });
      const res = await rig.slack.command({
        command: '/stats',
        text: '',
        userId: 'U1',
        userName: 'alice',
        responseUrl: rig.api.responseUrl(),
      });
      expect(res.status).toBe(200);
      expect(handler.events.at(-1)?.source.actor).toEqual({ userId: 'U1', displayName: 'alice', isBot: false });
    } finally {
      await rig.stop();
    }
  });
});
