import { afterEach, beforeEach, expect, it } from 'vitest';
import { buttonClick, command, GROUP_CHANNEL_ID, opt } from '../../fakes/discord-packets.ts';
import { startWithCore, type MessageBody, type WithCore } from './with-core.ts';

let world: WithCore;
beforeEach(async () => {
  world = await startWithCore();
  await world.setUpGroup();
});
afterEach(async () => world.close());

it('Undo on a logging reply deletes its group post with DELETE /channels/:id/messages/:id', async () => {
  const reply = await world.interact(command('applied', [opt.string('company', 'Acme'), opt.string('role', 'SRE')]));
  const post = world.h.rest.calls
    .filter((c) => c.method === 'POST' && c.path === `/channels/${GROUP_CHANNEL_ID}/messages`)
    .at(-1);
  const postId = (post?.answer.body as { id: string } | undefined)?.id;
  const undo = (reply.data as MessageBody).components?.[0]?.components.find((b) => b.label === 'Undo');
  if (!postId || !undo) throw new Error('no group post or no Undo button');

  const undone = await world.interact(buttonClick(undo.custom_id, { ephemeral: true }));
  expect(undone).toMatchObject({
    type: 7,
    data: { content: expect.stringContaining('Undone: your application to Acme') },
  });
  expect(
    world.h.rest.calls.filter((c) => c.method === 'DELETE' && c.path.startsWith('/channels/')).map((c) => c.path),
  ).toEqual([`/channels/${GROUP_CHANNEL_ID}/messages/${postId}`]);
});
