/** SLACK_MESSAGES_PER_MINUTE: the workspace's chat.postMessage budget, read with the other settings. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { DEFAULT_MESSAGES_PER_MINUTE, slackLimits } from '../../../adapters/slack/pace.ts';

const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1111-2222-abcdef', SLACK_SIGNING_SECRET: '8f742231b10e8888' };

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('loadConfig accepted the settings');
}

describe('SLACK_MESSAGES_PER_MINUTE', () => {
  it('reaches the Slack adapter’s settings, in HTTP and in Socket Mode', () => {
    const http = loadConfig({ ...SLACK, SLACK_MESSAGES_PER_MINUTE: '120' }).adapters;
    expect(http.kind === 'platforms' && http.slack?.messagesPerMinute).toBe(120);
    const socket = loadConfig({
      ...SLACK,
      SLACK_APP_TOKEN: 'xapp-1-A1-2-abc',
      SLACK_MESSAGES_PER_MINUTE: '1',
    }).adapters;
    expect(socket.kind === 'platforms' && socket.slack?.mode === 'socket' && socket.slack.messagesPerMinute).toBe(1);
  });

  it('is absent when unset, and the adapter then allows 300 a minute', () => {
    const config = loadConfig(SLACK).adapters;
    expect(config.kind === 'platforms' && config.slack).not.toHaveProperty('messagesPerMinute');
    expect(DEFAULT_MESSAGES_PER_MINUTE).toBe(300);
    expect(slackLimits().messages.limit).toBe(300);
    expect(slackLimits(120).messages).toMatchObject({ limit: 120, windowMs: 60_000 });
  });

  it.each(['0', '100001', '2.5', 'fast', '-3'])('refuses %s with one line naming the range', (value) => {
    expect(refusal({ ...SLACK, SLACK_MESSAGES_PER_MINUTE: value })).toBe(
      `SLACK_MESSAGES_PER_MINUTE must be a whole number of messages from 1 to 100000 (got ${JSON.stringify(value)})`,
    );
  });

  it('accepts the bounds, 1 and 100000', () => {
    for (const value of ['1', '100000']) {
      const config = loadConfig({ ...SLACK, SLACK_MESSAGES_PER_MINUTE: value }).adapters;
      expect(config.kind === 'platforms' && config.slack?.messagesPerMinute).toBe(Number(value));
    }
  });
});
