/**
 * Reading a command's raw field values into its typed input. Every field is checked, and every
 * problem is reported at once, so a person fixes their command in one go.
 */
import { UserError } from '../errors.ts';
import { charLength, stripControl } from '../text.ts';
import { canonicalTimezone, parseClock, suggestTimezone } from '../time.ts';
import { parseDays } from './weekdays.ts';
import { parseWhen } from './when.ts';
import type { CommandDeclaration } from './declarations.ts';
import type { Field, MentionToken, RawValue, RawValues } from './fields.ts';

/** What was wrong with one field. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** Bad input in one or more fields: answered privately (or beside each form field), nothing stored. */
export class InputError extends UserError {
  constructor(
    readonly problems: readonly FieldProblem[],
    example: string,
  ) {
    super(
      problems.length === 1
        ? (problems[0]?.message ?? '')
        : ['That did not work:', ...problems.map((p) => `• ${p.message}`)].join('\n'),
      example,
    );
  }
}

/** Reads `values` against the command's fields; throws an `InputError` naming every bad field. */
export function readInput(
  command: CommandDeclaration,
  values: RawValues,
  extraProblems: readonly FieldProblem[] = [],
): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const problems: FieldProblem[] = [...extraProblems];
  for (const field of command.fields) {
    const raw = Object.hasOwn(values, field.id) ? values[field.id] : undefined;
    const result = readField(field, raw);
    if ('problem' in result) problems.push({ field: field.id, message: result.problem });
    else input[field.id] = result.value;
  }
  if (problems.length > 0) throw new InputError(problems, command.example);
  return input;
}

/** Whether any field was given at all (a command with none opens its form, or shows its settings). */
export function anyValue(values: RawValues): boolean {
  return Object.values(values).some((v) => typeof v !== 'string' || v.trim() !== '');
}

type Read = { readonly value: unknown } | { readonly problem: string };

/** A short, inert quote of what someone typed, for an error message. */
export function quote(text: string): string {
  // Only the start is looked at, so quoting a 100 KB paste costs no more than quoting a word.
  const clean = stripControl(text.slice(0, 200)).trim();
  const start = [...clean].slice(0, 40).join('');
  return `"${start}${start.length < text.trim().length ? '…' : ''}"`;
}

function readField(field: Field, raw: RawValue | undefined): Read {
  if (typeof raw === 'object') return field.kind === 'user' ? readMention(raw) : { problem: notAPerson() };
  const text = typeof raw === 'number' ? String(raw) : stripControl(raw ?? '').trim();
  if (text === '')
    return field.required ? { problem: `Please give ${article(field.noun ?? field.label)}.` } : { value: null };
  const lower = text.toLowerCase();
  switch (field.kind) {
    case 'text':
      return tooLong(text, field.maxLength)
        ? {
            problem: `That ${noun(field.noun ?? field.label)} is too long: ${field.maxLength.toLocaleString('en')} characters at most.`,
          }
        : { value: text };
    case 'integer': {
      const n = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
      return Number.isInteger(n) && n >= field.min && n <= field.max
        ? { value: n }
        : { problem: `${field.label} is a whole number from ${field.min} to ${field.max}.` };
    }
    case 'choice': {
      const choice = field.choices.find(
        (c) => c.value === lower || c.label.toLowerCase() === lower || c.aliases?.includes(lower),
      );
      return choice
        ? { value: choice.value }
        : {
            problem: `${quote(text)} is not ${article(field.noun ?? field.label)} I know. Use one of: ${field.choices.map((c) => c.value).join(', ')}.`,
          };
    }
    case 'user':
      return { problem: `Name a person with @, like ${field.example}.` };
    case 'timezone': {
      const zone = canonicalTimezone(text);
      return zone ? { value: zone } : { problem: notATimezone(text) };
    }
    case 'time-of-day': {
      const minute = parseClock(text);
      return minute === null ? { problem: `Give a time as HH:MM, like ${field.example}.` } : { value: minute };
    }
    case 'weekdays': {
      const days = parseDays(text);
      return days ? { value: days } : { problem: `Give days like mon-fri or mon,wed,fri, not ${quote(text)}.` };
    }
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))
        ? { value: text }
        : { problem: `Give a date as YYYY-MM-DD, like ${field.example}.` };
    case 'when': {
      const when = parseWhen(text);
      return when
        ? { value: when }
        : { problem: `Give a day and a time, like tomorrow 14:00 or ${field.example}, not ${quote(text)}.` };
    }
    case 'url':
      return readUrl(text, field.maxLength);
  }
}

/** What is wrong with a zone that was refused, with the Area/City name the person most likely meant. */
export function notATimezone(text: string): string {
  const suggestion = suggestTimezone(text);
  if (!suggestion)
    return `${quote(text)} is not a timezone I know. Use an IANA name like Europe/Berlin or America/New_York.`;
  return /^[a-z]{2,5}$/i.test(text.trim())
    ? `${quote(text)} is a fixed abbreviation that ignores daylight saving time: use an Area/City name such as ${suggestion}.`
    : `${quote(text)} is not a timezone name: did you mean ${suggestion}?`;
}

function readMention(token: MentionToken): Read {
  if (token.kind === 'user') return { value: token.userId };
  return { problem: notAPerson() };
}

function notAPerson(): string {
  return `Name one person here: @everyone, @here, roles and channels can't be used. For example @bob.`;
}

function readUrl(text: string, max: number): Read {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'That link does not look like a web address.' };
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || text.length > max) {
    return { problem: `Links start with https:// and are at most ${max} characters.` };
  }
  return { value: url.toString() };
}

function tooLong(text: string, max: number): boolean {
  // Cheap bound first, so a 100 KB paste is refused without segmenting it.
  return text.length > max && (text.length > max * 8 || charLength(text) > max);
}

/** `Company` → `company`; labels with a note in brackets lose it (`Note (only you see it)` → `note`). */
function noun(label: string): string {
  const first = label.replace(/\s*\(.*\)$/, '').split(',')[0] ?? label;
  return first.charAt(0).toLowerCase() + first.slice(1);
}

function article(label: string): string {
  const n = noun(label);
  return /^[aeiou]/i.test(n) ? `an ${n}` : `a ${n}`;
}
