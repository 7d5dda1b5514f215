/**
 * `/rebound home` on Discord, end to end with the real core: a private answer with the member's
 * home, the due step's buttons as components, and Done on it working as in a nudge.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buttonClick, command, opt } from '../../fakes/discord-packets.ts';
import { startWithCore, type MessageBody, type WithCore } from './with-core.ts';

let world: WithCore;
beforeEach(async () => {
  world = await startWithCore();
  await world.setUpGroup();
  await world.interact(
    command('rejected', [opt.string('company', 'Acme'), opt.string('role', 'SRE'), opt.string('stage', 'interview')]),
  );
  // Tuesday 24 November, 11:00: the feedback request (next business day, 10:00) is due.
  world.clock.set(new Date('2026-11-24T11:00:00Z'));
});
afterEach(async () => world.close());

const text = (body: MessageBody & { embeds?: { description?: string }[] }) =>
  [body.content ?? '', ...(body.embeds ?? []).map((e) => e.description ?? '')].join('\n');
const customIds = (body: MessageBody) =>
  (body.components ?? []).flatMap((row) => row.components.map((c) => c.custom_id));

it('answers privately with the home, its due step carrying Done / Snooze / Skip', async () => {
  const home = await world.interact(command('rebound', [opt.sub('home')]));
  expect(home.type).toBe(4);
  expect(home.data.flags).toBe(64);
  expect(text(home.data)).toContain('Your Rebound home');
  expect(text(home.data)).toContain('Ask for feedback at Acme');
  const done = customIds(home.data).find((id) => id.startsWith('fu:done:'));
  expect(done).toBeDefined();
  const pressed = await world.interact(buttonClick(done ?? ''));
  expect(text(pressed.data)).toContain('✓ Done: Ask for feedback at Acme');
  const stepId = Number((done ?? '').split(':')[2]);
  expect((await world.store.followUps.get(stepId))?.status).toBe('done');
});
