import { afterEach, describe, expect, it } from 'vitest';
import { REST, type APIApplicationCommand, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { COMMAND_DEFINITIONS } from '../../../adapters/discord/commands.ts';
import { hashCommands, registerCommands, registerCommandsIfChanged } from '../../../adapters/discord/registration.ts';
import { APP_ID, GUILD_ID } from '../../fakes/discord-packets.ts';
import { FakeDiscordRest } from '../../fakes/discord-rest.ts';
import { RecordingLogger } from '../../fakes/recording-logger.ts';

let fake: FakeDiscordRest | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What Discord answers for a registered command: ours plus ids, versions and spelled-out defaults. */
function asDiscordReturnsIt(
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody,
  index: number,
): APIApplicationCommand {
  const withDefaults = (option: Json): Json => {
    if (typeof option !== 'object' || option === null || Array.isArray(option)) return option;
    const { required, options, choices, ...rest } = option;
    return {
      ...rest,
      name_localizations: null,
      description_localizations: null,
      // Discord leaves out `required` when it is false.
      ...(required === true && { required: true }),
      ...(Array.isArray(options) && { options: options.map(withDefaults) }),
      ...(Array.isArray(choices) && {
        choices: choices.map((c) => ({ ...(c as { [key: string]: Json }), name_localizations: null })),
      }),
    };
  };
  const json = JSON.parse(JSON.stringify(definition)) as { [key: string]: Json };
  return {
    ...json,
    id: String(1_200_000_000_000_000_000n + BigInt(index)),
    application_id: APP_ID,
    version: '1300000000000000000',
    type: 1,
    default_member_permissions: null,
    dm_permission: true,
    nsfw: false,
    name_localizations: null,
    description_localizations: null,
    options: Array.isArray(json['options']) ? json['options'].map(withDefaults) : [],
  } as unknown as APIApplicationCommand;
}

describe('command registration', () => {
  it("sees no change between our definitions and Discord's answer for them", () => {
    const registered = COMMAND_DEFINITIONS.map(asDiscordReturnsIt).reverse();
    expect(hashCommands(registered)).toBe(hashCommands(COMMAND_DEFINITIONS));
  });

  it('sees a change in a description, a choice or a new option', () => {
    const registered = COMMAND_DEFINITIONS.map(asDiscordReturnsIt);
    const base = hashCommands(COMMAND_DEFINITIONS);
    const [first, ...rest] = registered;
    expect(hashCommands([{ ...first!, description: 'something else' }, ...rest])).not.toBe(base);
    const dropped = COMMAND_DEFINITIONS.map((d) =>
      d.name === 'rejected' ? { ...d, options: d.options?.slice(0, 2) } : d,
    );
    expect(hashCommands(dropped)).not.toBe(base);
    expect(hashCommands(registered.slice(1))).not.toBe(base);
  });

  it('registers on the dev guild when one is given, and globally otherwise', async () => {
    fake = await FakeDiscordRest.start();
    const rest = new REST({ api: fake.apiUrl, retries: 0 }).setToken('fake-token');
    await registerCommands(rest, { applicationId: APP_ID, guildId: GUILD_ID });
    await registerCommands(rest, { applicationId: APP_ID });
    expect(fake.callsTo('PUT', /commands$/).map((c) => c.path)).toEqual([
      `/applications/${APP_ID}/guilds/${GUILD_ID}/commands`,
      `/applications/${APP_ID}/commands`,
    ]);
    expect(fake.calls[0]?.authorization).toBe('Bot fake-token');
  });

  it('at start-up, registers only when what Discord has differs', async () => {
    fake = await FakeDiscordRest.start();
    const rest = new REST({ api: fake.apiUrl, retries: 0 }).setToken('fake-token');
    const target = { applicationId: APP_ID, guildId: GUILD_ID };
    const logger = new RecordingLogger();
    expect(await registerCommandsIfChanged(rest, target, logger)).toBe(true);
    expect(await registerCommandsIfChanged(rest, target, logger)).toBe(false);
    const changed = COMMAND_DEFINITIONS.map((d) =>
      d.name === 'update' ? { ...d, description: 'Log what happened' } : d,
    );
    expect(await registerCommandsIfChanged(rest, target, logger, changed)).toBe(true);
    expect(fake.callsTo('PUT', /commands$/)).toHaveLength(2);
  });
});
