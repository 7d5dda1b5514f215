/** The daily check-in through Slack with the real core: the thread post, replies, the button and the form. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../fakes/slack-web-api.ts';
import { buttonIds, posted, startSlackWithCore, type SlackWithCore } from './with-core.ts';

let h: SlackWithCore;
let checkInPost: RecordedCall;
let eventId = 0;

beforeEach(async () => {
  h = await startSlackWithCore();
  h.clock.set(new Date('2026-11-26T08:00:00Z')); // Thursday 09:00 in Berlin: the group's check-in time
  await h.rebound.sweep();
  const post = h.rig.api
    .callsTo('chat.postMessage')
    .find((c) => buttonIds(c).some((id) => id.startsWith('checkin:open:')));
  if (!post) throw new Error('no check-in post');
  checkInPost = post;
  h.rig.api.reset();
});
afterEach(async () => h.stop());

function threadReply(user: string, text: string) {
  const { channel, ts } = posted(checkInPost);
  return h.rig.slack.event({
    type: 'event_callback',
    token: 'x',
    team_id: 'T1',
    api_app_id: 'A1',
    event_id: `EvCheck${++eventId}`,
    event_time: 1_700_000_000,
    event: {
      type: 'message',
      channel,
      channel_type: 'channel',
      user,
      text,
      ts: `17000002${eventId}.000100`,
      thread_ts: ts,
      event_ts: `17000002${eventId}.000100`,
    },
  });
}

describe('Slack daily check-in with the real core', () => {
  it('posts the day’s check-in to the group channel with a Check in button', () => {
    expect(checkInPost.params['channel']).toBe('C1');
    expect(checkInPost.params['thread_ts']).toBeUndefined();
  });

  it('counts a reply in the day’s thread as a check-in and says so privately in the thread', async () => {
    await threadReply('U2', 'Sent two applications &amp; had a coffee chat');
    const bob = await h.member('U2');
    expect((await h.store.updates.listByMember(bob.id)).map((u) => [u.source, u.text])).toEqual([
      ['thread', 'Sent two applications & had a coffee chat'],
    ]);
    const [ephemeral] = h.rig.api.callsTo('chat.postEphemeral');
    expect(ephemeral?.params).toMatchObject({ channel: 'C1', user: 'U2', thread_ts: posted(checkInPost).ts });
  });

  it('opens the same form for /checkin with no text', async () => {
    await h.command('U1', '/checkin', '', 'trig-checkin');
    const [open] = h.rig.api.callsTo('views.open');
    expect(open?.params['trigger_id']).toBe('trig-checkin');
    expect(open?.params['view']).toMatchObject({
      type: 'modal',
      callback_id: expect.stringMatching(/^checkin:\d+:2026-11-26$/),
    });
  });

  it('opens the check-in form from the button; a bad count gets an inline error, a good form is stored', async () => {
    const button = buttonIds(checkInPost).find((id) => id.startsWith('checkin:open:'));
    if (!button) throw new Error('no Check in button');
    await h.click('U1', button, posted(checkInPost));
    const [open] = h.rig.api.callsTo('views.open');
    const view = open?.params['view'] as {
      callback_id: string;
      private_metadata: string;
      blocks: { block_id: string }[];
    };
    expect(view.blocks.map((b) => b.block_id)).toEqual(expect.arrayContaining(['applications', 'networking', 'note']));
    const submit = (applications: string) =>
      h.submit('U1', view, 'Check in', {
        applications: { type: 'number_input', value: applications },
        networking: { type: 'number_input', value: '1' },
        note: { type: 'plain_text_input', value: 'good day' },
      });
    const bad = JSON.parse((await submit('-3')).text) as { response_action: string; errors: Record<string, string> };
    expect(bad.response_action).toBe('errors');
    expect(Object.keys(bad.errors)).toEqual(['applications']);
    expect(await h.store.updates.listByMember((await h.member('U1')).id)).toEqual([]);
    const good = JSON.parse((await submit('2')).text) as { response_action: string };
    expect(good.response_action).toBe('update');
    expect((await h.store.updates.listByMember((await h.member('U1')).id)).map((u) => u.source)).toEqual(['form']);
  });
});
