/**
 * Every command Rebound understands, declared once: its name, what it does, where and by whom it
 * may run, and its fields. Text parsing (Slack, the console), Discord's registration and option
 * reading, the forms, `/rebound help` and the README's command table are all derived from here.
 * The declarations themselves are in entry-commands.ts and rebound-commands.ts.
 */
import type { InputOf } from './fields.ts';
import { declare, LIMITS, type CommandDeclaration } from './declaration.ts';
import { ENTRY_COMMANDS } from './entry-commands.ts';
import { REBOUND_COMMANDS } from './rebound-commands.ts';

export { LIMITS, type CommandDeclaration } from './declaration.ts';
export { SCHEDULE_SETTINGS } from './rebound-commands.ts';

export const COMMANDS = { ...ENTRY_COMMANDS, ...REBOUND_COMMANDS } as const;

export type CommandId = keyof typeof COMMANDS;
export type InputFor<Id extends CommandId> = InputOf<(typeof COMMANDS)[Id]['fields']>;

/** The slash commands a platform registers: `applied`, …, `rebound`. */
export const SLASH_COMMANDS = [...new Set(Object.keys(COMMANDS).map((id) => id.split(' ')[0] ?? id))];

export function commandById(id: string): CommandDeclaration | undefined {
  return Object.hasOwn(COMMANDS, id) ? COMMANDS[id as CommandId] : undefined;
}

export const ALL_COMMANDS: readonly CommandDeclaration[] = Object.values(COMMANDS);

/** The check-in form: not a command of its own (`/checkin` and the day's button open it). */
export const CHECK_IN_FORM = declare({
  id: 'checkin',
  summary: 'a day of your search, in numbers and a note',
  where: 'group-or-dm',
  who: 'member',
  logs: true,
  example: '/checkin',
  form: { title: 'Check in', submitLabel: 'Check in' },
  fields: [
    {
      id: 'applications',
      kind: 'integer',
      label: 'Applications sent',
      required: false,
      min: 0,
      max: 1000,
      example: '0',
    },
    {
      id: 'networking',
      kind: 'integer',
      label: 'Networking actions',
      required: false,
      min: 0,
      max: 1000,
      example: '0',
    },
    { id: 'followups', kind: 'integer', label: 'Follow-ups done', required: false, min: 0, max: 1000, example: '0' },
    {
      id: 'note',
      kind: 'text',
      label: 'A note',
      noun: 'note',
      required: false,
      maxLength: LIMITS.note,
      long: true,
      example: 'a good call with Globex',
    },
  ],
});
export type CheckInInput = InputOf<(typeof CHECK_IN_FORM)['fields']>;
