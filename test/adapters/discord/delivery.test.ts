import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/core/errors.ts';
import { textMessage, type Message } from '../../../src/core/messages.ts';
import type { ChannelTarget, UserTarget } from '../../../src/core/ports/index.ts';
import { decodeCustomId } from '../../../adapters/discord/custom-ids.ts';
import { BOB, GROUP_CHANNEL_ID, GUILD_ID, MASON } from '../../fakes/discord-packets.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const workspace = { platform: 'discord', workspaceId: GUILD_ID } as const;
const group: ChannelTarget = { workspace, channelId: GROUP_CHANNEL_ID };
const mason: UserTarget = { workspace, userId: MASON.id };

interface MessageBody {
  content: string;
  embeds: { description?: string }[];
  components: { type: number; components: { type: number; custom_id: string; label: string; style: number }[] }[];
  allowed_mentions: { parse: string[]; users: string[] };
  attachments?: { id: number; filename: string }[];
}

const nudge: Message = {
  blocks: [
    { type: 'heading', text: 'Due today' },
    { type: 'text', text: 'Ask Acme for feedback on the Backend Engineer interview.' },
    {
      type: 'buttons',
      buttons: [
        { actionId: 'fu:done:42', label: 'Done', style: 'primary' },
        { actionId: 'fu:snooze:42', label: 'Snooze 2d' },
        { actionId: 'fu:skip:42', label: 'Skip', style: 'danger' },
      ],
    },
  ],
};

async function rejectionOf(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('posting to the group', () => {
  it('posts with allowed mentions that ping nobody, and returns the message reference', async () => {
    h = await startHarness();
    const sent = await h.adapter.chat.postToChannel(
      group,
      textMessage('Mason applied to Backend Engineer at Acme. @everyone <@80351110224678912>'),
    );
    const call = await h.rest.waitForCall('POST', /^\/channels\/\d+\/messages$/);
    expect(call.path).toBe(`/channels/${GROUP_CHANNEL_ID}/messages`);
    const body = call.body as MessageBody;
    expect(body.allowed_mentions).toEqual({ parse: [], users: [] });
    expect(body.content).not.toContain('@everyone');
    expect(body.content).not.toContain('<@80351110224678912>');
    expect(sent).toEqual({ channelId: GROUP_CHANNEL_ID, messageId: expect.stringMatching(/^\d+$/) });
  });

  it('pings exactly the users the message names, mentioned first', async () => {
    h = await startHarness();
    await h.adapter.chat.postToChannel(group, {
      blocks: [
        { type: 'mention', userIds: [BOB.id], text: '' },
        ...textMessage('Your follow-ups are waiting (DMs are closed).').blocks,
      ],
    });
    const body = (await h.rest.waitForCall('POST', /\/messages$/)).body as MessageBody;
    expect(body.content.startsWith(`<@${BOB.id}>\n`)).toBe(true);
    expect(body.allowed_mentions).toEqual({ parse: [], users: [BOB.id] });
  });

  it('renders headings, text and buttons whose custom ids are the action ids', async () => {
    h = await startHarness();
    await h.adapter.chat.postToChannel(group, nudge);
    const body = (await h.rest.waitForCall('POST', /\/messages$/)).body as MessageBody;
    expect(body.content).toBe('**Due today**\nAsk Acme for feedback on the Backend Engineer interview.');
    expect(body.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 1, label: 'Done', custom_id: 'fu:done:42' },
          { type: 2, style: 2, label: 'Snooze 2d', custom_id: 'fu:snooze:42' },
          { type: 2, style: 4, label: 'Skip', custom_id: 'fu:skip:42' },
        ],
      },
    ]);
  });

  it('moves text too long for message content into an embed', async () => {
    h = await startHarness();
    await h.adapter.chat.postToChannel(group, textMessage('x'.repeat(2500)));
    const body = (await h.rest.waitForCall('POST', /\/messages$/)).body as MessageBody;
    expect(body.content).toBe('');
    expect(body.embeds[0]?.description).toHaveLength(2500);
  });

  it('sends files as attachments', async () => {
    h = await startHarness();
    await h.adapter.chat.shareFiles(group, [
      {
        filename: 'week.png',
        mimeType: 'image/png',
        bytes: new Uint8Array([137, 80, 78, 71]),
        title: 'Applications per day',
      },
    ]);
    const call = await h.rest.waitForCall('POST', /\/messages$/);
    expect(call.fileNames).toEqual(['week.png']);
    expect((call.body as MessageBody).attachments).toEqual([
      { id: 0, filename: 'week.png', description: 'Applications per day' },
    ]);
  });

  it('replaces an earlier message', async () => {
    h = await startHarness();
    await h.adapter.chat.updateMessage(
      workspace,
      { channelId: GROUP_CHANNEL_ID, messageId: '1320000000000000001' },
      textMessage('Done ✅'),
    );
    const call = await h.rest.waitForCall('PATCH', /^\/channels\/\d+\/messages\/\d+$/);
    expect(call.path).toBe(`/channels/${GROUP_CHANNEL_ID}/messages/1320000000000000001`);
    expect(call.body).toMatchObject({ content: 'Done ✅', components: [], allowed_mentions: { parse: [], users: [] } });
  });
});

