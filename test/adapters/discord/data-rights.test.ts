/**
 * Goals, stats and data rights on Discord, end to end with the real core: files come back as
 * private attachments, and forget-me asks before it deletes.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buttonClick, command, GROUP_CHANNEL_ID, GUILD_ID, MASON, opt } from '../../fakes/discord-packets.ts';
import { startWithCore, type MessageBody, type WithCore } from './with-core.ts';

let world: WithCore;
beforeEach(async () => {
  world = await startWithCore();
  await world.setUpGroup();
  await world.interact(command('applied', [opt.string('company', 'Acme'), opt.string('role', 'SRE')]));
});
afterEach(async () => world.close());

const workspace = { platform: 'discord', workspaceId: GUILD_ID } as const;

it('/goal with typed numbers sets the weekly goals; a goal out of range is explained privately', async () => {
  const set = await world.interact(command('goal', [opt.integer('applications', 5), opt.integer('networking', 2)]));
  expect(set).toMatchObject({ type: 4, data: { flags: 64 } });
  const group = (await world.store.groups.findByChannel(workspace, GROUP_CHANNEL_ID))!;
  const member = (await world.store.members.find(group.id, MASON.id))!;
  expect(await world.store.goals.get(member.id)).toMatchObject({ applications: 5, networking: 2 });

  const bad = await world.interact(command('goal', [opt.integer('applications', 5000)]));
  expect(bad).toMatchObject({ type: 4, data: { flags: 64, content: expect.stringContaining('For example') } });
  expect(await world.store.goals.get(member.id)).toMatchObject({ applications: 5 });
});

it('/stats and /stats group answer privately', async () => {
  const mine = await world.interact(command('stats'));
  const group = await world.interact(command('stats', [opt.string('scope', 'group')]));
  expect(mine.data.flags).toBe(64);
  expect(group.data.flags).toBe(64);
  expect(mine.data.content).not.toBe(group.data.content);
});

it('/rebound export sends the data as private attachments', async () => {
  const packet = command('rebound', [opt.sub('export')]);
  const { id, token } = packet.d as { id: string; token: string };
  world.h.feed(packet);
  const callback = await world.h.rest.waitFor((c) => c.path === `/interactions/${id}/${token}/callback`);
  expect(callback.body).toMatchObject({ type: 4, data: { flags: 64 } });
  expect(callback.fileNames).toContain('rebound-export.json');
});

it('/rebound forget-me asks first; Keep my data changes nothing, Delete everything deletes', async () => {
  const ask = await world.interact(command('rebound', [opt.sub('forget-me')]));
  expect(ask.data.flags).toBe(64);
  const buttons = (ask.data as MessageBody).components?.[0]?.components ?? [];
  const keep = buttons.find((b) => b.label === 'Keep my data')!;
  const remove = buttons.find((b) => b.label === 'Delete everything')!;
  const group = (await world.store.groups.findByChannel(workspace, GROUP_CHANNEL_ID))!;

  // Both answers replace the private question in place (an ephemeral message can be updated).
  const kept = await world.interact(buttonClick(keep.custom_id, { ephemeral: true }));
  expect(kept).toMatchObject({
    type: 7,
    data: { content: 'Nothing was deleted. Your data stays as it is.', components: [] },
  });
  expect(await world.store.members.find(group.id, MASON.id)).not.toBeNull();

  // Each confirmation is used once: after Keep, its Delete button says so and deletes nothing.
  const late = await world.interact(buttonClick(remove.custom_id, { ephemeral: true }));
  expect(late).toMatchObject({ type: 7, data: { content: expect.stringContaining('You chose to keep your data') } });
  expect(await world.store.members.find(group.id, MASON.id)).not.toBeNull();

  const again = await world.interact(command('rebound', [opt.sub('forget-me')]));
  const removeNow = ((again.data as MessageBody).components?.[0]?.components ?? []).find(
    (b) => b.label === 'Delete everything',
  )!;
  const deleted = await world.interact(buttonClick(removeNow.custom_id, { ephemeral: true }));
  expect(deleted).toMatchObject({ type: 7, data: { components: [] } });
  expect(await world.store.members.find(group.id, MASON.id)).toBeNull();
});
