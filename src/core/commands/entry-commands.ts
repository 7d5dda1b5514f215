/** The commands that log and read a member's search: applications, rejections, updates, goals, stats. */
import { APPLICATION_STATUSES, REJECTION_STAGES, STAGE_MOVES } from '../types.ts';
import { declare, LIMITS } from './declaration.ts';

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

const MOVE_LABELS: Readonly<Record<(typeof STAGE_MOVES)[number], string>> = {
  screening: 'Screening',
  interviewing: 'Interviewing',
  offer: 'Offer',
  accepted: 'Accepted',
  withdrawn: 'Withdrawn',
  ghosted: 'Ghosted (no answer)',
};
const MOVE_ALIASES: Readonly<Record<(typeof STAGE_MOVES)[number], readonly string[]>> = {
  screening: ['screen', 'phone screen'],
  interviewing: ['interview', 'interviews', 'onsite'],
  offer: ['offered'],
  accepted: ['accept', 'hired', 'signed'],
  withdrawn: ['withdraw', 'withdrew'],
  ghosted: ['ghost', 'no answer'],
};

/** Kinds of interview round, with the words people use for them. */
const INTERVIEW_KINDS = [
  { value: 'phone', label: 'Phone or recruiter call', aliases: ['call', 'hr', 'recruiter', 'screen'] },
  { value: 'video', label: 'Video call', aliases: ['zoom', 'teams', 'meet'] },
  { value: 'technical', label: 'Technical', aliases: ['tech', 'coding', 'take-home', 'system design'] },
  { value: 'behavioral', label: 'Behavioral', aliases: ['behavioural', 'culture', 'values'] },
  { value: 'panel', label: 'Panel', aliases: [] },
  { value: 'onsite', label: 'Onsite', aliases: ['on-site', 'in person', 'office'] },
  { value: 'final', label: 'Final round', aliases: ['final round', 'last'] },
  { value: 'other', label: 'Another kind', aliases: [] },
] as const;

export const ENTRY_COMMANDS = {
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
      { ...company, required: true, suggest: 'own-companies' },
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
  stage: declare({
    id: 'stage',
    summary:
      'moves an application: screening, interviewing, offer, accepted, withdrawn, ghosted; with no text opens a form',
    where: 'group-or-dm',
    who: 'member',
    logs: true,
    example: '/stage Acme | Backend Engineer | interviewing',
    form: { title: 'Move an application', submitLabel: 'Move it' },
    fields: [
      { ...company, required: true, suggest: 'own-companies' },
      { ...role, required: false },
      {
        id: 'stage',
        kind: 'choice',
        label: 'Stage it moved to',
        noun: 'stage',
        required: true,
        example: 'interviewing',
        choices: STAGE_MOVES.map((value) => ({ value, label: MOVE_LABELS[value], aliases: MOVE_ALIASES[value] })),
      },
    ],
  }),
  interview: declare({
    id: 'interview',
    summary:
      'records an interview round; schedules preparation, a thank-you and a follow-up; with no text opens a form',
    where: 'group-or-dm',
    who: 'member',
    logs: true,
    example: '/interview Acme | Backend Engineer | tomorrow 14:00 | technical',
    form: { title: 'Log an interview', submitLabel: 'Log it' },
    fields: [
      { ...company, required: true, suggest: 'own-companies' },
      { ...role, required: false },
      {
        id: 'when',
        kind: 'when',
        label: 'When, in your time (tomorrow 14:00, 2026-12-03 14:00)',
        noun: 'day and time',
        required: true,
        example: '2026-12-03 14:00',
      },
      {
        id: 'kind',
        kind: 'choice',
        label: 'Kind of interview',
        noun: 'kind of interview',
        required: true,
        example: 'technical',
        choices: INTERVIEW_KINDS,
      },
    ],
  }),
  applications: declare({
    id: 'applications',
    summary: 'your applications by stage, with their age and last move (the active ones; all, or one stage)',
    where: 'group-or-dm',
    who: 'member',
    example: '/applications interviewing',
    fields: [
      {
        id: 'which',
        kind: 'choice',
        label: 'Which: a stage, or all',
        noun: 'stage',
        usage: 'stage|all',
        required: false,
        example: 'all',
        choices: [
          { value: 'all', label: 'All of them' },
          ...APPLICATION_STATUSES.map((value) => ({
            value,
            label: value.charAt(0).toUpperCase() + value.slice(1),
          })),
        ],
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
    summary: "your week and your pipeline, or the group's (respecting visibility)",
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
} as const;
