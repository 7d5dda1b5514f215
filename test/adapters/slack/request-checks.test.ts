/**
 * What the Slack HTTP endpoint refuses before anything reaches the core: requests without a valid
 * signature, and bodies too large to be Slack's.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.ts';
import { RecordingHandler } from '../../fakes/recording-handler.ts';
import { slackSignature, slashCommandBody } from '../../fakes/slack-requests.ts';
import { buttonPress, SIGNING_SECRET, startSlackRig, type SlackTestRig } from './harness.ts';

const FORM = 'application/x-www-form-urlencoded';
const handler = new RecordingHandler({ type: 'none' });
let rig: SlackTestRig;

beforeAll(async () => {
  rig = await startSlackRig(handler);
});
afterAll(async () => rig.stop());
beforeEach(() => {
  handler.events.length = 0;
  rig.api.reset();
});

function commandBody(text = 'Acme | SRE'): string {
  return slashCommandBody({ command: '/applied', text, responseUrl: rig.api.responseUrl() });
}

/** A POST to the Slack endpoint with exactly these headers (none added). */
async function postRaw(body: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(`${rig.baseUrl}/slack/events`, { method: 'POST', headers, body });
  await res.arrayBuffer();
  return res.status;
}

describe('Slack requests refused before the core', () => {
  it('refuses a request without a signature or a timestamp header with 401', async () => {
    const body = commandBody();
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = slackSignature(SIGNING_SECRET, timestamp, body);
    const noSignature = await postRaw(body, { 'content-type': FORM, 'x-slack-request-timestamp': String(timestamp) });
    const noTimestamp = await postRaw(body, { 'content-type': FORM, 'x-slack-signature': signature });
    const neither = await postRaw(body, { 'content-type': FORM });
    expect([noSignature, noTimestamp, neither]).toEqual([401, 401, 401]);
    expect(handler.events).toHaveLength(0);
    expect(rig.api.calls).toEqual([]);
  });

  it.each([
    ['no version', (good: string) => good.slice('v0='.length)],
    ['an unknown version', (good: string) => `v1=${good.slice('v0='.length)}`],
    ['a version only', () => 'v0='],
    ['a truncated hash', (good: string) => good.slice(0, -2)],
    ['two signatures', (good: string) => `${good},${good}`],
  ])('refuses a signature header with %s with 401', async (_name, malform) => {
    const body = commandBody();
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = malform(slackSignature(SIGNING_SECRET, timestamp, body));
    const res = await rig.slack.command(
      { command: '/applied', text: 'Acme | SRE', responseUrl: rig.api.responseUrl() },
      { timestamp, signature },
    );
    expect(res.status).toBe(401);
    expect(handler.events).toHaveLength(0);
  });

  it.each([['not a number'], ['1.5e9'], ['']])('refuses a timestamp header of %j with 401', async (timestamp) => {
    const body = commandBody();
    const res = await postRaw(body, {
      'content-type': FORM,
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': slackSignature(SIGNING_SECRET, timestamp as unknown as number, body),
    });
    expect(res).toBe(401);
    expect(handler.events).toHaveLength(0);
  });

  it("answers Slack's unsigned SSL check with 200 and passes nothing on, even with a payload smuggled in", async () => {
    const plain = await postRaw('ssl_check=1&token=abc', { 'content-type': FORM });
    const smuggled = await postRaw(`ssl_check=1&${commandBody()}`, { 'content-type': FORM });
    expect([plain, smuggled]).toEqual([200, 200]);
    expect(handler.events).toHaveLength(0);
    expect(rig.api.calls).toEqual([]);
  });

  it('refuses a correctly signed body over 4 MB with 413 and still takes the next command', async () => {
    const res = await rig.slack.command({
      command: '/applied',
      text: 'x'.repeat(4 * 1024 * 1024 + 1),
      responseUrl: rig.api.responseUrl(),
    });
    expect(res.status).toBe(413);
    expect(handler.events).toHaveLength(0);
    const next = await rig.slack.command({
      command: '/applied',
      text: 'Acme | SRE',
      responseUrl: rig.api.responseUrl(),
    });
    expect(next.status).toBe(200);
    expect(handler.events).toHaveLength(1);
  });

  it('takes a correctly signed command of a few hundred kilobytes', async () => {
    const res = await rig.slack.command({
      command: '/applied',
      text: `Acme | ${'x'.repeat(300_000)}`,
      responseUrl: rig.api.responseUrl(),
    });
    expect(res.status).toBe(200);
    expect(handler.events).toHaveLength(1);
  });
});

