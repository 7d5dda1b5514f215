/**
 * Rebound's commands as Discord application commands with typed options, and the mapping of a
 * used command's options back to the core's `args` (the command's fields in order, as Slack's
 * `|`-separated text gives them).
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
import { COMMAND_NAMES, type CommandName } from '../../src/core/events.ts';
import { REJECTION_STAGES } from '../../src/core/types.ts';

const S = ApplicationCommandOptionType.String;
const I = ApplicationCommandOptionType.Integer;
const B = ApplicationCommandOptionType.Boolean;

const company = { type: S, name: 'company', description: 'The company', min_length: 1, max_length: 100 } as const;
const role = { type: S, name: 'role', description: 'The role', min_length: 1, max_length: 100 } as const;
const timezone = {
  type: S,
  name: 'timezone',
  description: 'An IANA timezone, e.g. Europe/Berlin',
  autocomplete: true,
} as const;

const STAGE_LABELS: Readonly<Record<(typeof REJECTION_STAGES)[number], string>> = {
  applied: 'After applying',
  screen: 'Screening call',
  interview: 'Interview',
  final: 'Final round',
  offer: 'Offer stage',
};

function sub(
  name: string,
  description: string,
  options: APIApplicationCommandBasicOption[] = [],
): APIApplicationCommandSubcommandOption {
  return { type: ApplicationCommandOptionType.Subcommand, name, description, options };
}

function command(
  name: CommandName,
  description: string,
  options: RESTPostAPIChatInputApplicationCommandsJSONBody['options'] = [],
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name,
    description,
    options,
    // Rebound lives in guild channels: every row is keyed by guild.
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}

/**
 * Every command. `/rebound setup` and `/rebound config` need Manage Channels, but Discord sets
 * default member permissions per command, not per subcommand, and `/rebound join` must stay open
 * to everyone: so each interaction carries the member's Manage Channels (as Discord computed it
 * for that channel) to the core as `canManageChannel`, and the core refuses when it is false.
 */
export const COMMAND_DEFINITIONS: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[] = [
  command('applied', 'Log an application; the group sees it (per your visibility)', [
    { ...company, required: true },
    { ...role, required: true },
    { type: S, name: 'link', description: 'Link to the posting', max_length: 500 },
  ]),
  command('rejected', 'Log a rejection and get a plan of next steps (no options opens a form)', [
    company,
    role,
    {
      type: S,
      name: 'stage',
      description: 'How far you got',
      choices: REJECTION_STAGES.map((value) => ({ name: STAGE_LABELS[value], value })),
    },
    { type: S, name: 'note', description: 'Anything to remember', max_length: 1000 },
  ]),
  command('update', 'Log a progress update', [
    { type: S, name: 'text', description: 'What happened', required: true, min_length: 1, max_length: 2000 },
  ]),
  command('feedback', 'Record feedback a company gave you', [
    { ...company, required: true },
    { type: S, name: 'text', description: 'What they said', required: true, min_length: 1, max_length: 1000 },
  ]),
  command('followups', 'List your pending follow-ups'),
  command('checkin', 'Open the check-in form'),
  command('goal', 'Set your weekly goals', [
    {
      type: I,
      name: 'applications',
      description: 'Applications per week',
      required: true,
      min_value: 0,
      max_value: 100,
    },
    { type: I, name: 'networking', description: 'Networking actions per week', min_value: 0, max_value: 100 },
  ]),
  command('stats', 'Your week and totals', [{ type: B, name: 'group', description: "Show the group's stats instead" }]),
  command('rebound', 'Rebound settings', [
    sub('setup', 'Make this channel a group (needs Manage Channels)', [
      { type: S, name: 'time', description: 'Check-in time, HH:MM (default 09:00)', max_length: 5 },
      timezone,
      { type: S, name: 'days', description: 'Check-in days, e.g. mon-fri', max_length: 40 },
    ]),
    sub('config', "Change the group's rules (needs Manage Channels)", [
      {
        type: S,
        name: 'settings',
        description: 'e.g. connect off, engage 21 or checkin 09:30; empty shows the settings',
        max_length: 200,
      },
    ]),
    sub('join', 'Join the group in this channel'),
    sub('leave', 'Leave the group in this channel'),
    sub('pause', 'Pause nudges', [
      { type: I, name: 'days', description: 'For how many days', min_value: 1, max_value: 365 },
    ]),
    sub('resume', 'Resume nudges'),
    sub('timezone', 'Set your timezone', [{ ...timezone, required: true }]),
    sub('quiet', 'Set quiet hours', [
      { type: S, name: 'hours', description: 'HH-HH, e.g. 21-08', required: true, max_length: 11 },
    ]),
    sub('visibility', 'What the group sees of your entries', [
      {
        type: S,
        name: 'level',
        description: 'shared, counts or private',
        required: true,
        choices: (['shared', 'counts', 'private'] as const).map((value) => ({ name: value, value })),
      },
    ]),
    sub('export', 'Send me my data as a file'),
    sub('forget-me', 'Delete my data (asks first)'),
    sub('help', 'How Rebound works'),
  ]),
];

/** Option names in the order of the core's args, per command (and per `/rebound` subcommand). */
const ARG_ORDER: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  COMMAND_DEFINITIONS.flatMap((def) => {
    const options = def.options ?? [];
    const subs = options.filter(
      (o): o is APIApplicationCommandSubcommandOption => o.type === ApplicationCommandOptionType.Subcommand,
    );
    if (subs.length > 0)
      return subs.map((s) => [`${def.name} ${s.name}`, (s.options ?? []).map((o) => o.name)] as const);
    return [[def.name, options.map((o) => o.name)] as const];
  }),
);

export function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

export type OptionValue = string | number | boolean;

/**
 * The core's args from the options the person filled in: fields in order, `''` for a skipped
 * field before a filled one, trailing empty fields left out. `/stats group:true` is `['group']`.
 */
export function argsFromOptions(
  commandName: string,
  subcommand: string | null,
  values: ReadonlyMap<string, OptionValue>,
): string[] {
  const order = ARG_ORDER[subcommand ? `${commandName} ${subcommand}` : commandName] ?? [];
  const fields = order.map((name) => {
    const value = values.get(name);
    if (value === undefined) return '';
    if (commandName === 'stats' && name === 'group') return value === true ? 'group' : '';
    if (commandName === 'rebound' && subcommand === 'config' && name === 'settings') return String(value).trim();
    return String(value);
  });
  while (fields.length > 0 && fields[fields.length - 1] === '') fields.pop();
  if (commandName === 'rebound' && subcommand === 'config') {
    // Free-form settings become words, as on Slack.
    return ['config', ...fields.flatMap((f) => f.split(/\s+/).filter((w) => w !== ''))];
  }
  return subcommand ? [subcommand, ...fields] : fields;
}

/** The filled-in options of a used command, by name. */
export function optionValues(interaction: ChatInputCommandInteraction): Map<string, OptionValue> {
  const values = new Map<string, OptionValue>();
  const top = interaction.options.data;
  const leaves =
    top.length === 1 && top[0]?.type === ApplicationCommandOptionType.Subcommand ? (top[0].options ?? []) : top;
  for (const option of leaves) {
    const value = option.value;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      values.set(option.name, value);
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
