/**
 * The daily check-in on Discord, end to end with the real core: the day's post starts a thread,
 * a reply in it counts (without the message-content intent), and both forms work.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { decodeCustomId } from '../../../adapters/discord/custom-ids.ts';
import {
  BOB,
  BOT_ID,
  buttonClick,
  command,
  GROUP_CHANNEL_ID,
  GUILD_ID,
  MASON,
  messageCreate,
  modalSubmit,
  threadChannel,
  threadCreate,
} from '../../fakes/discord-packets.ts';
import { startWithCore, type MessageBody, type WithCore } from './with-core.ts';

let world: WithCore;
beforeEach(async () => {
  world = await startWithCore();
  await world.setUpGroup();
  // Tuesday 24 November 2026, the group's check-in time.
  world.clock.set(new Date('2026-11-24T09:00:00Z'));
});
afterEach(async () => world.close());

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs the sweep and returns the day's post, its thread and its Check in button. */
async function openTheDay(): Promise<{ threadId: string; checkInCustomId: string }> {
  const { h } = world;
  await world.rebound.sweep();
  const thread = await h.rest.waitForCall('POST', new RegExp(`^/channels/${GROUP_CHANNEL_ID}/messages/\\d+/threads$`));
  const threadId = (thread.answer.body as { id: string }).id;
  // Discord tells the bot about the thread it started.
  h.feed(threadCreate(threadChannel(threadId, GROUP_CHANNEL_ID, BOT_ID)));
  const starterId = thread.path.split('/')[4];
  const starter = h.rest
    .callsTo('POST', new RegExp(`^/channels/${GROUP_CHANNEL_ID}/messages$`))
    .find((c) => (c.answer.body as { id: string }).id === starterId);
  const button = (starter?.body as MessageBody).components?.[0]?.components[0];
  return { threadId, checkInCustomId: button?.custom_id ?? '' };
}

it("the day's check-in post starts a thread named for the day that archives after a day", async () => {
  await openTheDay();
  const thread = world.h.rest.callsTo('POST', /\/threads$/)[0];
  expect(thread?.body).toEqual({ name: 'Check-in 2026-11-24', auto_archive_duration: 1440 });
});

it('a reply in the thread without any text counts as the author’s check-in, and is acknowledged with ✅', async () => {
  const { threadId } = await openTheDay();
  const reply = messageCreate(threadId, BOB, '');
  world.h.feed(reply);
  const reaction = await world.h.rest.waitForCall('PUT', /\/reactions\//);
  expect(reaction.path).toBe(`/channels/${threadId}/messages/${(reply.d as { id: string }).id}/reactions/✅/@me`);
  const group = (await world.store.groups.findByChannel(
    { platform: 'discord', workspaceId: GUILD_ID },
    GROUP_CHANNEL_ID,
  ))!;
  expect((await world.store.checkIns.memberIdsCheckedIn(group.id, '2026-11-24')).size).toBe(1);
});

it('a reply with text stores the text as an update', async () => {
  const { threadId } = await openTheDay();
  world.h.feed(messageCreate(threadId, BOB, 'Sent two applications and had coffee with a recruiter'));
  await world.h.rest.waitForCall('PUT', /\/reactions\//);
  const group = (await world.store.groups.findByChannel(
    { platform: 'discord', workspaceId: GUILD_ID },
    GROUP_CHANNEL_ID,
  ))!;
  const bob = (await world.store.members.find(group.id, BOB.id))!;
  expect((await world.store.updates.listByMember(bob.id)).map((u) => u.text)).toContain(
    'Sent two applications and had coffee with a recruiter',
  );
});

it('the Check in button opens the form, and its answers are stored', async () => {
  const { checkInCustomId } = await openTheDay();
  expect(decodeCustomId(checkInCustomId).id).toMatch(/^checkin:open:\d+:2026-11-24$/);
  const form = await world.interact(buttonClick(checkInCustomId, { user: BOB }));
  expect(form.type).toBe(9);
  const formId = form.data.custom_id ?? '';
  const done = await world.interact(
    modalSubmit(formId, { applications: '2', networking: '1', followups: '0', note: 'Good day' }, { user: BOB }),
  );
  expect(done).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('Checked in') } });
  await settle();
  const group = (await world.store.groups.findByChannel(
    { platform: 'discord', workspaceId: GUILD_ID },
    GROUP_CHANNEL_ID,
  ))!;
  const bob = (await world.store.members.find(group.id, BOB.id))!;
  expect(await world.store.checkIns.find(bob.id, '2026-11-24')).toMatchObject({ applications: 2, networking: 1 });
});

it('/checkin opens the same form; a count that is not a number is listed privately and nothing is stored', async () => {
  const form = await world.interact(command('checkin'));
  expect(form).toMatchObject({ type: 9, data: { custom_id: expect.stringMatching(/^checkin:\d+:2026-11-24$/) } });
  const bad = await world.interact(
    modalSubmit(form.data.custom_id ?? '', { applications: 'lots', networking: '', followups: '', note: '' }),
  );
  expect(bad).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('Applications sent') } });
  const group = (await world.store.groups.findByChannel(
    { platform: 'discord', workspaceId: GUILD_ID },
    GROUP_CHANNEL_ID,
  ))!;
  expect((await world.store.checkIns.memberIdsCheckedIn(group.id, '2026-11-24')).size).toBe(0);
});

it("the reminder's Check in button works from a DM: the form and its answers keep their server", async () => {
  await openTheDay();
  world.clock.set(new Date('2026-11-24T16:00:00Z'));
  await world.rebound.sweep();
  const dm = world.h.rest.dmChannelOf(MASON.id);
  const reminder = world.h.rest.callsTo('POST', new RegExp(`^/channels/${dm}/messages$`)).at(-1);
  const button = (reminder?.body as MessageBody | undefined)?.components?.[0]?.components[0];
  expect(decodeCustomId(button?.custom_id ?? '')).toEqual({
    workspaceId: GUILD_ID,
    id: expect.stringMatching(/^checkin:open:\d+:2026-11-24$/),
  });

  const form = await world.interact(buttonClick(button!.custom_id, { guildId: null, channelId: dm }));
  expect(form.type).toBe(9);
  expect(decodeCustomId(form.data.custom_id ?? '')).toEqual({
    workspaceId: GUILD_ID,
    id: expect.stringMatching(/^checkin:\d+:2026-11-24$/),
  });

  const done = await world.interact(
    modalSubmit(
      form.data.custom_id ?? '',
      { applications: '1', networking: '0', followups: '0', note: '' },
      { guildId: null, channelId: dm },
    ),
  );
  expect(done).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('Checked in') } });
  const group = (await world.store.groups.findByChannel(
    { platform: 'discord', workspaceId: GUILD_ID },
    GROUP_CHANNEL_ID,
  ))!;
  expect(
    await world.store.checkIns.find((await world.store.members.find(group.id, MASON.id))!.id, '2026-11-24'),
  ).toMatchObject({
    applications: 1,
  });
});
