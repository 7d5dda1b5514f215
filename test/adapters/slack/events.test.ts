import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { privateText } from '../../../src/core/messages.ts';
import { DOCUMENTED_REACTION_ADDED, DOCUMENTED_URL_VERIFICATION } from '../../fakes/slack-payloads.ts';
import { RecordingHandler } from '../../fakes/recording-handler.ts';
import { BOT_USER_ID, startSlackRig, type SlackTestRig } from './harness.ts';

const handler = new RecordingHandler({ type: 'none' });
let rig: SlackTestRig;
let eventCounter = 0;

beforeAll(async () => {
  rig = await startSlackRig(handler);
});
afterAll(async () => rig.stop());
beforeEach(() => {
  handler.events.length = 0;
  handler.answer = () => ({ type: 'none' });
  rig.api.reset();
});

/** An Events API envelope as Slack documents it, with a fresh event_id unless one is given. */
function envelope(event: object, eventId = `Ev${++eventCounter}`): object {
  return {
    ...DOCUMENTED_REACTION_ADDED,
    team_id: 'T1',
    api_app_id: 'A1',
    event,
    event_id: eventId,
    event_time: 1_700_000_000,
    authorizations: [{ team_id: 'T1', user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
  };
}

function reaction(type: 'reaction_added' | 'reaction_removed', user: string, emoji = 'tada'): object {
  return {
    ...DOCUMENTED_REACTION_ADDED.event,
    type,
    user,
    reaction: emoji,
    item_user: BOT_USER_ID,
    item: { type: 'message', channel: 'C1', ts: '1700000005.000100' },
  };
}

function threadReply(user: string, text: string, extra: object = {}): object {
  return {
    type: 'message',
    channel: 'C1',
    channel_type: 'channel',
    user,
    text,
    ts: '1700000100.000200',
    thread_ts: '1700000050.000100',
    event_ts: '1700000100.000200',
    ...extra,
  };
}

describe('Slack events', () => {
  it('answers url_verification with the challenge', async () => {
    const res = await rig.slack.event(DOCUMENTED_URL_VERIFICATION);
    expect(res.status).toBe(200);
    expect(res.text).toContain(DOCUMENTED_URL_VERIFICATION.challenge);
    expect(handler.events).toHaveLength(0);
  });

  it('reads Slack’s documented reaction_added payload as a reaction on the message ts', async () => {
    const res = await rig.slack.event(DOCUMENTED_REACTION_ADDED);
    expect(res.status).toBe(200);
    expect(handler.events).toEqual([
      {
        kind: 'reaction',
        added: true,
        messageId: '1360782400.498405',
        emoji: 'thumbsup',
        source: {
          platform: 'slack',
          workspaceId: 'T123ABC456',
          channelId: 'C123ABC456',
          actor: { userId: 'U123ABC456', displayName: 'U123ABC456', isBot: false },
        },
      },
    ]);
  });

  it('passes a peer’s reaction and its removal to the core', async () => {
    await rig.slack.event(envelope(reaction('reaction_added', 'U2')));
    await rig.slack.event(envelope(reaction('reaction_removed', 'U2')));
    expect(
      handler.events.map((e) => (e.kind === 'reaction' ? [e.added, e.emoji, e.source.actor.userId] : null)),
    ).toEqual([
      [true, 'tada', 'U2'],
      [false, 'tada', 'U2'],
    ]);
  });

  it('ignores reactions by this bot and by other bots', async () => {
    await rig.slack.event(envelope(reaction('reaction_added', BOT_USER_ID)));
    await rig.slack.event(envelope(reaction('reaction_added', 'UOTHERBOT')));
    expect(handler.events).toHaveLength(0);
  });

  it('handles an event delivered twice (a Slack retry) once', async () => {
    const first = await rig.slack.event(envelope(reaction('reaction_added', 'U2'), 'EvSAME'));
    const retry = await rig.slack.event(envelope(reaction('reaction_added', 'U2'), 'EvSAME'), {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(handler.events).toHaveLength(1);
  });

  it('turns a reply in a thread into a thread reply with plain text', async () => {
    await rig.slack.event(envelope(threadReply('U1', 'Sent 2 applications &amp; talked to <@U2>')));
    expect(handler.events).toEqual([
      {
        kind: 'thread-reply',
        threadId: '1700000050.000100',
        text: 'Sent 2 applications & talked to @U2',
        source: {
          platform: 'slack',
          workspaceId: 'T1',
          channelId: 'C1',
          actor: { userId: 'U1', displayName: 'alice', timezone: 'Europe/Berlin', isBot: false },
        },
      },
    ]);
  });

  it('shows the core’s private answer to a thread reply as an ephemeral message in that thread', async () => {
    handler.answer = () => privateText('Checked in for today. 3 days in a row!');
    await rig.slack.event(envelope(threadReply('U1', 'done for today')));
    const [ephemeral] = rig.api.callsTo('chat.postEphemeral');
    expect(ephemeral?.params).toMatchObject({ channel: 'C1', user: 'U1', thread_ts: '1700000050.000100' });
    expect(JSON.stringify(ephemeral?.params)).toContain('Checked in for today');
  });

  it('says nothing in Slack when the core has nothing to say about a reaction', async () => {
    await rig.slack.event(envelope(reaction('reaction_added', 'U2')));
    expect(rig.api.calls.filter((c) => c.method !== 'users.info')).toEqual([]);
  });

  it('ignores channel messages outside threads, thread parents, edits and bot messages', async () => {
    await rig.slack.event(envelope(threadReply('U1', 'not in a thread', { thread_ts: undefined })));
    await rig.slack.event(envelope(threadReply('U1', 'the parent', { ts: '1700000050.000100' })));
    await rig.slack.event(envelope(threadReply('U1', 'edited', { subtype: 'message_changed' })));
    await rig.slack.event(envelope(threadReply('UOTHERBOT', 'a bot', { bot_id: 'B9', subtype: 'bot_message' })));
    await rig.slack.event(envelope(threadReply(BOT_USER_ID, 'ourselves', { bot_id: 'BBOT' })));
    expect(handler.events).toHaveLength(0);
  });

  it('refuses an event with a forged signature or a stale timestamp with 401', async () => {
    const forged = await rig.slack.event(envelope(reaction('reaction_added', 'U2')), { signature: 'v0=deadbeef' });
    const stale = await rig.slack.event(envelope(reaction('reaction_added', 'U2')), {
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    expect([forged.status, stale.status]).toEqual([401, 401]);
    expect(handler.events).toHaveLength(0);
  });
});
