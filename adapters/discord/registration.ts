/**
 * Registering the commands: on one dev guild (instant) or globally (Discord propagates it).
 * Start-up compares a hash of our definitions with a hash of what Discord has, and overwrites only
 * when they differ, so a restart does not spend the registration rate limit.
 */
import { createHash } from 'node:crypto';
import {
  Routes,
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Logger } from '../../src/core/ports/index.ts';
import { COMMAND_DEFINITIONS } from './commands.ts';

export interface RegistrationTarget {
  readonly applicationId: string;
  /** Register on this guild only; global when absent. */
  readonly guildId?: string;
}

type Definition = RESTPostAPIChatInputApplicationCommandsJSONBody;
type Comparable = Definition | APIApplicationCommand;
type ComparableOption = APIApplicationCommandOption;

function commandsRoute(target: RegistrationTarget): `/${string}` {
  return target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
}

/**
 * The fields we set, in one canonical form: Discord's answer adds ids, versions and defaults
 * (`required: false`, `nsfw: false`, null localizations) that must not count as a difference.
 */
function canonicalCommand(command: Comparable): unknown {
  return {
    name: command.name,
    type: command.type ?? 1,
    description: 'description' in command ? command.description : '',
    default_member_permissions: command.default_member_permissions ?? null,
    contexts: command.contexts ? [...command.contexts].sort() : null,
    integration_types: command.integration_types ? [...command.integration_types].sort() : null,
    options: (command.options ?? []).map(canonicalOption),
  };
}

function canonicalOption(option: ComparableOption): unknown {
  return {
    type: option.type,
    name: option.name,
    description: option.description,
    required: 'required' in option ? option.required === true : false,
    choices: 'choices' in option && option.choices ? option.choices.map((c) => ({ name: c.name, value: c.value })) : [],
    autocomplete: 'autocomplete' in option ? option.autocomplete === true : false,
    min_value: 'min_value' in option ? (option.min_value ?? null) : null,
    max_value: 'max_value' in option ? (option.max_value ?? null) : null,
    min_length: 'min_length' in option ? (option.min_length ?? null) : null,
    max_length: 'max_length' in option ? (option.max_length ?? null) : null,
    options: 'options' in option && option.options ? option.options.map(canonicalOption) : [],
  };
}

export function hashCommands(commands: readonly Comparable[]): string {
  const canonical = [...commands].sort((a, b) => a.name.localeCompare(b.name)).map(canonicalCommand);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** Overwrites the registered commands with ours. */
export async function registerCommands(
  rest: REST,
  target: RegistrationTarget,
  definitions: readonly Definition[] = COMMAND_DEFINITIONS,
): Promise<void> {
  await rest.put(commandsRoute(target), { body: definitions });
}

/** Registers only when Discord's commands differ from ours; says whether it registered. */
export async function registerCommandsIfChanged(
  rest: REST,
  target: RegistrationTarget,
  logger: Logger,
  definitions: readonly Definition[] = COMMAND_DEFINITIONS,
): Promise<boolean> {
  const registered = (await rest.get(commandsRoute(target))) as APIApplicationCommand[];
  const ours = hashCommands(definitions);
  if (hashCommands(registered) === ours) {
    logger.info(
      { scope: target.guildId ? 'guild' : 'global', hash: ours.slice(0, 12) },
      'discord commands are up to date',
    );
    return false;
  }
  await registerCommands(rest, target, definitions);
  logger.info(
    { scope: target.guildId ? 'guild' : 'global', hash: ours.slice(0, 12), count: definitions.length },
    'discord commands registered',
  );
  return true;
}
