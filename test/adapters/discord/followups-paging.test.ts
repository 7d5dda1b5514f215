/**
 * /followups on Discord, end to end with the real core: a message holds five rows of buttons, so
 * due steps come four to a page, each step's heading and row of buttons marked with the same keycap,
 * and a "More" row pages on.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buttonClick, command, GROUP_CHANNEL_ID, GUILD_ID, MASON, opt } from '../../fakes/discord-packets.ts';
import { startWithCore, type Callback, type WithCore } from './with-core.ts';

let world: WithCore;
beforeEach(async () => {
  world = await startWithCore();
  await world.setUpGroup();
  for (const company of ['Acme', 'Globex', 'Initech'])
    await world.interact(
      command('rejected', [opt.string('company', company), opt.string('role', 'SRE'), opt.string('stage', 'final')]),
    );
  world.clock.set(new Date('2026-11-28T12:00:00Z'));
});
afterEach(async () => world.close());

/** The text, whether it fit in the content or went to embeds. */
const textOf = (callback: Callback) =>
  [
    callback.data.content,
    ...((callback.data as { embeds?: { description?: string }[] }).embeds ?? []).map((e) => e.description),
  ].join('\n');
const rows = (callback: Callback) => callback.data.components ?? [];
const stepIds = (callback: Callback) =>
  rows(callback)
    .flatMap((r) => r.components)
    .map((b) => /^fu:done:(\d+):p\d+$/.exec(b.custom_id)?.[1])
    .filter((id): id is string => id !== undefined)
    .map(Number);

it('pages due steps so every step shown keeps its own row of buttons, marked like its heading', async () => {
  const group = (await world.store.groups.findByChannel(
    { platform: 'discord', workspaceId: GUILD_ID },
    GROUP_CHANNEL_ID,
  ))!;
  const member = (await world.store.members.find(group.id, MASON.id))!;
  const now = world.clock.now().getTime();
  const due = (await world.store.followUps.listByMember(member.id, ['pending', 'snoozed'])).filter(
    (f) => f.dueAt.getTime() <= now,
  );
  expect(due.length).toBeGreaterThan(5);

  const first = await world.interact(command('followups'));
  expect(first.data.flags).toBe(64);
  expect(rows(first).length).toBeLessThanOrEqual(5);
  const keycaps = ['1️⃣', '2️⃣', '3️⃣', '4️⃣'];
  expect(
    rows(first)
      .slice(0, 4)
      .map((r) => r.components.map((b) => `${(b as { emoji?: { name: string } }).emoji?.name} ${b.label}`)),
  ).toEqual(keycaps.map((k) => [`${k} Done`, `${k} Snooze 2d`, `${k} Skip`]));
  for (const k of keycaps) expect(textOf(first)).toMatch(new RegExp(`^${k} \\*\\*.*\\(due `, 'm'));
  const more = rows(first)[4]?.components.find((b) => b.custom_id.startsWith('fu:page:'));
  expect(more?.label).toMatch(/More/);

  const pages = [first];
  for (let next = more; next;) {
    const page = await world.interact(buttonClick(next.custom_id, { ephemeral: true }));
    expect(page.type).toBe(7); // the private list is edited in place
    expect(rows(page).length).toBeLessThanOrEqual(5);
    pages.push(page);
    next = rows(page)
      .flatMap((r) => r.components)
      .find((b) => b.custom_id.startsWith('fu:page:') && /More/.test(b.label));
  }
  const shown = pages.flatMap(stepIds);
  expect(new Set(shown)).toEqual(new Set(due.map((f) => f.id)));
  expect(shown).toHaveLength(due.length);
});

it('a press on the list edits it with that step’s outcome and leaves the other steps their buttons', async () => {
  const list = await world.interact(command('followups'));
  const done = rows(list)[0]?.components[0]?.custom_id ?? '';
  const after = await world.interact(buttonClick(done, { ephemeral: true }));
  expect(after.type).toBe(7);
  expect(textOf(after)).toMatch(/^✓ Done: /);
  const left = stepIds(after);
  expect(left).not.toContain(Number(done.split(':')[2]));
  expect(left.length).toBe(4);
  const again = await world.interact(buttonClick(rows(after)[0]?.components[2]?.custom_id ?? '', { ephemeral: true }));
  expect(textOf(again)).toMatch(/^↷ Skipped: /);
});
