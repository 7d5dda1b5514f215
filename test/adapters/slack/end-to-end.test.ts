/**
 * The Slack adapter with the real core on an in-memory SQLite database: signed requests in,
 * Web API calls out, rows in the store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.ts';
import { createRebound, type Rebound } from '../../../src/core/create-rebound.ts';
import type { Store } from '../../../src/core/ports.ts';
import { openDatabase, type OpenedDatabase } from '../../../src/db/open.ts';
import { createSqliteStore } from '../../../src/db/sqlite-store.ts';
import type { RecordedCall } from '../../fakes/slack-web-api.ts';
import { DOCUMENTED_BLOCK_ACTIONS, DOCUMENTED_REACTION_ADDED } from '../../fakes/slack-payloads.ts';
import { BOT_ID, BOT_USER_ID, startSlackRig, type SlackTestRig } from './harness.ts';

const workspace = { platform: 'slack', workspaceId: 'T1' } as const;
const DAY = 24 * 60 * 60 * 1000;

let database: OpenedDatabase;
let store: Store;
let clock: ManualClock;
let rebound: Rebound;
let rig: SlackTestRig;
let waits: number[];
let eventId = 0;

beforeEach(async () => {
  database = openDatabase(':memory:');
  store = createSqliteStore(database);
  clock = new ManualClock(new Date('2026-11-25T10:00:00Z')); // a Wednesday
  waits = [];
  // The adapter needs the core and the core needs the adapter's ChatPort: the handler forwards.
  rig = await startSlackRig({ handle: (event) => rebound.handle(event) });
  rebound = createRebound({
    store,
    chat: rig.adapter.chat,
    clock,
    logger: rig.logger,
    wait: async (ms) => {
      waits.push(ms);
    },
  });
  await command('U1', '/rebound', 'setup 09:00 Europe/Berlin');
  rig.api.reset();
});
afterEach(async () => {
  await rig.stop();
  database.close();
});

function command(userId: string, name: string, text: string, triggerId = 'trig') {
  return rig.slack.command({
    command: name,
    text,
    userId,
    userName: userId === 'U1' ? 'alice' : 'bob',
    responseUrl: rig.api.responseUrl(`${name.slice(1)}-${userId}`),
    triggerId,
  });
}

function reactionEvent(type: 'reaction_added' | 'reaction_removed', user: string, ts: string, id = `EvE${++eventId}`) {
  return rig.slack.event({
    ...DOCUMENTED_REACTION_ADDED,
    team_id: 'T1',
    event_id: id,
    event: { ...DOCUMENTED_REACTION_ADDED.event, type, user, reaction: 'tada', item: { type: 'message', channel: 'C1', ts } },
  });
}

function click(userId: string, actionId: string, sent: { channel: string; ts: string }) {
  return rig.slack.interaction({
    ...DOCUMENTED_BLOCK_ACTIONS,
    team: { id: 'T1', domain: 'example' },
    user: { id: userId, username: userId, team_id: 'T1' },
    channel: { id: sent.channel, name: 'directmessage' },
    container: { type: 'message', message_ts: sent.ts, channel_id: sent.channel, is_ephemeral: false },
    message: { type: 'message', bot_id: BOT_ID, user: BOT_USER_ID, ts: sent.ts, text: '' },
    response_url: rig.api.responseUrl(`click-${userId}`),
    actions: [{ type: 'button', action_id: actionId, value: actionId, block_id: 'b', text: { type: 'plain_text', text: 'Done' }, action_ts: '1.2' }],
  });
}

function texts(call: RecordedCall | undefined): string {
  return JSON.stringify(call?.params ?? null);
}

function posted(call: RecordedCall | undefined): { channel: string; ts: string } {
  return { channel: String(call?.response['channel']), ts: String(call?.response['ts']) };
}

function aliceMember() {
  const group = store.groups.findByChannel(workspace, 'C1');
  const member = group ? store.members.find(group.id, 'U1') : null;
  if (!member) throw new Error('alice is not a member');
  return member;
}

function buttonIds(call: RecordedCall | undefined): string[] {
  return [...texts(call).matchAll(/"action_id":"([^"]+)"/g)].map((m) => m[1] ?? '');
}

describe('Slack with the real core', () => {
  it('posts /applied Acme | SRE to the group channel and confirms privately', async () => {
    const res = await command('U1', '/applied', 'Acme | SRE');
    expect(res.status).toBe(200);
    const [post] = rig.api.callsTo('chat.postMessage');
    expect(post?.params['channel']).toBe('C1');
    expect(texts(post)).toContain('Acme');
    const [answer] = rig.api.callsTo('response_url');
    expect(answer?.params['response_type']).toBe('ephemeral');
    expect(store.applications.listByMember(aliceMember().id).map((a) => [a.company, a.role])).toEqual([['Acme', 'SRE']]);
  });

  it('answers /applied with no role privately, posts nothing and stores nothing', async () => {
    await command('U1', '/applied', 'Acme');
    expect(rig.api.callsTo('chat.postMessage')).toHaveLength(0);
    expect(texts(rig.api.callsTo('response_url')[0])).toContain('/applied');
    expect(store.applications.listByMember(aliceMember().id)).toEqual([]);
  });

  it('does not let a company name ping the channel when it is posted to the group', async () => {
    await command('U1', '/applied', '<!channel> Corp | SRE <@U2>');
    const post = rig.api.callsTo('chat.postMessage')[0];
    expect(texts(post)).not.toMatch(/<[!@]/);
    expect(texts(post)).toContain('channel Corp');
  });

  it('opens the rejection form for /rejected with no text, and a bad submission gets inline errors and stores nothing', async () => {
    await command('U1', '/rejected', '', 'trig-rej');
    const [open] = rig.api.callsTo('views.open');
    expect(open?.params['trigger_id']).toBe('trig-rej');
    const view = open?.params['view'] as { callback_id: string; private_metadata: string };
    const submit = (company: string) =>
      rig.slack.interaction({
        type: 'view_submission',
        team: { id: 'T1', domain: 'example' },
        user: { id: 'U1', username: 'alice', name: 'alice', team_id: 'T1' },
        api_app_id: 'A1',
        token: 'x',
        trigger_id: 't2',
        view: {
          id: 'V1',
          type: 'modal',
          callback_id: view.callback_id,
          private_metadata: view.private_metadata,
          title: { type: 'plain_text', text: 'Rejection' },
          blocks: [],
          state: { values: { company: { company: { type: 'plain_text_input', value: company } }, role: { role: { type: 'plain_text_input', value: 'SRE' } } } },
        },
      });
    const bad = await submit('');
    expect(JSON.parse(bad.text)).toMatchObject({ response_action: 'errors' });
    expect(Object.keys((JSON.parse(bad.text) as { errors: object }).errors)).toEqual(['company']);
    expect(store.rejections.listByMember(aliceMember().id)).toEqual([]);
    const good = await submit('Acme');
    expect(JSON.parse(good.text)).toMatchObject({ response_action: 'update' });
    expect(store.rejections.listByMember(aliceMember().id)).toHaveLength(1);
  });

  it('records a peer’s reaction on a group post, and its removal, but not the author’s own or a bot’s', async () => {
    await command('U1', '/applied', 'Acme | SRE');
    const { ts } = posted(rig.api.callsTo('chat.postMessage')[0]);
    const post = store.posts.findByMessage(workspace, ts);
    if (!post) throw new Error('the group post was not stored');
    await reactionEvent('reaction_added', 'U1', ts);
    await reactionEvent('reaction_added', 'UOTHERBOT', ts);
    await reactionEvent('reaction_added', BOT_USER_ID, ts);
    expect(store.reactions.countForPost(post.id)).toBe(0);
    await reactionEvent('reaction_added', 'U2', ts, 'EvTWICE');
    await reactionEvent('reaction_added', 'U2', ts, 'EvTWICE');
    expect(store.reactions.countForPost(post.id)).toBe(1);
    await reactionEvent('reaction_removed', 'U2', ts);
    expect(store.reactions.countForPost(post.id)).toBe(0);
  });

  it('sends a due nudge by DM with buttons; Done by its owner updates the follow-up and replaces the message', async () => {
    await command('U1', '/rejected', 'Acme | SRE | interview');
    rig.api.reset();
    clock.advance(2 * DAY);
    await rebound.sweep();
    const dm = rig.api.callsTo('chat.postMessage').find((c) => String(c.response['channel']).startsWith('D'));
    expect(dm?.params['channel']).toBe('D1');
    const done = buttonIds(dm).find((id) => id.startsWith('fu:done:'));
    if (!done) throw new Error('the nudge has no Done button');
    const followUpId = Number(done.split(':')[2]);

    await click('U2', done, posted(dm));
    expect(texts(rig.api.callsTo('response_url').at(-1))).toContain('someone else');
    expect(store.followUps.get(followUpId)?.status).toBe('pending');

    await click('U1', done, posted(dm));
    expect(store.followUps.get(followUpId)?.status).toBe('done');
    const replaced = rig.api.callsTo('response_url').at(-1);
    expect(replaced?.params['replace_original']).toBe(true);
    expect(buttonIds(replaced)).not.toContain(done);
  });

  it('explains privately when a button’s follow-up no longer exists', async () => {
    await click('U1', 'fu:done:999999', { channel: 'D1', ts: '1700000001.000100' });
    const [answer] = rig.api.callsTo('response_url');
    expect(answer?.params).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(texts(answer)).toContain('no longer exists');
  });

  it('falls back to one mention in the group channel when the DM fails permanently', async () => {
    await command('U1', '/rejected', 'Acme | SRE | interview');
    rig.api.reset();
    rig.api.failNext('conversations.open', { error: 'cannot_dm_bot' });
    clock.advance(2 * DAY);
    await rebound.sweep();
    const posts = rig.api.callsTo('chat.postMessage');
    expect(posts.filter((c) => String(c.response['channel']).startsWith('D'))).toEqual([]);
    const mentions = posts.filter((c) => String(c.params['text']).includes('<@U1>'));
    expect(mentions.map((c) => c.params['channel'])).toEqual(['C1']);
    expect(String(mentions[0]?.params['text']).startsWith('<@U1>')).toBe(true);
    expect(aliceMember().dmUnreachable).toBe(true);
  });

  it('retries a ratelimited nudge after the delay Slack asked for', async () => {
    await command('U1', '/rejected', 'Acme | SRE | interview');
    rig.api.reset();
    rig.api.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 3 });
    clock.advance(2 * DAY);
    await rebound.sweep();
    expect(waits).toEqual([3000]);
    const [limited, ...rest] = rig.api.callsTo('chat.postMessage');
    expect(limited?.response['ok']).toBe(false);
    const again = rest.filter((c) => c.params['text'] === limited?.params['text']);
    expect(again.map((c) => c.response['ok'])).toEqual([true]);
  });

  it('stores nothing for a request with a forged signature', async () => {
    const res = await rig.slack.command(
      { command: '/applied', text: 'Acme | SRE', userId: 'U1', responseUrl: rig.api.responseUrl() },
      { signature: 'v0=forged' },
    );
    expect(res.status).toBe(401);
    expect(store.applications.listByMember(aliceMember().id)).toEqual([]);
    expect(rig.api.calls).toEqual([]);
  });
});
