/**
 * `npm run discord:register`: registers Rebound's commands on DISCORD_DEV_GUILD_ID (instant) or,
 * without it, globally. Overwrites whatever is registered, so it also removes stale commands.
 */
import { REST } from 'discord.js';
import { COMMAND_DEFINITIONS } from './commands.ts';
import { inviteUrl } from './invite.ts';
import { registerCommands } from './registration.ts';

function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) {
    console.error(`${name} is not set: it is needed to register Discord commands (see docs/discord.md).`);
    process.exit(1);
  }
  return value;
}

function optionalSnowflake(name: string): string | undefined {
  const value = process.env[name]?.trim();
  if (!value) return undefined;
  if (!/^\d{17,20}$/.test(value)) {
    console.error(`${name} must be a Discord id (17 to 20 digits).`);
    process.exit(1);
  }
  return value;
}

const token = required('DISCORD_TOKEN');
const applicationId = required('DISCORD_APPLICATION_ID');
const guildId = optionalSnowflake('DISCORD_DEV_GUILD_ID');
const apiUrl = process.env.DISCORD_API_URL?.trim();

const rest = new REST({ ...(apiUrl && { api: apiUrl }) }).setToken(token);
try {
  await registerCommands(rest, { applicationId, ...(guildId && { guildId }) });
  console.log(
    guildId
      ? `Registered ${COMMAND_DEFINITIONS.length} commands on guild ${guildId}; they are usable now.`
      : `Registered ${COMMAND_DEFINITIONS.length} commands globally; Discord may take up to an hour to show them everywhere.`,
  );
  console.log(`Invite link: ${inviteUrl(applicationId)}`);
} catch (error) {
  console.error(`Could not register the commands: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
