import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord.js';
import { BOT_PERMISSIONS, inviteUrl } from '../../../adapters/discord/invite.ts';
import { APP_ID, GUILD_ID } from '../../fakes/discord-packets.ts';
import { FakeDiscordRest } from '../../fakes/discord-rest.ts';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../../adapters/discord/register-cli.ts', import.meta.url));

let fake: FakeDiscordRest | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function registerWith(env: Record<string, string>) {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('DISCORD_')));
  return run(process.execPath, ['--import', 'tsx', cli], { env: { ...base, ...env } });
}

it('registers the commands on the dev guild and prints the invite link', async () => {
  fake = await FakeDiscordRest.start();
  const { stdout } = await registerWith({
    DISCORD_TOKEN: 'fake-token',
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_DEV_GUILD_ID: GUILD_ID,
    DISCORD_API_URL: fake.apiUrl,
  });
  expect(fake.callsTo('PUT', /commands$/).map((c) => c.path)).toEqual([
    `/applications/${APP_ID}/guilds/${GUILD_ID}/commands`,
  ]);
  expect(stdout).toContain(`on guild ${GUILD_ID}`);
  expect(stdout).toContain(inviteUrl(APP_ID));
});

it('stops with one line naming a missing setting', async () => {
  const failure = await registerWith({ DISCORD_APPLICATION_ID: APP_ID }).then(
    () => null,
    (error: { code: number; stderr: string }) => error,
  );
  expect(failure?.code).toBe(1);
  expect(failure?.stderr.trim()).toBe(
    'DISCORD_TOKEN is not set: it is needed to register Discord commands (see docs/discord.md).',
  );
});

it('asks for exactly the permissions the bot uses, and never Administrator, Manage Messages or Mention Everyone', () => {
  expect(BOT_PERMISSIONS).toBe(309237763136n);
  for (const refused of [
    PermissionFlagsBits.Administrator,
    PermissionFlagsBits.ManageMessages,
    PermissionFlagsBits.MentionEveryone,
  ]) {
    expect(BOT_PERMISSIONS & refused).toBe(0n);
  }
  expect(inviteUrl(APP_ID)).toBe(
    `https://discord.com/oauth2/authorize?client_id=${APP_ID}&scope=bot+applications.commands&permissions=309237763136`,
  );
});
