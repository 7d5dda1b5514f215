/**
 * Reading a command typed as text (Slack, the console) into its raw field values: `|` separates the
 * fields of most commands (`/rejected Acme | SRE | final`); `/rebound` takes words
 * (`/rebound setup 09:00 Europe/Berlin`). Mentions are the adapter's business: it passes a reader
 * that turns its platform's mention syntax into a `MentionToken`.
 */
import { canonicalTimezone, parseClock } from '../time.ts';
import { commandById, type CommandDeclaration, type CommandId } from './declarations.ts';
import type { Field, MentionToken, RawValue } from './fields.ts';
import { quote, type FieldProblem } from './read-input.ts';
import { parseDays } from './weekdays.ts';

/** Decodes one word of the adapter's own mention syntax, or null when it is no mention. */
export type MentionReader = (word: string) => MentionToken | null;

export interface ParsedCommand {
  readonly command: CommandId;
  readonly values: Readonly<Record<string, RawValue>>;
  /** Problems found before the fields could be read (too many fields). */
  readonly problems: readonly FieldProblem[];
  /** A `/rebound` word that is no subcommand (help is shown instead). */
  readonly unknown?: string;
}

const noMentions: MentionReader = () => null;

interface FieldsRead {
  readonly values: Record<string, RawValue>;
  readonly problems: FieldProblem[];
}

