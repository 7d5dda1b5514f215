/**
 * Rebound's commands as Discord application commands, derived from the core's declarations: each
 * field becomes a typed option of the same name, and a used command's options are read back by
 * name. `/rebound` words become subcommands (`/rebound config admin` → `/rebound config-admin`).
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { ALL_COMMANDS, SLASH_COMMANDS, type CommandDeclaration } from '../../src/core/commands/declarations.ts';
import type { Field, RawValue } from '../../src/core/commands/fields.ts';

const DESCRIPTION_MAX = 100;

function short(text: string): string {
  return text.length <= DESCRIPTION_MAX ? text : `${text.slice(0, DESCRIPTION_MAX - 1)}…`;
}

/** A field as a Discord option: the kind decides the option type, the declaration its limits. */
function optionOf(field: Field): APIApplicationCommandBasicOption {
  const base = { name: field.id, description: short(field.label), required: field.required };
  switch (field.kind) {
    case 'integer':
      return { ...base, type: ApplicationCommandOptionType.Integer, min_value: field.min, max_value: field.max };
    case 'choice':
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        choices: field.choices.map((c) => ({ name: c.label, value: c.value })),
      };
    case 'user':
      return { ...base, type: ApplicationCommandOptionType.User };
    case 'timezone':
      return { ...base, type: ApplicationCommandOptionType.String, autocomplete: true, max_length: 64 };
    case 'text':
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        ...(field.suggest && { autocomplete: true }),
        ...(field.required && { min_length: 1 }),
        max_length: field.maxLength,
      };
    case 'url':
      return { ...base, type: ApplicationCommandOptionType.String, max_length: field.maxLength };
    case 'time-of-day':
      return { ...base, type: ApplicationCommandOptionType.String, max_length: 5 };
    case 'weekdays':
      return { ...base, type: ApplicationCommandOptionType.String, max_length: 40 };
    case 'date':
      return { ...base, type: ApplicationCommandOptionType.String, max_length: 10 };
    case 'when':
      return { ...base, type: ApplicationCommandOptionType.String, max_length: 40 };
  }
}

/** Required options first: Discord refuses an optional option before a required one. */
export function optionsOf(command: CommandDeclaration): APIApplicationCommandBasicOption[] {
  const options = command.fields.map(optionOf);
  return [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];
}

/** The Discord subcommand name of a `/rebound` command: its words after `rebound`, joined by `-`. */
export function subcommandName(command: CommandDeclaration): string {
  return command.id.split(' ').slice(1).join('-');
}

const REBOUND_SUMMARY = 'Rebound: your group, your settings and your data';

/**
 * Every command. `/rebound setup` and `/rebound config` need an admin, but Discord sets default
 * member permissions per command, not per subcommand, and `/rebound join` must stay open to
 * everyone: so each interaction carries the member's Manage Channels (as Discord computed it for
 * that channel) to the core as `canManageChannel`, and the core decides.
 */
export const COMMAND_DEFINITIONS: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[] = SLASH_COMMANDS.map(
  (slash) => {
    const declared = ALL_COMMANDS.filter((c) => c.id.split(' ')[0] === slash);
    const single = declared.length === 1 && declared[0]?.id === slash ? declared[0] : undefined;
    const options = single
      ? optionsOf(single)
      : declared.map((c): APIApplicationCommandSubcommandOption => ({
          type: ApplicationCommandOptionType.Subcommand,
          name: subcommandName(c),
          description: short(c.summary),
          options: optionsOf(c),
        }));
    return {
      type: ApplicationCommandType.ChatInput,
      name: slash,
      description: short(single?.summary ?? REBOUND_SUMMARY),
      options,
      // Rebound lives in guild channels: every row is keyed by guild.
      contexts: [InteractionContextType.Guild],
      integration_types: [ApplicationIntegrationType.GuildInstall],
    };
  },
);

/** The declared command a used Discord command is, or null when it is not one of ours. */
export function commandOf(commandName: string, subcommand: string | null): CommandDeclaration | null {
  return (
    ALL_COMMANDS.find((c) =>
      subcommand === null
        ? c.id === commandName
        : c.id.split(' ')[0] === commandName && subcommandName(c) === subcommand,
    ) ?? null
  );
}

/** The options the person filled in, by name; a user option is a mention of that user. */
export function valuesOf(
  command: CommandDeclaration,
  interaction: ChatInputCommandInteraction,
): Record<string, RawValue> {
  const top = interaction.options.data;
  const leaves =
    top.length === 1 && top[0]?.type === ApplicationCommandOptionType.Subcommand ? (top[0].options ?? []) : top;
  const values: Record<string, RawValue> = {};
  for (const option of leaves) {
    const field = command.fields.find((f) => f.id === option.name);
    if (!field) continue;
    if (field.kind === 'user' && typeof option.value === 'string')
      values[field.id] = { kind: 'user', userId: option.value };
    else if (typeof option.value === 'string' || typeof option.value === 'number') values[field.id] = option.value;
  }
  return values;
}

/** Timezones matching what the person typed: prefix matches first, at most 25 (Discord's limit). */
export function timezoneChoices(typed: string): { name: string; value: string }[] {
  const all = ['UTC', ...Intl.supportedValuesOf('timeZone')];
  const needle = typed.trim().toLowerCase().replace(/\s+/g, '_');
  const prefix = all.filter(
    (z) =>
      z.toLowerCase().startsWith(needle) ||
      z
        .toLowerCase()
        .split('/')
        .some((part) => part.startsWith(needle)),
  );
  const rest = all.filter((z) => !prefix.includes(z) && z.toLowerCase().includes(needle));
  return [...prefix, ...rest].slice(0, 25).map((z) => ({ name: z, value: z }));
}
