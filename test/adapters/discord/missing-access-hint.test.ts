import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/core/errors.ts';
import { textMessage } from '../../../src/core/messages.ts';
import { GROUP_CHANNEL_ID, GUILD_ID } from '../../fakes/discord-packets.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const group = { workspace: { platform: 'discord', workspaceId: GUILD_ID }, channelId: GROUP_CHANNEL_ID } as const;

describe('a Discord channel the bot may not post in', () => {
  it.each([
    [50001, 'Missing Access'],
    [50013, 'Missing Permissions'],
  ])('fails with %s permanently, saying which channel permissions to give', async (code, message) => {
    h = await startHarness();
    h.rest.failNext('POST', /\/messages$/, { status: 403, body: { message, code } });
    const error = await h.adapter.chat.postToChannel(group, textMessage('Rebound is here')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).kind).toBe('permanent');
    expect((error as DeliveryError).remedy).toMatch(/Permissions.*View Channel.*Send Messages/);
  });
});
