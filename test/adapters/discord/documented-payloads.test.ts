/**
 * The interaction examples of Discord's documentation reach the core (or are answered) as they
 * should. Some examples predate fields that Discord now sends with every interaction and that
 * discord.js reads: `entitlements`, `authorizing_integration_owners` and the partial `channel`
 * (which replaced `channel_id`). Those are added where missing, from the example's own ids.
 * Everything else is as published.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, expect, it } from 'vitest';
import type { DispatchPacket } from '../../fakes/discord-packets.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function documented(name: string): Promise<DispatchPacket & { d: { id: string; token: string } }> {
  const published = JSON.parse(await readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as {
    id: string;
    token: string;
    guild_id: string;
    channel_id: string;
    channel?: unknown;
  };
  const added = {
    entitlements: [],
    authorizing_integration_owners: { '0': published.guild_id },
    channel: published.channel ?? { id: published.channel_id, type: 0, guild_id: published.guild_id },
  };
  return { op: 0, t: 'INTERACTION_CREATE', s: 100, d: { ...published, ...added } };
}

it('the documented button click reaches the core with its custom id, message and member', async () => {
  h = await startHarness();
  const packet = await documented('message-component-button.json');
  h.feed(packet);
  await h.rest.waitFor((c) => c.path === `/interactions/${packet.d.id}/${packet.d.token}/callback`);
  expect(h.handler.last()).toEqual({
    kind: 'button',
    actionId: 'click_one',
    messageId: '844397162624450620',
    source: {
      platform: 'discord',
      workspaceId: '290926798626357999',
      channelId: '345626669114982999',
      actor: { userId: '53908232506183680', displayName: 'Mason', isBot: false },
      canManageChannel: true,
    },
  });
});

it('the documented modal submission (older layout) reaches the core as a form submission', async () => {
  h = await startHarness();
  const packet = await documented('modal-submit.json');
  h.feed(packet);
  const callback = await h.rest.waitFor((c) => c.path === `/interactions/${packet.d.id}/${packet.d.token}/callback`);
  expect(h.handler.last()).toMatchObject({
    kind: 'form-submit',
    formId: 'cool_modal',
    fields: { name: 'John' },
    source: {
      workspaceId: '772904309264089089',
      channelId: '772908445358620702',
      actor: { userId: '53908232506183680', displayName: 'Mason' },
    },
  });
  expect(callback.body).toMatchObject({ type: 4, data: { flags: 64 } });
});

it('the documented slash command of another bot is answered privately as unknown', async () => {
  h = await startHarness();
  const packet = await documented('application-command.json');
  h.feed(packet);
  const callback = await h.rest.waitFor((c) => c.path === `/interactions/${packet.d.id}/${packet.d.token}/callback`);
  expect(callback.body).toMatchObject({ type: 4, data: { flags: 64, content: 'Unknown command /cardsearch.' } });
  expect(h.handler.events).toHaveLength(0);
});
