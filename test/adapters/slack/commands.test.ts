import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APOLOGY } from '../../../src/core/create-rebound.ts';
import type { CommandEvent } from '../../../src/core/events.ts';
import { privateText } from '../../../src/core/messages.ts';
import { RecordingHandler } from '../../fakes/recording-handler.ts';
import { startSlackRig, type SlackTestRig } from './harness.ts';
import { acknowledged } from './with-core.ts';

const handler = new RecordingHandler({ type: 'none' });
let rig: SlackTestRig;

beforeAll(async () => {
  rig = await startSlackRig(handler);
});
afterAll(async () => rig.stop());
beforeEach(() => {
  handler.events.length = 0;
  handler.answer = () => ({ type: 'none' });
  rig.api.reset();
});

function lastCommand(): CommandEvent {
  const event = handler.events.at(-1);
  if (event?.kind !== 'command') throw new Error(`expected a command, got ${event?.kind}`);
  return event;
}

describe('Slack slash commands', () => {
  it('acknowledges /applied with an empty 200 when the core has nothing to say, and hands the core the fields split on |', async () => {
    const res = await rig.slack.command({
      command: '/applied',
      text: 'Acme | SRE | https://acme.example/jobs/1',
      responseUrl: rig.api.responseUrl(),
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const event = lastCommand();
    expect(event.command).toBe('applied');
    expect(event.values).toEqual({ company: 'Acme', role: 'SRE', link: 'https://acme.example/jobs/1' });
    expect(event.source).toMatchObject({
      platform: 'slack',
      workspaceId: 'T1',
      channelId: 'C1',
      channelName: 'job-hunt',
    });
  });

  it('gives the core the actor with the timezone from the Slack profile', async () => {
    await rig.slack.command({
      command: '/stats',
      text: '',
      userId: 'U2',
      userName: 'bob',
      responseUrl: rig.api.responseUrl(),
    });
    expect(lastCommand().source.actor).toEqual({
      userId: 'U2',
      displayName: 'bob',
      timezone: 'America/New_York',
      isBot: false,
    });
    expect(lastCommand().values).toEqual({});
  });

  it('asks users.info once per person and then answers from its cache', async () => {
    await rig.slack.command({ command: '/followups', text: '', userId: 'U2', responseUrl: rig.api.responseUrl() });
    await rig.slack.command({ command: '/followups', text: '', userId: 'U2', responseUrl: rig.api.responseUrl() });
    expect(rig.api.callsTo('users.info').filter((c) => c.params['user'] === 'U2')).toHaveLength(0);
    await rig.slack.command({ command: '/followups', text: '', userId: 'U7', responseUrl: rig.api.responseUrl() });
    await rig.slack.command({ command: '/followups', text: '', userId: 'U7', responseUrl: rig.api.responseUrl() });
    expect(rig.api.callsTo('users.info').filter((c) => c.params['user'] === 'U7')).toHaveLength(1);
  });

  it('reads /rebound text as words, the first being the subcommand', async () => {
    await rig.slack.command({
      command: '/rebound',
      text: ' setup  09:30 Europe/Berlin mon-fri ',
      responseUrl: rig.api.responseUrl(),
    });
    expect(lastCommand()).toMatchObject({
      command: 'rebound setup',
      values: { time: '09:30', timezone: 'Europe/Berlin', days: 'mon-fri' },
    });
  });

  it('turns Slack markup in command text into plain text before the core sees it', async () => {
    await rig.slack.command({
      command: '/update',
      text: 'AT&amp;T said &lt;soon&gt; to <@U2|bob> in <#C9|jobs>',
      responseUrl: rig.api.responseUrl(),
    });
    expect(lastCommand().values).toEqual({ text: 'AT&T said <soon> to @bob in #jobs' });
  });

  it('answers privately in the acknowledgement itself, and makes no response_url call', async () => {
    handler.answer = () => privateText('Logged *Acme* <!channel>');
    const res = await rig.slack.command({
      command: '/applied',
      text: 'Acme | SRE',
      responseUrl: rig.api.responseUrl('applied'),
    });
    expect(res.status).toBe(200);
    expect(acknowledged(res)?.params).toMatchObject({
      response_type: 'ephemeral',
      text: 'Logged *Acme* &lt;!channel&gt;',
    });
    expect(res.text).not.toContain('<!channel>');
    expect(JSON.stringify(acknowledged(res)?.params['blocks'])).toContain('&lt;!channel&gt;');
    expect(rig.api.callsTo('response_url')).toEqual([]);
  });

  it('answers bad input privately with the core’s explanation', async () => {
    handler.answer = () => privateText('A company name is needed.\nFor example: /applied Acme | SRE');
    const res = await rig.slack.command({ command: '/applied', text: '   ', responseUrl: rig.api.responseUrl() });
    expect(lastCommand().values).toEqual({});
    expect(res.text).toContain('For example: /applied Acme | SRE');
    expect(rig.api.callsTo('response_url')).toEqual([]);
    expect(rig.api.callsTo('chat.postMessage')).toEqual([]);
  });

  it('acknowledges empty and opens a modal with views.open and the request’s trigger_id when the core answers with a form', async () => {
    handler.answer = () => ({
      type: 'form',
      form: {
        formId: 'rejected',
        title: 'Log a rejection',
        submitLabel: 'Save',
        fields: [
          { id: 'company', label: 'Company', kind: 'short', required: true, maxLength: 100 },
          {
            id: 'stage',
            label: 'Stage',
            kind: 'choice',
            required: false,
            choices: [{ value: 'interview', label: 'Interview' }],
          },
          { id: 'count', label: 'Applications', kind: 'number', required: false },
        ],
      },
    });
    const res = await rig.slack.command({
      command: '/rejected',
      text: '',
      triggerId: 'trig-1',
      responseUrl: rig.api.responseUrl(),
    });
    expect([res.status, res.text]).toEqual([200, '']);
    const [open] = rig.api.callsTo('views.open');
    expect(open?.params['trigger_id']).toBe('trig-1');
    expect(open?.params['view']).toMatchObject({
      type: 'modal',
      callback_id: 'rejected',
      blocks: [
        {
          type: 'input',
          block_id: 'company',
          optional: false,
          element: { type: 'plain_text_input', action_id: 'company', max_length: 100 },
        },
        { type: 'input', block_id: 'stage', optional: true, element: { type: 'static_select', action_id: 'stage' } },
        { type: 'input', block_id: 'count', element: { type: 'number_input', is_decimal_allowed: false } },
      ],
    });
  });

  it('shows the core’s apology privately, as it is, when the core answers with one', async () => {
    handler.answer = () => privateText(APOLOGY);
    const res = await rig.slack.command({ command: '/stats', text: '', responseUrl: rig.api.responseUrl() });
    expect(acknowledged(res)?.params).toMatchObject({ response_type: 'ephemeral', text: APOLOGY });
  });

  it('logs a Slack call that fails while sending the reply, and keeps answering the next command', async () => {
    handler.answer = () => ({
      type: 'form',
      form: { formId: 'rejected', title: 'Rejected', submitLabel: 'Save', fields: [] },
    });
    rig.api.failNext('views.open', { error: 'expired_trigger_id' });
    const res = await rig.slack.command({ command: '/rejected', text: '', responseUrl: rig.api.responseUrl() });
    expect([res.status, res.text]).toEqual([200, '']);
    expect(rig.logger.lines).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'could not deliver a reply' }),
    );
    handler.answer = () => privateText('Saved.');
    const next = await rig.slack.command({ command: '/stats', text: '', responseUrl: rig.api.responseUrl() });
    expect(acknowledged(next)?.params).toMatchObject({ text: 'Saved.' });
  });

  it('acknowledges a reply with files empty, then sends its note through the response_url and the files to the DM', async () => {
    handler.answer = () => ({
      type: 'private',
      message: { blocks: [{ type: 'text', text: 'Your data is in your DM.' }] },
      files: [{ filename: 'rebound-export.json', mimeType: 'application/json', bytes: new TextEncoder().encode('{}') }],
    });
    const res = await rig.slack.command({ command: '/rebound', text: 'export', responseUrl: rig.api.responseUrl() });
    expect([res.status, res.text]).toEqual([200, '']);
    expect(rig.api.callsTo('response_url')[0]?.params).toMatchObject({
      response_type: 'ephemeral',
      text: 'Your data is in your DM.',
    });
    expect(rig.api.callsTo('files.completeUploadExternal')).toHaveLength(1);
  });

  it('refuses a forged signature with 401 and never reaches the core', async () => {
    const res = await rig.slack.command(
      { command: '/applied', text: 'Acme | SRE', responseUrl: rig.api.responseUrl() },
      { signature: 'v0=0000000000000000000000000000000000000000000000000000000000000000' },
    );
    expect(res.status).toBe(401);
    expect(handler.events).toHaveLength(0);
  });

  it('refuses a correctly signed request whose timestamp is older than five minutes', async () => {
    const res = await rig.slack.command(
      { command: '/applied', text: 'Acme | SRE', responseUrl: rig.api.responseUrl() },
      { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 },
    );
    expect(res.status).toBe(401);
    expect(handler.events).toHaveLength(0);
  });

  it('answers GET /healthz beside the Slack endpoint', async () => {
    const res = await fetch(`${rig.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});