describe('the daily check-in thread', () => {
  it('posts the check-in and starts a thread from it that archives after a day', async () => {
    h = await startHarness();
    const sent = await h.adapter.chat.postThreadStarter(
      group,
      textMessage('Good morning! How is the search going?'),
      'Check-in Thursday 26 November',
    );
    const post = h.rest.callsTo('POST', /^\/channels\/\d+\/messages$/)[0];
    const thread = await h.rest.waitForCall('POST', /\/threads$/);
    expect(post?.path).toBe(`/channels/${GROUP_CHANNEL_ID}/messages`);
    expect(thread.path).toBe(`/channels/${GROUP_CHANNEL_ID}/messages/${sent.messageId}/threads`);
    expect(thread.body).toEqual({ name: 'Check-in Thursday 26 November', auto_archive_duration: 1440 });
    expect(sent.threadId).toMatch(/^\d+$/);
  });

  it('takes the post back when the thread cannot be started, so a retry does not post twice', async () => {
    h = await startHarness();
    h.rest.failNext('POST', /\/threads$/, { status: 403, body: { message: 'Missing Permissions', code: 50013 } });
    const error = await rejectionOf(h.adapter.chat.postThreadStarter(group, textMessage('Good morning!'), 'Check-in'));
    expect(error.kind).toBe('permanent');
    expect(h.rest.callsTo('DELETE', /^\/channels\/\d+\/messages\/\d+$/)).toHaveLength(1);
  });

  it('posts in an existing thread by its id', async () => {
    h = await startHarness();
    await h.adapter.chat.postInThread(
      group,
      '1310000000000000001',
      textMessage('Reminder: check in before the day ends.'),
    );
    expect((await h.rest.waitForCall('POST', /\/messages$/)).path).toBe('/channels/1310000000000000001/messages');
  });
});

describe('direct messages', () => {
  it('opens the DM channel once and sends nudges there, with buttons that carry the guild', async () => {
    h = await startHarness();
    await h.adapter.chat.sendDirect(mason, nudge);
    await h.adapter.chat.sendDirect(mason, textMessage('Second nudge'));
    const opens = h.rest.callsTo('POST', /^\/users\/@me\/channels$/);
    expect(opens).toHaveLength(1);
    expect(opens[0]?.body).toEqual({ recipient_id: MASON.id });
    const [first] = h.rest.callsTo('POST', /^\/channels\/\d+\/messages$/);
    const ids = (first?.body as MessageBody).components[0]?.components.map((c) => decodeCustomId(c.custom_id));
    expect(ids).toEqual([
      { workspaceId: GUILD_ID, id: 'fu:done:42' },
      { workspaceId: GUILD_ID, id: 'fu:snooze:42' },
      { workspaceId: GUILD_ID, id: 'fu:skip:42' },
    ]);
  });

  it('a DM refused with 50007 (DMs closed) is a permanent failure', async () => {
    h = await startHarness();
    h.rest.failNext('POST', /^\/channels\/\d+\/messages$/, {
      status: 403,
      body: { message: 'Cannot send messages to this user', code: 50007 },
    });
    const error = await rejectionOf(h.adapter.chat.sendDirect(mason, nudge));
    expect(error.kind).toBe('permanent');
    expect(error.message).toContain('50007');
  });

  it('an unknown user (10013) is a permanent failure', async () => {
    h = await startHarness();
    h.rest.failNext('POST', /^\/users\/@me\/channels$/, {
      status: 400,
      body: { message: 'Unknown User', code: 10013 },
    });
    expect((await rejectionOf(h.adapter.chat.sendDirect(mason, nudge))).kind).toBe('permanent');
  });
});

describe('failures', () => {
  it('an unknown channel (10003) is permanent', async () => {
    h = await startHarness();
    h.rest.failNext('POST', /\/messages$/, { status: 404, body: { message: 'Unknown Channel', code: 10003 } });
    expect((await rejectionOf(h.adapter.chat.postToChannel(group, textMessage('hi')))).kind).toBe('permanent');
  });

  it('a 429 with a long wait is rate-limited with the wait Discord gave, not slept through inside the client', async () => {
    h = await startHarness();
    h.rest.failNext('POST', /\/messages$/, {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 30, global: false, code: 0 },
      headers: {
        'retry-after': '30',
        'x-ratelimit-scope': 'user',
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': '30',
        'x-ratelimit-bucket': 'abcd1234',
      },
    });
    const error = await rejectionOf(h.adapter.chat.postToChannel(group, textMessage('hi')));
    expect(error.kind).toBe('rate-limited');
    // REST adds its 50 ms of margin to Discord's wait.
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(30_000);
    expect(error.retryAfterMs).toBeLessThan(30_200);
    expect(h.rest.callsTo('POST', /\/messages$/)).toHaveLength(1);
  });

  it('a 5xx is transient', async () => {
    h = await startHarness();
    h.rest.failNext('POST', /\/messages$/, { status: 502, body: { message: 'Bad Gateway', code: 0 } });
    expect((await rejectionOf(h.adapter.chat.postToChannel(group, textMessage('hi')))).kind).toBe('transient');
  });

  it('Discord out of reach is transient', async () => {
    h = await startHarness();
    await h.rest.close();
    expect((await rejectionOf(h.adapter.chat.postToChannel(group, textMessage('hi')))).kind).toBe('transient');
  });
});
