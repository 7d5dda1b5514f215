/**
 * The Slack adapter with the real core on an in-memory SQLite database: signed requests in,
 * Web API calls out, rows in the store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_USER_ID } from './harness.ts';
import {
  acknowledged,
  buttonIds,
  DAY,
  posted,
  startSlackWithCore,
  texts,
  WORKSPACE,
  type SlackWithCore,
} from './with-core.ts';

let h: SlackWithCore;
beforeEach(async () => {
  h = await startSlackWithCore();
});
afterEach(async () => h.stop());

describe('Slack with the real core', () => {
  it('posts /applied Acme | SRE to the group channel and confirms privately', async () => {
    const res = await h.command('U1', '/applied', 'Acme | SRE');
    expect(res.status).toBe(200);
    const [post] = h.rig.api.callsTo('chat.postMessage');
    expect(post?.params['channel']).toBe('C1');
    expect(texts(post)).toContain('Acme');
    expect(acknowledged(res)?.params['response_type']).toBe('ephemeral');
    expect(h.rig.api.callsTo('response_url')).toEqual([]);
    expect(
      (await h.store.applications.listByMember((await h.member('U1')).id)).map((a) => [a.company, a.role]),
    ).toEqual([['Acme', 'SRE']]);
  });

  it('answers /applied with no role privately, posts nothing and stores nothing', async () => {
    const res = await h.command('U1', '/applied', 'Acme');
    expect(h.rig.api.callsTo('chat.postMessage')).toHaveLength(0);
    expect(texts(h.answer(res))).toContain('/applied');
    expect(await h.store.applications.listByMember((await h.member('U1')).id)).toEqual([]);
  });

  it('does not let a company name ping the channel when it is posted to the group', async () => {
    await h.command('U1', '/applied', '<!channel> Corp | SRE <@U2>');
    const post = h.rig.api.callsTo('chat.postMessage')[0];
    expect(texts(post)).not.toMatch(/<[!@]/);
    expect(texts(post)).toContain('channel Corp');
  });

  it('opens the rejection form for /rejected with no text, and a bad submission gets inline errors and stores nothing', async () => {
    await h.command('U1', '/rejected', '', 'trig-rej');
    const [open] = h.rig.api.callsTo('views.open');
    expect(open?.params['trigger_id']).toBe('trig-rej');
    const view = open?.params['view'] as { callback_id: string; private_metadata: string };
    const submit = (company: string) =>
      h.submit('U1', view, 'Rejection', {
        company: { type: 'plain_text_input', value: company },
        role: { type: 'plain_text_input', value: 'SRE' },
      });
    const bad = await submit('');
    expect(JSON.parse(bad.text)).toMatchObject({ response_action: 'errors' });
    expect(Object.keys((JSON.parse(bad.text) as { errors: object }).errors)).toEqual(['company']);
    expect(await h.store.rejections.listByMember((await h.member('U1')).id)).toEqual([]);
    const good = await submit('Acme');
    expect(JSON.parse(good.text)).toMatchObject({ response_action: 'update' });
    expect(await h.store.rejections.listByMember((await h.member('U1')).id)).toHaveLength(1);
  });

  it('records a peer’s reaction on a group post, and its removal, but not the author’s own or a bot’s', async () => {
    await h.command('U1', '/applied', 'Acme | SRE');
    const { channel, ts } = posted(h.rig.api.callsTo('chat.postMessage')[0]);
    const post = await h.store.posts.findByMessage({ workspace: WORKSPACE, channelId: channel, messageId: ts });
    if (!post) throw new Error('the group post was not stored');
    await h.reaction('reaction_added', 'U1', ts);
    await h.reaction('reaction_added', 'UOTHERBOT', ts);
    await h.reaction('reaction_added', BOT_USER_ID, ts);
    expect((await h.store.insights.memberFacts(post.memberId ?? 0)).reactionsReceived).toBe(0);
    await h.reaction('reaction_added', 'U2', ts, 'EvTWICE');
    await h.reaction('reaction_added', 'U2', ts, 'EvTWICE');
    expect((await h.store.insights.memberFacts(post.memberId ?? 0)).reactionsReceived).toBe(1);
    await h.reaction('reaction_removed', 'U2', ts);
    expect((await h.store.insights.memberFacts(post.memberId ?? 0)).reactionsReceived).toBe(0);
  });

  it('sends a due nudge by DM with buttons; Done by its owner updates the follow-up and replaces the message', async () => {
    await h.command('U1', '/rejected', 'Acme | SRE | interview');
    h.rig.api.reset();
    h.clock.advance(2 * DAY);
    await h.rebound.sweep();
    const dm = h.rig.api.callsTo('chat.postMessage').find((c) => String(c.response['channel']).startsWith('D'));
    // Sent to the user id; Slack answers with the DM channel.
    expect(dm?.params['channel']).toBe('U1');
    expect(dm?.response['channel']).toBe('D1');
    const done = buttonIds(dm).find((id) => id.startsWith('fu:done:'));
    if (!done) throw new Error('the nudge has no Done button');
    const followUpId = Number(done.split(':')[2]);

    await h.click('U2', done, posted(dm));
    expect(texts(h.rig.api.callsTo('response_url').at(-1))).toContain('someone else');
    expect((await h.store.followUps.get(followUpId))?.status).toBe('pending');

    await h.click('U1', done, posted(dm));
    expect((await h.store.followUps.get(followUpId))?.status).toBe('done');
    const replaced = h.rig.api.callsTo('response_url').at(-1);
    expect(replaced?.params['replace_original']).toBe(true);
    expect(buttonIds(replaced)).not.toContain(done);
  });

  it.each([
    ['snooze', 'snoozed'],
    ['skip', 'skipped'],
  ])('lets the owner %s a nudged follow-up and replaces the nudge', async (action, status) => {
    await h.command('U1', '/rejected', 'Acme | SRE | interview');
    h.rig.api.reset();
    h.clock.advance(2 * DAY);
    await h.rebound.sweep();
    const dm = h.rig.api.callsTo('chat.postMessage').find((c) => String(c.response['channel']).startsWith('D'));
    const id = buttonIds(dm).find((b) => b.startsWith(`fu:${action}:`));
    if (!id) throw new Error(`the nudge has no ${action} button`);
    await h.click('U1', id, posted(dm));
    expect((await h.store.followUps.get(Number(id.split(':')[2])))?.status).toBe(status);
    expect(h.rig.api.callsTo('response_url').at(-1)?.params['replace_original']).toBe(true);
  });

  it('explains privately when a button’s follow-up no longer exists', async () => {
    await h.click('U1', 'fu:done:999999', { channel: 'D1', ts: '1700000001.000100' });
    const [answer] = h.rig.api.callsTo('response_url');
    expect(answer?.params).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(texts(answer)).toContain('no longer exists');
  });

  it('falls back to one mention in the group channel when the DM fails permanently', async () => {
    await h.command('U1', '/rejected', 'Acme | SRE | interview');
    h.rig.api.reset();
    h.rig.api.failNext('chat.postMessage', { error: 'cannot_dm_bot', channel: 'U1' });
    h.clock.advance(2 * DAY);
    await h.rebound.sweep();
    const posts = h.rig.api.callsTo('chat.postMessage');
    expect(posts.filter((c) => String(c.response['channel']).startsWith('D'))).toEqual([]);
    const mentions = posts.filter((c) => String(c.params['text']).includes('<@U1>'));
    expect(mentions.map((c) => c.params['channel'])).toEqual(['C1']);
    expect(String(mentions[0]?.params['text']).startsWith('<@U1>')).toBe(true);
    expect((await h.member('U1')).dmUnreachable).toBe(true);
  });

  it('retries a ratelimited nudge after the delay Slack asked for', async () => {
    await h.command('U1', '/rejected', 'Acme | SRE | interview');
    h.rig.api.reset();
    h.rig.api.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 3 });
    h.clock.advance(2 * DAY);
    await h.rebound.sweep();
    expect(h.waits).toEqual([3000]);
    const [limited, ...rest] = h.rig.api.callsTo('chat.postMessage');
    expect(limited?.response['ok']).toBe(false);
    const again = rest.filter((c) => c.params['text'] === limited?.params['text']);
    expect(again.map((c) => c.response['ok'])).toEqual([true]);
  });

  it('stores nothing for a request with a forged signature, a stale timestamp or one from the future', async () => {
    const res = await h.rig.slack.command(
      { command: '/applied', text: 'Acme | SRE', userId: 'U1', responseUrl: h.rig.api.responseUrl() },
      { signature: 'v0=forged' },
    );
    const stale = await h.rig.slack.command(
      { command: '/applied', text: 'Acme | SRE', userId: 'U1', responseUrl: h.rig.api.responseUrl() },
      { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 },
    );
    const future = await h.rig.slack.command(
      { command: '/applied', text: 'Acme | SRE', userId: 'U1', responseUrl: h.rig.api.responseUrl() },
      { timestamp: Math.floor(Date.now() / 1000) + 10 * 60 },
    );
    expect([res.status, stale.status, future.status]).toEqual([401, 401, 401]);
    expect(await h.store.applications.listByMember((await h.member('U1')).id)).toEqual([]);
    expect(h.rig.api.calls).toEqual([]);
  });
});
