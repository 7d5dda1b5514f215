import { afterEach, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../adapters/slack/index.ts';
import { RecordingHandler } from '../../fakes/recording-handler.ts';
import { RecordingLogger } from '../../fakes/recording-logger.ts';
import { inboundFor } from '../../helpers/core-inbound.ts';
import { startSlackRig, type SlackTestRig } from './harness.ts';

let rig: SlackTestRig | null = null;
afterEach(async () => {
  await rig?.stop();
  rig = null;
});

describe('Slack adapter start-up', () => {
  it('starts without any Web API call and asks auth.test once, on the first request, when the bot ids are not configured', async () => {
    const handler = new RecordingHandler({ type: 'none' });
    rig = await startSlackRig(handler, { botId: undefined, botUserId: undefined });
    expect(rig.api.calls).toEqual([]);
    await rig.slack.command({ command: '/followups', text: '', responseUrl: rig.api.responseUrl() });
    await rig.slack.command({ command: '/followups', text: '', responseUrl: rig.api.responseUrl() });
    expect(rig.api.callsTo('auth.test')).toHaveLength(1);
    expect(handler.events).toHaveLength(2);
  });

  it('refuses to be built with neither a signing secret nor an app token', () => {
    expect(() => createSlackAdapter({ botToken: 'xoxb-x' }, new RecordingLogger())).toThrow(/SLACK_SIGNING_SECRET/);
  });

  it('refuses to start before it has been initialised with the core, and to be initialised twice', async () => {
    const adapter = createSlackAdapter({ botToken: 'xoxb-x', signingSecret: 's', port: 0 }, new RecordingLogger());
    await expect(adapter.start()).rejects.toThrow(/initialize/);
    adapter.initialize(inboundFor(new RecordingHandler({ type: 'none' })));
    expect(() => adapter.initialize(inboundFor(new RecordingHandler({ type: 'none' })))).toThrow(/already initialized/);
  });

  it('never writes the bot token or signing secret into its logs', async () => {
    const handler = new RecordingHandler({ type: 'none' });
    handler.answer = () => {
      throw new Error('boom');
    };
    rig = await startSlackRig(handler);
    await rig.slack.command({ command: '/stats', text: '', responseUrl: rig.api.responseUrl() });
    await rig.slack.command(
      { command: '/stats', text: '', responseUrl: rig.api.responseUrl() },
      { signature: 'v0=bad' },
    );
    const logged = JSON.stringify(rig.logger.lines);
    expect(rig.logger.lines.length).toBeGreaterThan(0);
    expect(logged).not.toContain('xoxb-test');
    expect(logged).not.toContain('8f742231b10e8888abcd99yyyzzz85a5');
  });
});
