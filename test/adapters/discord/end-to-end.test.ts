/**
 * The Discord adapter with the real core on an in-memory SQLite store: what a person does in
 * Discord, what the bot sends back, and what is stored.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src/core/clock.ts';
import type { Rebound } from '../../../src/core/create-rebound.ts';
import type { EventHandler } from '../../../src/core/event-handler.ts';
import type { Store } from '../../../src/core/ports/index.ts';
import { decodeCustomId } from '../../../adapters/discord/custom-ids.ts';
import {
  BOB,
  buttonClick,
  command,
  GROUP_CHANNEL_ID,
  GUILD_ID,
  guildCreate,
  HELPER_BOT,
  MASON,
  MEMBER_PERMISSIONS,
  modalSubmit,
  opt,
  OTHER_GUILD_ID,
  reactionAdd,
  reactionRemove,
  textChannel,
  type DispatchPacket,
} from '../../fakes/discord-packets.ts';
import type { RecordedCall } from '../../fakes/discord-rest.ts';
import type { Harness } from './harness.ts';
import { MANAGER_PERMISSIONS, startWithCore, type MessageBody, type WithCore } from './with-core.ts';

const workspace = { platform: 'discord', workspaceId: GUILD_ID } as const;

let world: WithCore;
let h: Harness<EventHandler>;
let store: Store;
let clock: ManualClock;
let rebound: Rebound;
let waits: number[];

beforeEach(async () => {
  world = await startWithCore();
  ({ h, store, clock, rebound, waits } = world);
});

afterEach(async () => {
  await world.close();
});

const interact = (packet: DispatchPacket) => world.interact(packet);
const setUpGroup = () => world.setUpGroup();

/** Lets the core finish what a gateway event started (it runs without an answer to wait for). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

const channelPosts = (channelId = GROUP_CHANNEL_ID): RecordedCall[] =>
  h.rest.callsTo('POST', new RegExp(`^/channels/${channelId}/messages$`));
const postedId = (call: RecordedCall | undefined) => (call?.answer.body as { id: string }).id;

describe('setting up', () => {
  it('/rebound setup with only the timezone option sets up the group in that timezone', async () => {
    const answer = await interact(
      command('rebound', [opt.sub('setup', [opt.string('timezone', 'asia/kolkata')])], {
        permissions: MANAGER_PERMISSIONS,
      }),
    );
    expect(answer.data).toMatchObject({ flags: 64, content: expect.stringContaining('Done') });
    expect(await store.groups.findByChannel(workspace, GROUP_CHANNEL_ID)).toMatchObject({
      timezone: 'Asia/Kolkata',
      checkInMinute: 9 * 60,
    });
  });

  it('a member without Manage Channels trying /rebound setup is refused privately, and nothing is stored', async () => {
    const answer = await interact(
      command('rebound', [opt.sub('setup')], { user: BOB, permissions: MEMBER_PERMISSIONS }),
    );
    expect(answer).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('Manage Channels') } });
    expect(await store.groups.findByChannel(workspace, GROUP_CHANNEL_ID)).toBeNull();
    expect(channelPosts()).toHaveLength(0);
  });

  it('a member with Manage Channels makes the channel a group, keyed by the guild, with a welcome post that pings nobody', async () => {
    await setUpGroup();
    const group = await store.groups.findByChannel(workspace, GROUP_CHANNEL_ID);
    expect(group).toMatchObject({
      workspace: { platform: 'discord', workspaceId: GUILD_ID },
      name: 'job-hunt',
      timezone: 'UTC',
    });
    expect((channelPosts()[0]?.body as MessageBody).allowed_mentions).toEqual({ parse: [], users: [] });
  });
});

describe('configuring', () => {
  it('/rebound config-admin with a user option makes bob an admin by id, who can then change a setting', async () => {
    await setUpGroup();
    const asBob = { user: BOB, permissions: MEMBER_PERMISSIONS };
    await interact(command('rebound', [opt.sub('join')], asBob));
    const added = await interact(
      command('rebound', [opt.sub('config-admin', [opt.string('action', 'add'), opt.user('user', BOB.id)])]),
    );
    expect(added.data).toMatchObject({ flags: 64, content: expect.stringContaining('Admins: Mason, Bob') });
    expect((await store.groups.findByChannel(workspace, GROUP_CHANNEL_ID))?.adminUserIds).toContain(BOB.id);
    // Bob has no Manage Channels: being an admin by id is what lets him change the setting.
    await interact(
      command('rebound', [opt.sub('config', [opt.string('setting', 'engage'), opt.string('value', 'off')])], asBob),
    );
    expect((await store.groups.findByChannel(workspace, GROUP_CHANNEL_ID))?.ruleSettings['engage']).toMatchObject({
      enabled: false,
    });
  });

  it('anyone may look at /rebound config, but changing it needs Manage Channels', async () => {
    await setUpGroup();
    const look = await interact(
      command('rebound', [opt.sub('config')], { user: BOB, permissions: MEMBER_PERMISSIONS }),
    );
    expect(look.data.flags).toBe(64);
    const change = await interact(
      command('rebound', [opt.sub('config', [opt.string('setting', 'connect'), opt.string('value', 'off')])], {
        user: BOB,
        permissions: MEMBER_PERMISSIONS,
      }),
    );
    expect(change.data).toMatchObject({ flags: 64, content: expect.stringContaining('admins') });
    expect((await store.groups.findByChannel(workspace, GROUP_CHANNEL_ID))?.ruleSettings['connect']).toBeUndefined();

    await interact(
      command('rebound', [opt.sub('config', [opt.string('setting', 'connect'), opt.string('value', 'off')])], {
        permissions: MANAGER_PERMISSIONS,
      }),
    );
    expect((await store.groups.findByChannel(workspace, GROUP_CHANNEL_ID))?.ruleSettings['connect']).toMatchObject({
      enabled: false,
    });
  });
});

describe('applications and peer reactions', () => {
  it('/applied posts to the group channel without pings and answers the person privately', async () => {
    await setUpGroup();
    const answer = await interact(
      command('applied', [opt.string('company', 'Acme'), opt.string('role', 'Backend Engineer')]),
    );
    expect(answer).toMatchObject({
      type: 4,
      data: { flags: 64, content: expect.stringContaining('Logged: Backend Engineer at Acme') },
    });
    const post = channelPosts().at(-1)?.body as MessageBody;
    expect(post.content).toContain('Mason applied for Backend Engineer at Acme');
    expect(post.allowed_mentions).toEqual({ parse: [], users: [] });
  });

  it('/applied with a company that is too long gets a private explanation with an example, and nothing is posted', async () => {
    await setUpGroup();
    const before = channelPosts().length;
    const answer = await interact(
      command('applied', [opt.string('company', 'A'.repeat(150)), opt.string('role', 'SRE')]),
    );
    expect(answer.data).toMatchObject({ flags: 64, content: expect.stringContaining('For example: /applied') });
    expect(channelPosts()).toHaveLength(before);
  });

  it("peers' reactions on the post are counted, taken back when removed; the author's own and bots' are not", async () => {
    await setUpGroup();
    await interact(command('applied', [opt.string('company', 'Acme'), opt.string('role', 'SRE')]));
    const messageId = postedId(channelPosts().at(-1));
    const post = await store.posts.findByMessage({ workspace, channelId: GROUP_CHANNEL_ID, messageId });
    expect(post?.subject).toBe('application');

    h.feed(reactionAdd(messageId, { user: MASON }));
    h.feed(reactionAdd(messageId, { user: HELPER_BOT }));
    h.feed(reactionAdd(messageId, { user: BOB }));
    await settle();
    expect((await store.insights.memberFacts(post!.memberId!)).reactionsReceived).toBe(1);

    h.feed(reactionRemove(messageId, { user: BOB }));
    await settle();
    expect((await store.insights.memberFacts(post!.memberId!)).reactionsReceived).toBe(0);
  });
});

describe('bad options', () => {
  const cases: [string, DispatchPacket, string][] = [
    [
      '/applied with a link that is not a web address',
      command('applied', [opt.string('company', 'Acme'), opt.string('role', 'SRE'), opt.string('link', 'not a link')]),
      'web address',
    ],
    [
      '/rejected with an empty company',
      command('rejected', [opt.string('company', ' '), opt.string('stage', 'final')]),
      'company',
    ],
    ['/update with nothing but spaces', command('update', [opt.string('text', '   ')]), 'For example'],
    [
      '/feedback for a company never logged',
      command('feedback', [opt.string('company', 'Initech'), opt.string('text', 'More depth')]),
      'no application to Initech',
    ],
    [
      '/rebound timezone that does not exist',
      command('rebound', [opt.sub('timezone', [opt.string('timezone', 'Mars/Olympus_Mons')])]),
      'not a timezone I know',
    ],
    [
      '/rebound quiet that is not hours',
      command('rebound', [opt.sub('quiet', [opt.string('hours', 'late')])]),
      'quiet hours',
    ],
    ['/rebound pause for too long', command('rebound', [opt.sub('pause', [opt.integer('days', 400)])]), '1 to 365'],
  ];
  for (const [title, packet, says] of cases) {
    it(`${title} is explained privately, and nothing is posted`, async () => {
      await setUpGroup();
      const before = channelPosts().length;
      const answer = await interact(packet);
      expect(answer).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining(says) } });
      expect(channelPosts()).toHaveLength(before);
    });
  }

  it('a command in a channel that is not a group says how to set one up', async () => {
    const answer = await interact(command('applied', [opt.string('company', 'Acme'), opt.string('role', 'SRE')]));
    expect(answer.data).toMatchObject({ flags: 64, content: expect.stringContaining('/rebound setup') });
  });
});

describe('rejections', () => {
  it('/rejected with no options opens the form; bad fields are listed privately; good ones are stored with a plan', async () => {
    await setUpGroup();
    const form = await interact(command('rejected'));
    expect(form.type).toBe(9);
    const formId = form.data.custom_id ?? '';
    expect(formId).toMatch(/^rejected/);

    const bad = await interact(
      modalSubmit(formId, { company: '', role: '', stage: 'interview', note: '' }, { selects: ['stage'] }),
    );
    expect(bad).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('Nothing was saved') } });
    const member = await store.members.find(
      (await store.groups.findByChannel(workspace, GROUP_CHANNEL_ID))!.id,
      MASON.id,
    );
    expect(member === null || (await store.rejections.listByMember(member.id)).length === 0).toBe(true);

    const good = await interact(
      modalSubmit(
        formId,
        { company: 'Acme', role: 'SRE', stage: 'interview', note: 'internal candidate' },
        { selects: ['stage'] },
      ),
    );
    expect(good.data.flags).toBe(64);
    const saved = (await store.members.find(
      (await store.groups.findByChannel(workspace, GROUP_CHANNEL_ID))!.id,
      MASON.id,
    ))!;
    expect(await store.rejections.listByMember(saved.id)).toHaveLength(1);
    expect((await store.followUps.listByMember(saved.id, ['pending'])).map((f) => f.ruleId)).toContain(
      'request-feedback',
    );
  });
});

describe('nudges by DM', () => {
  async function rejectAndComeDue(): Promise<void> {
    await setUpGroup();
    await interact(
      command('rejected', [opt.string('company', 'Acme'), opt.string('role', 'SRE'), opt.string('stage', 'interview')]),
    );
    // The feedback request is due the next business day at 10:00.
    clock.set(new Date('2026-11-24T10:00:00Z'));
  }

  const dmChannelId = () => h.rest.dmChannelOf(MASON.id);
  const dmMessages = () => new RegExp(`^/channels/${dmChannelId()}/messages$`);

  /** The buttons of the last nudge Mason got by DM (other DMs, like reminders, are passed over). */
  function dmButtons(): { customId: string; actionId: string; label: string }[] {
    const buttonsOf = (call: RecordedCall) =>
      ((call.body as MessageBody).components ?? []).flatMap((row) =>
        row.components.map((b) => ({
          customId: b.custom_id,
          actionId: decodeCustomId(b.custom_id).id,
          label: b.label,
        })),
      );
    const nudges = h.rest
      .callsTo('POST', dmMessages())
      .map(buttonsOf)
      .filter((buttons) => buttons.some((b) => b.actionId.startsWith('fu:done:')));
    return nudges.at(-1) ?? [];
  }

  it("the DM's Done button marks the follow-up done and updates the message in place", async () => {
    await rejectAndComeDue();
    await rebound.sweep();
    const done = dmButtons().find((b) => b.label === 'Done');
    expect(done?.actionId).toMatch(/^fu:done:\d+$/);
    const followUpId = Number(done?.actionId.split(':')[2]);

    const answer = await interact(buttonClick(done!.customId, { guildId: null, channelId: dmChannelId() }));
    expect(answer.type).toBe(7);
    expect(answer.data.content).toContain('Done');
    expect((await store.followUps.get(followUpId))?.status).toBe('done');
  });

  it('Done on a nudge of several steps redraws them all, found by the DM channel and message id it was sent as', async () => {
    await setUpGroup();
    for (const company of ['Acme', 'Globex'])
      await interact(
        command('rejected', [
          opt.string('company', company),
          opt.string('role', 'SRE'),
          opt.string('stage', 'interview'),
        ]),
      );
    clock.set(new Date('2026-11-24T10:00:00Z'));
    await rebound.sweep();
    const nudge = h.rest
      .callsTo('POST', dmMessages())
      .find((call) => /Acme/.test(JSON.stringify(call.body)) && /Globex/.test(JSON.stringify(call.body)));
    const done = ((nudge?.body as MessageBody).components ?? [])
      .flatMap((row) => row.components)
      .find((b) => b.label === 'Done');
    const answer = await interact(
      buttonClick(done?.custom_id ?? '', { guildId: null, channelId: dmChannelId(), messageId: postedId(nudge) }),
    );
    expect(answer.type).toBe(7);
    // The redraw lists every step the message carried, which only the stored message reference knows.
    expect(answer.data.content).toMatch(/^3 steps from your plan are due:\n✓ Done: /);
    expect(answer.data.content).toMatch(/Ask for feedback at Acme[\s\S]*Ask for feedback at Globex/);
  });

  it('Snooze 2d and Skip update the follow-up and the message too', async () => {
    await rejectAndComeDue();
    await rebound.sweep();
    const snooze = dmButtons().find((b) => b.label === 'Snooze 2d')!;
    const followUpId = Number(snooze.actionId.split(':')[2]);
    expect((await interact(buttonClick(snooze.customId, { guildId: null, channelId: dmChannelId() }))).type).toBe(7);
    expect((await store.followUps.get(followUpId))?.status).toBe('snoozed');

    clock.set(new Date('2026-11-26T10:00:00Z'));
    await rebound.sweep();
    const skip = dmButtons().find((b) => b.label === 'Skip' && b.actionId.endsWith(`:${followUpId}`))!;
    expect((await interact(buttonClick(skip.customId, { guildId: null, channelId: dmChannelId() }))).type).toBe(7);
    expect((await store.followUps.get(followUpId))?.status).toBe('skipped');
  });

  it("someone else's click and a stale click get a private explanation and change nothing", async () => {
    await rejectAndComeDue();
    await rebound.sweep();
    const done = dmButtons().find((b) => b.label === 'Done')!;
    const followUpId = Number(done.actionId.split(':')[2]);

    const others = await interact(
      buttonClick(done.customId, { user: BOB, guildId: null, channelId: '319674150115610528' }),
    );
    expect(others).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining("someone else's") } });
    expect((await store.followUps.get(followUpId))?.status).toBe('pending');

    await interact(buttonClick(done.customId, { guildId: null, channelId: dmChannelId() }));
    const stale = await interact(buttonClick(done.customId, { guildId: null, channelId: dmChannelId() }));
    expect(stale).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('already done') } });
  });

  it('a follow-up button pressed in another server is stale there: no button crosses workspaces', async () => {
    await rejectAndComeDue();
    await rebound.sweep();
    const done = dmButtons().find((b) => b.label === 'Done')!;
    const followUpId = Number(done.actionId.split(':')[2]);
    h.feed(
      guildCreate({ id: OTHER_GUILD_ID, channels: [textChannel('772908445358620702', 'general', OTHER_GUILD_ID)] }),
    );
    const elsewhere = await interact(
      buttonClick(done.actionId, { guildId: OTHER_GUILD_ID, channelId: '772908445358620702' }),
    );
    expect(elsewhere).toMatchObject({
      type: 4,
      data: { flags: 64, content: expect.stringContaining('no longer exists') },
    });
    expect((await store.followUps.get(followUpId))?.status).toBe('pending');
  });

  it('a DM refused with 50007 falls back to one mention in the group channel, and the member is marked unreachable', async () => {
    await rejectAndComeDue();
    h.rest.failNext('POST', dmMessages(), {
      status: 403,
      body: { message: 'Cannot send messages to this user', code: 50007 },
    });
    const before = channelPosts().length;
    await rebound.sweep();
    const fallback = channelPosts()
      .slice(before)
      .filter((c) => (c.body as MessageBody).allowed_mentions?.users.length);
    expect(fallback).toHaveLength(1);
    const body = fallback[0]?.body as MessageBody;
    expect(body.content.startsWith(`<@${MASON.id}>`)).toBe(true);
    expect(body.allowed_mentions).toEqual({ parse: [], users: [MASON.id] });
    const member = await store.members.find(
      (await store.groups.findByChannel(workspace, GROUP_CHANNEL_ID))!.id,
      MASON.id,
    );
    expect(member?.dmUnreachable).toBe(true);
  });

  it('a long 429 on the DM makes the core wait what Discord said, then the nudge goes out', async () => {
    await rejectAndComeDue();
    // A wait of a few seconds is REST's to sit out; a longer one comes back to the core.
    h.rest.failNext('POST', dmMessages(), {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 30, global: false, code: 0 },
      headers: { 'retry-after': '30', 'x-ratelimit-scope': 'shared' },
    });
    await rebound.sweep();
    // Discord's 30 s and REST's 50 ms of margin.
    expect(waits).toEqual([30_050]);
    expect(dmButtons().some((b) => b.label === 'Done')).toBe(true);
  });
});
