/**
 * The App Home tab through the real Slack adapter and core: opening it publishes the member's
 * home (views.publish, type home) with their due steps and buttons; Done pressed in it updates the
 * step and publishes the home again; presses in a burst are folded into one publish.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DOCUMENTED_REACTION_ADDED } from '../../fakes/slack-payloads.ts';
import type { RecordedCall } from '../../fakes/slack-web-api.ts';
import { DAY, startSlackWithCore, type SlackWithCore } from './with-core.ts';
import { sleep, until } from '../../helpers/until.ts';

let h: SlackWithCore | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

let nextEvent = 0;
function homeOpened(user: string, tab: 'home' | 'messages' = 'home') {
  return {
    ...DOCUMENTED_REACTION_ADDED,
    team_id: 'T1',
    event_id: `EvHome${++nextEvent}`,
    event: { type: 'app_home_opened', user, channel: 'D1', tab, event_ts: '1.2' },
  };
}

function homePress(userId: string, actionId: string) {
  return {
    type: 'block_actions',
    team: { id: 'T1', domain: 'example' },
    user: { id: userId, username: userId, team_id: 'T1' },
    api_app_id: 'A1',
    token: 'x',
    trigger_id: `tHome${++nextEvent}`,
    container: { type: 'view', view_id: 'VHOME' },
    view: { id: 'VHOME', type: 'home', private_metadata: '', callback_id: '', blocks: [], state: { values: {} } },
    actions: [
      { type: 'button', action_id: actionId, block_id: 'b', text: { type: 'plain_text', text: 'x' }, action_ts: '1.2' },
    ],
  };
}

const blockText = (call: RecordedCall) => JSON.stringify((call.params['view'] as { blocks: unknown[] }).blocks);
const actionIds = (call: RecordedCall) =>
  [...blockText(call).matchAll(/"action_id":"([^"]+)"/g)].map((m) => m[1] ?? '');

describe('the App Home tab', () => {
  it('publishes the member’s home when they open it: due steps with their buttons', async () => {
    h = await startSlackWithCore();
    await h.command('U1', '/rejected', 'Acme | SRE | interview');
    h.clock.set(new Date(h.clock.now().getTime() + DAY + 3_600_000)); // the feedback request is due
    h.rig.api.reset();
    await h.rig.slack.event(homeOpened('U1'));
    const publish = await until('views.publish', () => h!.rig.api.callsTo('views.publish')[0]);
    expect(publish.params['user_id']).toBe('U1');
    expect((publish.params['view'] as { type: string }).type).toBe('home');
    expect(blockText(publish)).toContain('Your Rebound home');
    expect(blockText(publish)).toContain('Ask for feedback at Acme');
    expect((publish.params['view'] as { blocks: unknown[] }).blocks.length).toBeLessThanOrEqual(100);
    expect(actionIds(publish).some((id) => id.startsWith('fu:done:'))).toBe(true);
    // The messages tab opening publishes nothing.
    await h.rig.slack.event(homeOpened('U1', 'messages'));
    await sleep(200);
    expect(h.rig.api.callsTo('views.publish')).toHaveLength(1);
  });

  it('marks a step done when Done is pressed in the home, and publishes the home again', async () => {
    h = await startSlackWithCore();
    await h.command('U1', '/rejected', 'Acme | SRE | interview');
    h.clock.set(new Date(h.clock.now().getTime() + DAY + 3_600_000));
    h.rig.api.reset();
    await h.rig.slack.event(homeOpened('U1'));
    const first = await until('views.publish', () => h!.rig.api.callsTo('views.publish')[0]);
    const done = actionIds(first).find((id) => id.startsWith('fu:done:')) ?? '';
    const stepId = Number(done.split(':')[2]);
    await h.rig.slack.interaction(homePress('U1', done));
    // Spaced from the first publish by a few seconds at most, then published with the change.
    const second = await until('the home published again', () => h!.rig.api.callsTo('views.publish')[1], 6000);
    expect((await h.store.followUps.get(stepId))?.status).toBe('done');
    expect(blockText(second)).not.toContain(`fu:done:${stepId}`);
    // Nothing was sent through a response_url or as a message: the home is where it shows.
    expect(h.rig.api.callsTo('response_url')).toHaveLength(0);
    expect(h.rig.api.callsTo('chat.postEphemeral')).toHaveLength(0);
  }, 15_000);

  it('welcomes someone in no group with how to begin, and enrols nobody', async () => {
    h = await startSlackWithCore();
    h.rig.api.reset();
    await h.rig.slack.event(homeOpened('U9'));
    const publish = await until('views.publish', () => h!.rig.api.callsTo('views.publish')[0]);
    expect(blockText(publish)).toContain('Welcome to Rebound.');
    expect(blockText(publish)).toContain('/rebound join');
    const group = await h.store.groups.findByChannel({ platform: 'slack', workspaceId: 'T1' }, 'C1');
    expect(await h.store.members.find(group?.id ?? 0, 'U9')).toBeNull();
  });
});
