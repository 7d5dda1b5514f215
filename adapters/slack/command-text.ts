/**
 * A Slack slash command's text into the core's command fields. Commands that take a person are
 * registered with `should_escape: true`, so Slack sends `<@U123>` (or `<@U123|bob>`) for them; the
 * mentions are decoded here, and every other piece of markup becomes plain text.
 */
import type { MentionToken } from '../../src/core/commands/fields.ts';
import { parseCommandText, type ParsedCommand } from '../../src/core/commands/parse-text.ts';
import { slackMarkupToPlain } from './slack-text.ts';

const MENTION = /<([@#!][^<>|]*)(?:\|[^<>]*)?>/g;
const PLACEHOLDER = /\u0001(\d+)\u0001/g;

/** What one piece of Slack mention markup refers to, or null when it is no mention. */
export function slackMention(target: string): MentionToken | null {
  if (/^@[UW][A-Z0-9]+$/.test(target)) return { kind: 'user', userId: target.slice(1) };
  if (target.startsWith('#')) return { kind: 'channel' };
  if (target.startsWith('!subteam')) return { kind: 'role' };
  const special = /^!(everyone|here|channel)$/.exec(target)?.[1];
  if (special) return { kind: special === 'everyone' ? 'everyone' : 'here' };
  return null;
}

/** Plain `@everyone`, `@here` and `@channel`, as typed where Slack did not escape the text. */
function plainMass(word: string): MentionToken | null {
  const m = /^@(everyone|here|channel)$/i.exec(word);
  if (!m) return null;
  return { kind: m[1]?.toLowerCase() === 'everyone' ? 'everyone' : 'here' };
}

export function parseSlackCommand(command: string, text: string): ParsedCommand | null {
  const tokens: (MentionToken | null)[] = [];
  const plains: string[] = [];
  // Mentions are set aside first: their `|label` must not split fields, and no label reaches the core.
  const marked = text.replace(MENTION, (whole, target: string) => {
    tokens.push(slackMention(target));
    plains.push(slackMarkupToPlain(whole));
    return `\u0001${tokens.length - 1}\u0001`;
  });
  const restore = (value: string) => value.replace(PLACEHOLDER, (_m, i: string) => plains[Number(i)] ?? '');
  const parsed = parseCommandText(command, slackMarkupToPlain(marked), (word) => {
    const i = /^\u0001(\d+)\u0001$/.exec(word)?.[1];
    return i === undefined ? plainMass(word) : (tokens[Number(i)] ?? null);
  });
  if (!parsed) return null;
  const values = Object.fromEntries(
    Object.entries(parsed.values).map(([id, value]) => [id, typeof value === 'string' ? restore(value) : value]),
  );
  return { ...parsed, values };
}
