/**
 * Every command Rebound understands, declared once: its name, what it does, where and by whom it
 * may run, and its fields. Text parsing (Slack, the console), Discord's registration and option
 * reading, the forms, `/rebound help` and the README's command table are all derived from here.
 */
import { DEFAULT_RULES } from '../rules.ts';
import { REJECTION_STAGES } from '../types.ts';
import type { Field, InputOf } from './fields.ts';

export const LIMITS = { company: 100, role: 100, note: 1000, update: 2000, link: 500 } as const;

export interface CommandDeclaration {
  /** `applied`, or a `/rebound` subcommand as words: `rebound setup`, `rebound config admin`. */
  readonly id: string;
  /** One line for help, Discord's description and the README. */
  readonly summary: string;
  /** `group`: in a group's channel; `group-or-dm`: there or in a DM (your only group); `channel`: any channel. */
  readonly where: 'group' | 'group-or-dm' | 'channel';
  /**
   * `member`: anyone; `admin`: the group's admins; `admin-to-change`: anyone may look (no fields
   * given), changing needs an admin.
   */
  readonly who: 'member' | 'admin' | 'admin-to-change';
  /**
   * A logging command (it records something about the caller's search): run in a group's channel
   * by someone who never joined, it makes them a member and its reply says so; someone who left is
   * asked to /rebound join again and nothing is stored. Every other command only reads or changes
   * settings, and never makes anyone a member.
   */
  readonly logs?: true;
  readonly fields: readonly Field[];
  /** A complete example, shown with every error. */
  readonly example: string;
  /** With no fields given at all, the command opens this form instead. */
  readonly form?: { readonly title: string; readonly submitLabel: string };
  /** `|`-separated parts may name their field (`/goal networking 2`). */
  readonly named?: boolean;
  /** The last text field takes whatever follows, `|` included (`/update a | b`). */
  readonly rest?: boolean;
}

function declare<const C extends CommandDeclaration>(command: C): C {
  return command;
}

const company = { id: 'company', kind: 'text', label: 'Company', maxLength: LIMITS.company, example: 'Acme' } as const;
const role = { id: 'role', kind: 'text', label: 'Role', maxLength: LIMITS.role, example: 'Backend Engineer' } as const;

const STAGE_LABELS: Readonly<Record<(typeof REJECTION_STAGES)[number], string>> = {
  applied: 'After applying',
  screen: 'Screening call',
  interview: 'Interview',
  final: 'Final round',
  offer: 'Offer stage',
};
const STAGE_ALIASES: Readonly<Record<(typeof REJECTION_STAGES)[number], readonly string[]>> = {
  applied: ['application'],
  screen: ['screening', 'phone screen'],
  interview: ['interviewing', 'onsite'],
  final: ['final round'],
  offer: [],
};

/** The settings `/rebound config` changes: the schedule, and each rule by its id. */
export const SCHEDULE_SETTINGS = ['checkin', 'reminder', 'days', 'timezone'] as const;