/** `slash` is the command's name without its slash (`applied`, `rebound`); null when it is not ours. */
export function parseCommandText(
  slash: string,
  text: string,
  readMention: MentionReader = noMentions,
): ParsedCommand | null {
  const name = slash.replace(/^\//, '').toLowerCase();
  if (name === 'rebound') return parseWords(text, readMention);
  const command = commandById(name);
  if (!command || name.includes(' ')) return null;
  return { command: name as CommandId, ...parsePipes(command, text, readMention) };
}

function parsePipes(command: CommandDeclaration, text: string, readMention: MentionReader): FieldsRead {
  const values: Record<string, RawValue> = {};
  const problems: FieldProblem[] = [];
  if (text.trim() === '') return { values, problems };
  const parts = text.split('|').map((part) => part.trim());
  const fields = command.fields;
  const last = fields[fields.length - 1];
  const free = [...fields];
  for (const [i, part] of parts.entries()) {
    const named = command.named ? byName(fields, part) : null;
    if (!named) skipOptionalFor(free, parts.length - i);
    const field = named && free.includes(named.field) ? named.field : free[0];
    if (!field) {
      problems.push({
        field: '',
        message: `${usage(command)} takes ${fields.length} field${fields.length === 1 ? '' : 's'} at most.`,
      });
      break;
    }
    if (command.rest && field === last && field.kind === 'text' && !named) {
      values[field.id] = parts.slice(i).join(' | ');
      break;
    }
    free.splice(free.indexOf(field), 1);
    const value = named ? named.value : part;
    values[field.id] = field.kind === 'user' ? (readMention(value) ?? value) : value;
  }
  return { values, problems };
}

/**
 * Drops the optional fields at the front of `free` that the parts left are needed elsewhere for:
 * with `/stage company [| role] | stage`, `Acme | offer` is a company and a stage, not a role.
 */
function skipOptionalFor(free: Field[], partsLeft: number): void {
  while (free[0] && !free[0].required && partsLeft <= free.filter((f) => f.required).length) free.shift();
}

/** `applications 5` or `net: 2` names its field (any prefix of three letters or more). */
function byName(fields: readonly Field[], part: string): { field: Field; value: string } | null {
  const m = /^([a-z-]{3,})\s*[:=]?\s*(.*)$/i.exec(part);
  if (!m) return null;
  const word = (m[1] ?? '').toLowerCase();
  const field = fields.find((f) => f.id.startsWith(word));
  return field ? { field, value: (m[2] ?? '').trim() } : null;
}

function parseWords(text: string, readMention: MentionReader): ParsedCommand {
  const words = text.trim() === '' ? [] : text.trim().split(/\s+/);
  const [first = 'help', second = ''] = words.map((w) => w.toLowerCase());
  const deeper = commandById(`rebound ${first} ${second}`);
  const id = deeper ? `rebound ${first} ${second}` : `rebound ${first}`;
  const command = deeper ?? commandById(id);
  if (!command) return { command: 'rebound help', values: {}, problems: [], unknown: words[0] ?? '' };
  return { command: id as CommandId, ...readWords(command, words.slice(deeper ? 2 : 1), readMention) };
}

/**
 * The fields of a command from the text after its name: `|`-separated parts, or for `/rebound`
 * the words after its subcommand.
 */
export function parseFieldsText(
  command: CommandDeclaration,
  text: string,
  readMention: MentionReader = noMentions,
): FieldsRead {
  if (!command.id.startsWith('rebound')) return parsePipes(command, text, readMention);
  return readWords(command, text.trim() === '' ? [] : text.trim().split(/\s+/), readMention);
}

function readWords(command: CommandDeclaration, rest: readonly string[], readMention: MentionReader): FieldsRead {
  const values: Record<string, RawValue> = {};
  const problems: FieldProblem[] = [];
  const free = [...command.fields];
  for (const word of rest) {
    const token = readMention(word);
    const next = free[0];
    const field =
      next && (fits(next, word, token) || next.required)
        ? next
        : (free.find((f) => f.kind !== 'text' && fits(f, word, token)) ?? next);
    if (!field) {
      const lastField = command.fields[command.fields.length - 1];
      if (lastField?.kind === 'text' && typeof values[lastField.id] === 'string') {
        values[lastField.id] = `${String(values[lastField.id])} ${word}`;
        continue;
      }
      problems.push({ field: '', message: `I did not expect ${quote(word)} after ${usage(command)}.` });
      break;
    }
    free.splice(free.indexOf(field), 1);
    values[field.id] = field.kind === 'user' ? (token ?? word) : word;
  }
  return { values, problems };
}

/** Whether a word looks like a value of this field, so optional fields may come in any order. */
function fits(field: Field, word: string, token: MentionToken | null): boolean {
  switch (field.kind) {
    case 'user':
      return token !== null || word.startsWith('@');
    case 'time-of-day':
      return parseClock(word) !== null;
    case 'timezone':
      return canonicalTimezone(word) !== null || word.includes('/');
    case 'weekdays':
      return parseDays(word) !== null;
    case 'integer':
      return /^\d+$/.test(word);
    case 'choice': {
      const lower = word.toLowerCase();
      return field.choices.some((c) => c.value === lower || c.aliases?.includes(lower));
    }
    default:
      return true;
  }
}

/** How a command is written: `/applied company | role [| link]`, `/rebound setup [HH:MM] [timezone] [days]`. */
export function usage(command: CommandDeclaration): string {
  const words = command.id.startsWith('rebound');
  const parts = command.fields.map((field, i) => {
    const word = command.named ? `${field.id} ${placeholder(field, words)}` : placeholder(field, words);
    if (words) return field.required ? word : `[${word}]`;
    const sep = i === 0 ? '' : '| ';
    return field.required ? `${sep}${word}` : `[${sep}${word}]`;
  });
  return [`/${command.id}`, ...parts].join(' ');
}

function placeholder(field: Field, words: boolean): string {
  if (field.usage) return field.usage;
  switch (field.kind) {
    case 'choice':
      if (field.choices.length === 1) return field.choices[0]?.value ?? field.id;
      return words && field.choices.length <= 3 ? field.choices.map((c) => c.value).join('|') : field.id;
    case 'integer':
      return 'N';
    case 'user':
      return '@person';
    case 'timezone':
      return 'Area/City';
    case 'time-of-day':
      return 'HH:MM';
    default:
      return field.id;
  }
}