describe('bodies Slack does not send', () => {
  const commandFields = () => Object.fromEntries(new URLSearchParams(commandBody()));

  it('refuses with 400 a correctly signed JSON body carrying slash-command fields', async () => {
    const res = await rig.slack.post(JSON.stringify(commandFields()), 'application/json');
    expect(res.status).toBe(400);
    expect(handler.events).toHaveLength(0);
    expect(rig.api.calls).toEqual([]);
  });

  it('refuses with 400 a correctly signed JSON body that is an interactive payload, not an Events API envelope', async () => {
    const press = buttonPress({
      userId: 'U1',
      channel: 'C1',
      ts: '1700000000.000100',
      actionId: 'undo:1',
      responseUrl: rig.api.responseUrl(),
    });
    const statuses = [];
    for (const body of [JSON.stringify(press), JSON.stringify([press]), '"event_callback"', 'not json'])
      statuses.push((await rig.slack.post(body, 'application/json')).status);
    expect(statuses).toEqual([400, 400, 400, 400]);
    expect(handler.events).toHaveLength(0);
  });

  it('refuses with 400 a correctly signed form body that is neither a command nor a payload', async () => {
    const envelopeAsForm = new URLSearchParams({ type: 'event_callback', team_id: 'T1', event_id: 'Ev1' }).toString();
    const statuses = [];
    for (const body of ['foo=bar', envelopeAsForm, 'payload=not-json', `payload=${encodeURIComponent('[1]')}`])
      statuses.push((await rig.slack.post(body, FORM)).status);
    expect(statuses).toEqual([400, 400, 400, 400]);
    expect(handler.events).toHaveLength(0);
  });

  it('refuses with 415 a correctly signed body that is neither JSON nor form-encoded', async () => {
    const res = await rig.slack.post(JSON.stringify(commandFields()), 'text/plain');
    expect(res.status).toBe(415);
    expect(handler.events).toHaveLength(0);
  });

  it('still takes a form-encoded command, a form-encoded payload and a JSON envelope', async () => {
    const command = await rig.slack.command({ command: '/stats', text: '', responseUrl: rig.api.responseUrl() });
    const challenge = await rig.slack.event({ token: 't', challenge: 'c-1', type: 'url_verification' });
    expect([command.status, challenge.status]).toEqual([200, 200]);
    expect(challenge.text).toContain('c-1');
    expect(handler.events).toHaveLength(1);
  });
});

describe('the five-minute window around the timestamp', () => {
  const clockHandler = new RecordingHandler({ type: 'none' });
  // An hour behind the machine: the window is judged by the adapter's clock, not by Date.now().
  const clock = new ManualClock(new Date(Date.now() - 60 * 60 * 1000));
  let clocked: SlackTestRig;
  beforeAll(async () => {
    clocked = await startSlackRig(clockHandler, { clock });
  });
  afterAll(async () => clocked.stop());
  beforeEach(() => {
    clockHandler.events.length = 0;
    clocked.api.reset();
  });

  const sendAt = (offsetSeconds: number) =>
    clocked.slack.command(
      { command: '/applied', text: 'Acme | SRE', responseUrl: clocked.api.responseUrl() },
      { timestamp: Math.floor(clock.now().getTime() / 1000) + offsetSeconds },
    );

  it('takes a request stamped up to five minutes either side of the clock', async () => {
    const statuses = [];
    for (const offset of [0, -300, 300, -299, 299]) statuses.push((await sendAt(offset)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(clockHandler.events).toHaveLength(5);
  });

  it('refuses with 401 a correctly signed request stamped more than five minutes ahead of the clock or behind it', async () => {
    const statuses = [];
    for (const offset of [10 * 60, 301, -301, -10 * 60]) statuses.push((await sendAt(offset)).status);
    expect(statuses).toEqual([401, 401, 401, 401]);
    expect(clockHandler.events).toHaveLength(0);
    expect(clocked.api.calls).toEqual([]);
  });
});