export const COMMANDS = {
  applied: declare({
    id: 'applied',
    summary: 'logs an application; posts to the group (per your visibility)',
    where: 'group',
    who: 'member',
    logs: true,
    example: '/applied Acme | Backend Engineer | https://acme.example/jobs/42',
    fields: [
      { ...company, required: true },
      { ...role, required: true },
      {
        id: 'link',
        kind: 'url',
        label: 'Link to the posting',
        required: false,
        maxLength: LIMITS.link,
        example: 'https://acme.example/jobs/42',
      },
    ],
  }),
  rejected: declare({
    id: 'rejected',
    summary: 'logs a rejection, answers with encouragement and the plan; with no text opens a form',
    where: 'group',
    who: 'member',
    logs: true,
    example: '/rejected Acme | Backend Engineer | interview | they chose an internal candidate',
    form: { title: 'Log a rejection', submitLabel: 'Log it' },
    fields: [
      { ...company, required: true },
      { ...role, required: false },
      {
        id: 'stage',
        kind: 'choice',
        label: 'Stage reached',
        noun: 'stage',
        required: false,
        example: 'interview',
        choices: REJECTION_STAGES.map((value) => ({
          value,
          label: STAGE_LABELS[value],
          aliases: STAGE_ALIASES[value],
        })),
      },
      {
        id: 'note',
        kind: 'text',
        label: 'Note (only you see it)',
        required: false,
        maxLength: LIMITS.note,
        long: true,
        private: true,
        example: 'they chose an internal candidate',
      },
    ],
  }),
  update: declare({
    id: 'update',
    summary: 'logs a progress update',
    where: 'group',
    who: 'member',
    logs: true,
    rest: true,
    example: '/update Finished the take-home for Globex and booked a coffee chat',
    fields: [
      {
        id: 'text',
        kind: 'text',
        label: 'What happened',
        noun: 'update',
        required: true,
        maxLength: LIMITS.update,
        long: true,
        example: 'Finished the take-home for Globex',
      },
    ],
  }),
  feedback: declare({
    id: 'feedback',
    summary: 'keeps what you learned; ends the feedback steps for that application',
    where: 'group-or-dm',
    who: 'member',
    logs: true,
    rest: true,
    example: '/feedback Acme | wanted more depth on system design',
    fields: [
      { ...company, required: true },
      {
        id: 'text',
        kind: 'text',
        label: 'What they said',
        noun: 'feedback note',
        usage: 'what they said',
        required: true,
        maxLength: LIMITS.note,
        long: true,
        example: 'wanted more depth on system design',
      },
    ],
  }),
  followups: declare({
    id: 'followups',
    summary: 'what is due, with Done / Snooze 2d / Skip, then the next five steps to come',
    where: 'group-or-dm',
    who: 'member',
    example: '/followups',
    fields: [],
  }),
  checkin: declare({
    id: 'checkin',
    summary: "today's check-in form",
    where: 'group-or-dm',
    who: 'member',
    logs: true,
    example: '/checkin',
    fields: [],
  }),
  goal: declare({
    id: 'goal',
    summary: 'weekly goals (no numbers shows them)',
    where: 'group-or-dm',
    who: 'member',
    named: true,
    example: '/goal applications 5 | networking 2',
    fields: [
      {
        id: 'applications',
        kind: 'integer',
        label: 'Applications per week',
        required: false,
        min: 0,
        max: 100,
        example: '5',
      },
      {
        id: 'networking',
        kind: 'integer',
        label: 'Networking actions per week',
        required: false,
        min: 0,
        max: 100,
        example: '2',
      },
    ],
  }),
  stats: declare({
    id: 'stats',
    summary: "your week, or the group's (respecting visibility)",
    where: 'group-or-dm',
    who: 'member',
    example: '/stats group',
    fields: [
      {
        id: 'scope',
        kind: 'choice',
        label: "Whose week: yours, or the group's",
        required: false,
        example: 'group',
        choices: [{ value: 'group', label: "The group's week" }],
      },
    ],
  }),
  'rebound setup': declare({
    id: 'rebound setup',
    summary: 'makes this channel a group (the first to set it up becomes its admin)',
    where: 'channel',
    who: 'admin',
    example: '/rebound setup 09:00 Europe/Berlin mon-fri',
    fields: [
      {
        id: 'time',
        kind: 'time-of-day',
        label: 'Check-in time, HH:MM (default 09:00)',
        required: false,
        example: '09:00',
      },
      {
        id: 'timezone',
        kind: 'timezone',
        label: "The group's timezone, e.g. Europe/Berlin",
        usage: 'timezone',
        required: false,
        example: 'Europe/Berlin',
      },
      { id: 'days', kind: 'weekdays', label: 'Check-in days, e.g. mon-fri', required: false, example: 'mon-fri' },
    ],
  }),
  'rebound config': declare({
    id: 'rebound config',
    summary: "shows the group's settings and admins; admins change a rule (on, off, days) or the schedule",
    where: 'group',
    who: 'admin-to-change',
    example: '/rebound config connect off',
    fields: [
      {
        id: 'setting',
        kind: 'choice',
        label: 'A rule or a schedule setting',
        noun: 'setting',
        required: false,
        example: 'connect',
        choices: [
          ...SCHEDULE_SETTINGS.map((value) => ({ value, label: value })),
          ...DEFAULT_RULES.map((rule) => ({ value: rule.id, label: rule.id })),
        ],
      },
      {
        id: 'value',
        kind: 'text',
        label: 'on, off, a number of days, HH:MM, days or a timezone',
        required: false,
        maxLength: 64,
        example: 'off',
      },
    ],
  }),
  'rebound config admin': declare({
    id: 'rebound config admin',
    summary: "adds or removes one of the group's admins",
    where: 'group',
    who: 'admin',
    example: '/rebound config admin add @bob',
    fields: [
      {
        id: 'action',
        kind: 'choice',
        label: 'Add or remove',
        required: true,
        example: 'add',
        choices: [
          { value: 'add', label: 'add' },
          { value: 'remove', label: 'remove' },
        ],
      },
      { id: 'user', kind: 'user', label: 'The person', required: true, example: '@bob' },
    ],
  }),
  'rebound join': declare({
    id: 'rebound join',
    summary: 'joins the group in this channel',
    where: 'group',
    who: 'member',
    example: '/rebound join',
    fields: [],
  }),
  'rebound leave': declare({
    id: 'rebound leave',
    summary: 'leaves the group: no more nudges',
    where: 'group',
    who: 'member',
    example: '/rebound leave',
    fields: [],
  }),
  'rebound pause': declare({
    id: 'rebound pause',
    summary: 'pauses nudges and reminders (default 7 days)',
    where: 'group-or-dm',
    who: 'member',
    example: '/rebound pause 7',
    fields: [
      {
        id: 'days',
        kind: 'integer',
        label: 'For how many days',
        usage: 'days',
        required: false,
        min: 1,
        max: 365,
        example: '7',
      },
    ],
  }),
  'rebound resume': declare({
    id: 'rebound resume',
    summary: 'ends a pause',
    where: 'group-or-dm',
    who: 'member',
    example: '/rebound resume',
    fields: [],
  }),
  'rebound timezone': declare({
    id: 'rebound timezone',
    summary: 'the timezone your nudges are timed in',
    where: 'group-or-dm',
    who: 'member',
    example: '/rebound timezone Europe/Berlin',
    fields: [
      {
        id: 'timezone',
        kind: 'timezone',
        label: 'An IANA timezone, e.g. Europe/Berlin',
        required: true,
        example: 'Europe/Berlin',
      },
    ],
  }),
  'rebound quiet': declare({
    id: 'rebound quiet',
    summary: 'hours when nudges wait (HH-HH in your time, or off)',
    where: 'group-or-dm',
    who: 'member',
    example: '/rebound quiet 21-08',
    fields: [
      {
        id: 'hours',
        kind: 'text',
        label: 'HH-HH, e.g. 21-08, or off',
        noun: 'quiet hours',
        usage: 'HH-HH',
        required: true,
        maxLength: 11,
        example: '21-08',
      },
    ],
  }),
  'rebound reminders': declare({
    id: 'rebound reminders',
    summary: 'turns your check-in reminders off or on (nudges are not affected)',
    where: 'group-or-dm',
    who: 'member',
    example: '/rebound reminders off',
    fields: [
      {
        id: 'state',
        kind: 'choice',
        label: 'on or off',
        required: true,
        example: 'off',
        choices: [
          { value: 'on', label: 'on' },
          { value: 'off', label: 'off' },
        ],
      },
    ],
  }),
  'rebound visibility': declare({
    id: 'rebound visibility',
    summary: 'what the group sees of your entries',
    where: 'group-or-dm',
    who: 'member',
    example: '/rebound visibility counts',
    fields: [
      {
        id: 'level',
        kind: 'choice',
        label: 'shared, counts or private',
        required: true,
        example: 'counts',
        choices: [
          { value: 'shared', label: 'shared' },
          { value: 'counts', label: 'counts' },
          { value: 'private', label: 'private' },
        ],
      },
    ],
  }),
  'rebound export': declare({
    id: 'rebound export',
    summary: 'sends you everything stored about you as files',
    where: 'group-or-dm',
    who: 'member',
    example: '/rebound export',
    fields: [],
  }),
  'rebound forget-me': declare({
    id: 'rebound forget-me',
    summary: 'deletes everything about you, after a confirmation',
    where: 'group-or-dm',
    who: 'member',
    example: '/rebound forget-me',
    fields: [],
  }),
  'rebound help': declare({
    id: 'rebound help',
    summary: 'how Rebound works, and every command',
    where: 'group-or-dm',
    who: 'member',
    example: '/rebound help',
    fields: [],
  }),
} as const;

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
