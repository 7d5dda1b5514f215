import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InboundEvent } from '../../../src/core/events.ts';
import { privateText, textMessage } from '../../../src/core/messages.ts';
import { encodeFormContext } from '../../../adapters/slack/ids.ts';
import { DOCUMENTED_BLOCK_ACTIONS, DOCUMENTED_VIEW_SUBMISSION } from '../../fakes/slack-payloads.ts';
import { RecordingHandler } from '../../fakes/recording-handler.ts';
import { startSlackRig, type SlackTestRig } from './harness.ts';

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

function last(): InboundEvent {
  const event = handler.events.at(-1);
  if (!event) throw new Error('the core was not called');
  return event;
}

/** Slack's documented block_actions payload, pointed at our fake and carrying one of our buttons. */
function buttonClick(actionId: string, userId = 'U1', responseUrl = rig.api.responseUrl('click')): object {
  return {
    ...DOCUMENTED_BLOCK_ACTIONS,
    team: { id: 'T1', domain: 'example' },
    user: { id: userId, username: userId === 'U1' ? 'alice' : 'bob', team_id: 'T1' },
    channel: { id: 'D1', name: 'directmessage' },
    container: { type: 'message', message_ts: '1700000001.000100', channel_id: 'D1', is_ephemeral: false },
    message: { type: 'message', bot_id: 'BBOT', user: 'UBOT', ts: '1700000001.000100', text: 'nudge' },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: actionId,
        value: actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'Done' },
        action_ts: '1700000002.1',
      },
    ],
  };
}

function viewSubmission(formId: string, values: Record<string, Record<string, object>>, metadata: string): object {
  return {
    ...DOCUMENTED_VIEW_SUBMISSION,
    team: { id: 'T1', domain: 'example' },
    user: { id: 'U1', username: 'alice', name: 'alice', team_id: 'T1' },
    view: { ...DOCUMENTED_VIEW_SUBMISSION.view, callback_id: formId, private_metadata: metadata, state: { values } },
  };
}

describe('Slack buttons', () => {
  it('hands the core the clicked action id unchanged, with who clicked and where', async () => {
    await rig.slack.interaction(buttonClick('fu:done:42', 'U2'));
    expect(last()).toMatchObject({
      kind: 'button',
      actionId: 'fu:done:42',
      messageId: '1700000001.000100',
      source: {
        platform: 'slack',
        workspaceId: 'T1',
        channelId: 'D1',
        actor: { userId: 'U2', timezone: 'America/New_York' },
      },
    });
  });

  it('gives no message id for a click on an ephemeral message, which Slack does not keep', async () => {
    const click = buttonClick('fu:done:42') as { container: object };
    await rig.slack.interaction({ ...click, container: { ...click.container, is_ephemeral: true } });
    expect(last()).not.toHaveProperty('messageId');
  });

  it('replaces the clicked message through the response_url when the core answers replace', async () => {
    handler.answer = () => ({ type: 'replace', message: textMessage('Done: ask Acme for feedback ✓') });
    const res = await rig.slack.interaction(buttonClick('fu:done:42'));
    expect(res.status).toBe(200);
    const [call] = rig.api.callsTo('response_url');
    expect(call?.params).toMatchObject({ replace_original: true, text: 'Done: ask Acme for feedback ✓' });
  });

  it('explains privately, without touching the message, when the core refuses the click', async () => {
    handler.answer = () => privateText('This button belongs to someone else.');
    await rig.slack.interaction(buttonClick('fu:done:42', 'U2'));
    const calls = rig.api.callsTo('response_url');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.params).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(rig.api.callsTo('chat.update')).toHaveLength(0);
  });

  it('sends the private note after replacing the message', async () => {
    handler.answer = () => ({
      type: 'replace',
      message: textMessage('Snoozed'),
      privateNote: textMessage('See you in 2 days'),
    });
    await rig.slack.interaction(buttonClick('fu:snooze:42'));
    const calls = rig.api.callsTo('response_url');
    expect(calls.map((c) => c.params['replace_original'])).toEqual([true, false]);
  });

  it('opens the check-in form from a button with the click’s trigger_id', async () => {
    handler.answer = () => ({
      type: 'form',
      form: {
        formId: 'checkin:2026-11-26',
        title: 'Check in',
        submitLabel: 'Check in',
        fields: [{ id: 'note', label: 'Note', kind: 'long', required: false }],
      },
    });
    await rig.slack.interaction({ ...buttonClick('checkin:open'), channel: { id: 'C1', name: 'job-hunt' } });
    const [open] = rig.api.callsTo('views.open');
    expect(open?.params['trigger_id']).toBe('12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3');
    expect(open?.params['view']).toMatchObject({
      callback_id: 'checkin:2026-11-26',
      private_metadata: encodeFormContext({ channelId: 'C1', channelName: 'job-hunt' }),
    });
  });
});

describe('Slack modal submissions', () => {
  const metadata = encodeFormContext({ channelId: 'C1', channelName: 'job-hunt' });
  const values = {
    company: { company: { type: 'plain_text_input', value: 'Acme' } },
    stage: {
      stage: {
        type: 'static_select',
        selected_option: { value: 'interview', text: { type: 'plain_text', text: 'Interview' } },
      },
    },
    note: { note: { type: 'plain_text_input', value: null } },
  };

  it('gives the core the form id, each field by id, and the channel the modal was opened in', async () => {
    await rig.slack.interaction(viewSubmission('rejected', values, metadata));
    expect(last()).toMatchObject({
      kind: 'form-submit',
      formId: 'rejected',
      fields: { company: 'Acme', stage: 'interview', note: '' },
      source: { workspaceId: 'T1', channelId: 'C1', channelName: 'job-hunt', actor: { userId: 'U1' } },
    });
  });

  it('answers bad fields with Slack’s inline errors in the acknowledgement', async () => {
    handler.answer = () => ({ type: 'form-errors', errors: { company: 'A company name is needed, e.g. Acme' } });
    const res = await rig.slack.interaction(viewSubmission('rejected', values, metadata));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({
      response_action: 'errors',
      errors: { company: 'A company name is needed, e.g. Acme' },
    });
  });

  it('shows a private answer in the modal itself', async () => {
    handler.answer = () => privateText('Sorry about Acme. Here is your plan.');
    const res = await rig.slack.interaction(viewSubmission('rejected', values, metadata));
    const body = JSON.parse(res.text) as { response_action: string; view: { type: string; blocks: unknown[] } };
    expect(body.response_action).toBe('update');
    expect(JSON.stringify(body.view.blocks)).toContain('Sorry about Acme. Here is your plan.');
  });

  it('closes the modal when the core has nothing to say', async () => {
    const res = await rig.slack.interaction(viewSubmission('checkin:2026-11-26', values, metadata));
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });
});
