/**
 * A slash command's private answer goes in the HTTP response that acknowledges it when the core
 * has it ready within the budget; slower work is acknowledged empty at the budget and answered
 * through the response_url. Bolt in production mode (acknowledge, then work), as Slack sees it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { privateText } from '../../../src/core/messages.ts';
import { RecordingHandler } from '../../fakes/recording-handler.ts';
import { startSlackRig, type SlackTestRig } from './harness.ts';
import { acknowledged } from './with-core.ts';

/** What Slack allows before it tells the person the command failed. */
const SLACK_ACK_LIMIT_MS = 3000;
/** The rig's budget: production's is shorter, a loaded test machine needs more for a quick answer. */
const BUDGET_MS = 500;

const handler = new RecordingHandler(privateText('Logged: SRE at Acme.'));
let rig: SlackTestRig;

beforeAll(async () => {
  rig = await startSlackRig(handler, { processBeforeResponse: false, answerInAckWithinMs: BUDGET_MS });
});
afterAll(async () => rig.stop());
beforeEach(() => rig.api.reset());

async function responseUrlCalls(count: number): Promise<void> {
  for (let i = 0; i < 200 && rig.api.callsTo('response_url').length < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a slash command answered in its acknowledgement', () => {
  it('carries a quick private answer in the HTTP response, and the response_url receives nothing', async () => {
    const res = await rig.slack.command({
      command: '/applied',
      text: 'Acme | SRE',
      responseUrl: rig.api.responseUrl(),
    });
    expect(res.status).toBe(200);
    expect(acknowledged(res)?.params).toMatchObject({ response_type: 'ephemeral', text: 'Logged: SRE at Acme.' });
    // Time for a second answer to arrive, were one sent.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(rig.api.callsTo('response_url')).toEqual([]);
  });

  it('acknowledges a replayed command (the same trigger_id) empty, and the core sees it once', async () => {
    const command = {
      command: '/applied',
      text: 'Acme | SRE',
      responseUrl: rig.api.responseUrl(),
      triggerId: '13345224609.738474920.answer-replay',
    };
    const before = handler.events.length;
    expect(acknowledged(await rig.slack.command(command))?.params['text']).toBe('Logged: SRE at Acme.');
    const replayed = await rig.slack.command(command);
    expect([replayed.status, replayed.text]).toEqual([200, '']);
    expect(handler.events.length - before).toBe(1);
  });

  it('acknowledges empty at the budget when the core is slower, then answers through the response_url', async () => {
    const release = handler.holdNext();
    const sent = performance.now();
    const res = await rig.slack.command({
      command: '/applied',
      text: 'Acme | SRE',
      responseUrl: rig.api.responseUrl('slow'),
    });
    const waited = performance.now() - sent;
    expect([res.status, res.text]).toEqual([200, '']);
    expect(waited).toBeGreaterThanOrEqual(BUDGET_MS - 5);
    expect(waited).toBeLessThan(SLACK_ACK_LIMIT_MS);
    expect(rig.api.callsTo('response_url')).toEqual([]);

    release();
    await responseUrlCalls(1);
    expect(rig.api.callsTo('response_url').map((call) => call.params)).toEqual([
      expect.objectContaining({ response_type: 'ephemeral', replace_original: false, text: 'Logged: SRE at Acme.' }),
    ]);
  });
});
