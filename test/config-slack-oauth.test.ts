import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { describeConfig, secretsOf } from '../src/config-in-logs.ts';

const SIGNING = '8f742231b10e8888hush99yyyzzz85a5';
const CLIENT_SECRET = 'c0ffeehushclientsecret000000001';
const STATE_SECRET = 'hush-my-state-secret-of-my-own';
const KEY_HEX = 'ab'.repeat(32);
const OAUTH = {
  SLACK_CLIENT_ID: '1234.5678',
  SLACK_CLIENT_SECRET: CLIENT_SECRET,
  SLACK_STATE_SECRET: STATE_SECRET,
  SLACK_SIGNING_SECRET: SIGNING,
  REBOUND_SECRET_KEY: KEY_HEX,
};

function refusal(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the settings');
}

describe('Slack OAuth mode settings', () => {
  it('runs Slack in OAuth mode with a client id, client secret, state secret, signing secret and key, and no bot token', () => {
    const config = loadConfig({ ...OAUTH, SLACK_API_URL: 'http://127.0.0.1:4000/api/' });
    expect(config.adapters).toStrictEqual({
      kind: 'platforms',
      slack: {
        mode: 'oauth',
        clientId: '1234.5678',
        clientSecret: CLIENT_SECRET,
        stateSecret: STATE_SECRET,
        signingSecret: SIGNING,
        secretKey: KEY_HEX,
        apiUrl: 'http://127.0.0.1:4000/api/',
      },
      discord: null,
    });
    expect(describeConfig(config).adapters).toBe('slack (HTTP, OAuth)');
    expect(secretsOf(config).sort()).toEqual([CLIENT_SECRET, STATE_SECRET, SIGNING, KEY_HEX].sort());
  });

  it('takes the key as base64 too', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ ...OAUTH, REBOUND_SECRET_KEY: key }).adapters).toMatchObject({ slack: { secretKey: key } });
  });

  it('stops on a missing key with one line saying how to make one', () => {
    const { REBOUND_SECRET_KEY: _unused, ...withoutKey } = OAUTH;
    expect(refusal(withoutKey).message).toBe(
      "REBOUND_SECRET_KEY is missing: Slack OAuth mode encrypts the workspaces' tokens with it; give 32 random bytes as 64 hex characters (openssl rand -hex 32)",
    );
  });

  it('stops on a short or malformed key with one line that never quotes it', () => {
    for (const key of ['ab'.repeat(16), Buffer.alloc(24, 1).toString('base64'), 'hush hush hush']) {
      const error = refusal({ ...OAUTH, REBOUND_SECRET_KEY: key });
      expect(error.problems.map((p) => p.variable)).toEqual(['REBOUND_SECRET_KEY']);
      expect(error.message).toMatch(/^REBOUND_SECRET_KEY must be 32 bytes, as 64 hex characters or base64/);
      expect(error.message).not.toContain(key);
    }
  });

  it('names each missing OAuth setting once it has begun', () => {
    const error = refusal({ SLACK_CLIENT_ID: '1234.5678' });
    expect(error.problems.map((p) => p.variable)).toEqual([
      'SLACK_CLIENT_SECRET',
      'SLACK_STATE_SECRET',
      'SLACK_SIGNING_SECRET',
      'REBOUND_SECRET_KEY',
    ]);
  });

  it('refuses a bot token beside the OAuth settings, and Socket Mode, with one line each', () => {
    expect(refusal({ ...OAUTH, SLACK_BOT_TOKEN: 'xoxb-1-hushbot' }).message).toMatch(
      /^SLACK_BOT_TOKEN is set with SLACK_CLIENT_ID: choose one workspace/,
    );
    expect(refusal({ ...OAUTH, SLACK_APP_TOKEN: 'xapp-1-hushapp' }).message).toMatch(
      /^SLACK_APP_TOKEN is set: Slack OAuth mode runs over HTTP/,
    );
  });

  it('leaves single-token mode as it was when no OAuth setting is given', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-hushbot', SLACK_SIGNING_SECRET: SIGNING }).adapters).toMatchObject({
      slack: { mode: 'http' },
    });
  });
});
