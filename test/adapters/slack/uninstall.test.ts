/**
 * Slack telling Rebound it was removed, through the real adapter and core: `app_uninstalled` (or
 * `tokens_revoked` naming the bot's token) stops every send to the workspace at once, nothing at
 * all is asked of Slack's Web API for it afterwards, the workspace's data is deleted once the grace
 * period has passed (the clock moved), and a request after a reinstall brings it back before that.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.ts';
import type { SlackResponse } from '../../fakes/slack-requests.ts';
import { DAY, startSlackWithCore, WORKSPACE, type SlackWithCore } from './with-core.ts';

let h: SlackWithCore;
beforeEach(async () => {
  h = await startSlackWithCore();
});
afterEach(() => h.stop());

let nextEvent = 0;
function notice(event: Record<string, unknown>): Promise<SlackResponse> {
  return h.rig.slack.event({
    token: 'XXYYZZ',
    team_id: 'T1',
    api_app_id: 'A1',
    event,
    type: 'event_callback',
    event_id: `EvGone${++nextEvent}`,
    event_time: 1700000000,
  });
}
const uninstalled = () => notice({ type: 'app_uninstalled' });
const revoked = (tokens: { oauth?: string[]; bot?: string[] }) => notice({ type: 'tokens_revoked', tokens });

/** Every Web API call for T1 the sweep made: none at all once the workspace removed the app. */
const sweepCalls = () => h.rig.api.calls.filter((c) => c.method !== 'response_url');

describe('a workspace that uninstalls Rebound', () => {
  it('gets nothing from that moment: no nudge, check-in or reminder, and no Web API call at all', async () => {
    await h.command('U1', '/rejected', 'Acme | SRE | interview');
    const res = await uninstalled();
    expect(res.status).toBe(200);
    h.rig.api.reset();
    for (let day = 0; day < 6; day++) {
      h.clock.advance(DAY);
      await h.rebound.sweep();
    }
    expect(sweepCalls()).toEqual([]);
    expect(await h.store.groups.findByChannel(WORKSPACE, 'C1')).not.toBeNull();
  });

  it('has its data deleted once the grace period has passed', async () => {
    await h.command('U1', '/rejected', 'Acme | SRE | interview');
    const alice = (await h.member('U1')).id;
    await uninstalled();
    h.rig.api.reset();
    // Slack also revokes the token: the period still runs from the first notice.
    h.clock.advance(10 * DAY);
    await revoked({ bot: ['UBOT'] });
    h.clock.advance(19 * DAY);
    await h.rebound.sweep();
    expect(await h.store.members.get(alice)).not.toBeNull();
    h.clock.advance(2 * DAY);
    await h.rebound.sweep();
    expect(await h.store.groups.findByChannel(WORKSPACE, 'C1')).toBeNull();
    expect(await h.store.members.get(alice)).toBeNull();
    expect(sweepCalls()).toEqual([]);
  });

  it('is served again after it installs again: the first request brings it back, and the waiting nudge goes out', async () => {
    await h.command('U1', '/rejected', 'Acme | SRE | interview');
    await uninstalled();
    h.rig.api.reset();
    h.clock.advance(3 * DAY);
    await h.rebound.sweep();
    expect(sweepCalls().filter((c) => c.method === 'chat.postMessage')).toEqual([]);
    // Installed again: the first request from the workspace says it is back.
    await h.command('U1', '/followups', '');
    h.rig.api.reset();
    await h.rebound.sweep();
    const dms = h.rig.api.callsTo('chat.postMessage').filter((c) => String(c.response['channel']).startsWith('D'));
    expect(dms).toHaveLength(1);
  });

  it('is served again after an uninstall another replica handled: a request tells the core within a minute', async () => {
    await h.stop();
    const adapterClock = new ManualClock(new Date());
    h = await startSlackWithCore({ adapter: { clock: adapterClock } });
    await h.command('U1', '/rejected', 'Acme | SRE | interview');
    // Another replica took the uninstall in (the same database): this one saw nothing of it.
    await h.rebound.workspaces.removed(WORKSPACE);
    h.clock.advance(3 * DAY);
    await h.command('U1', '/followups', '');
    h.rig.api.reset();
    await h.rebound.sweep();
    expect(h.rig.api.callsTo('chat.postMessage')).toEqual([]);
    // Reinstalled meanwhile; the next request after a minute says so.
    adapterClock.advance(61_000);
    await h.command('U1', '/followups', '');
    h.rig.api.reset();
    await h.rebound.sweep();
    const dms = h.rig.api.callsTo('chat.postMessage').filter((c) => String(c.response['channel']).startsWith('D'));
    expect(dms).toHaveLength(1);
  });

  it('goes on as before when only user tokens are revoked: Rebound holds none', async () => {
    await h.command('U1', '/rejected', 'Acme | SRE | interview');
    await revoked({ oauth: ['U1'] });
    h.rig.api.reset();
    h.clock.advance(2 * DAY);
    await h.rebound.sweep();
    expect(h.rig.api.callsTo('chat.postMessage').length).toBeGreaterThan(0);
  });
});
