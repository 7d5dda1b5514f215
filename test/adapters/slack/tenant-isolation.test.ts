/**
 * Tenant isolation and replays through the real Slack adapter and core: nothing a request says
 * about another workspace, a forged channel or a replayed signature reaches another team's data.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOCUMENTED_BLOCK_ACTIONS } from '../../fakes/slack-payloads.ts';
import { BOT_ID, BOT_USER_ID } from './harness.ts';
import { buttonIds, DAY, posted, startSlackWithCore, texts, type SlackWithCore } from './with-core.ts';

let h: SlackWithCore;
beforeEach(async () => {
  h = await startSlackWithCore();
});
afterEach(async () => h.stop());

const applications = async () =>
  (await h.store.applications.listByMember((await h.member('U1')).id)).map((a) => a.company);

describe('Slack tenant isolation', () => {
  it('handles a replayed slash command (same signed body, same trigger_id) once', async () => {
    await h.command('U1', '/applied', 'Acme | SRE', '13345224609.738474920.replayed000');
    await h.command('U1', '/applied', 'Acme | SRE', '13345224609.738474920.replayed000');
    expect(await applications()).toEqual(['Acme']);
    await h.command('U1', '/applied', 'Globex | SRE', '13345224609.738474920.another0000');
    expect(await applications()).toEqual(['Acme', 'Globex']);
  });

  it('treats a channel id from another team as no group at all, and stores nothing there or here', async () => {
    const res = await h.rig.slack.command({
      command: '/applied',
      text: 'Globex | PM',
      teamId: 'T2',
      channelId: 'C1',
      userId: 'U1',
      responseUrl: h.rig.api.responseUrl('forged'),
    });
    expect(texts(h.answer(res))).toMatch(/isn't a Rebound group/);
    expect(await applications()).toEqual([]);
    expect(await h.store.groups.findByChannel({ platform: 'slack', workspaceId: 'T2' }, 'C1')).toBeNull();
  });

  it('refuses a nudge button clicked from another team as if the step did not exist', async () => {
    await h.command('U1', '/rejected', 'Acme | SRE | interview');
    h.rig.api.reset();
    h.clock.advance(2 * DAY);
    await h.rebound.sweep();
    const dm = h.rig.api.callsTo('chat.postMessage').find((c) => String(c.response['channel']).startsWith('D'));
    const done = buttonIds(dm).find((id) => id.startsWith('fu:done:'));
    if (!done) throw new Error('the nudge has no Done button');
    const sent = posted(dm);
    await h.rig.slack.interaction({
      ...DOCUMENTED_BLOCK_ACTIONS,
      team: { id: 'T2', domain: 'elsewhere' },
      user: { id: 'U1', username: 'U1', team_id: 'T2' },
      channel: { id: sent.channel, name: 'directmessage' },
      container: { type: 'message', message_ts: sent.ts, channel_id: sent.channel, is_ephemeral: false },
      message: { type: 'message', bot_id: BOT_ID, user: BOT_USER_ID, ts: sent.ts, text: '' },
      response_url: h.rig.api.responseUrl('cross-team'),
      actions: [
        {
          type: 'button',
          action_id: done,
          value: done,
          block_id: 'b',
          text: { type: 'plain_text', text: 'Done' },
          action_ts: '1.2',
        },
      ],
    });
    expect(texts(h.rig.api.callsTo('response_url').at(-1))).toMatch(/no longer exists/);
    expect((await h.store.followUps.get(Number(done.split(':')[2])))?.status).toBe('pending');
  });
});
