/** A command typed as text, read the way Slack and the console read it, for core tests. */
import type { MentionToken } from '../../src/core/commands/fields.ts';
import { parseCommandText } from '../../src/core/commands/parse-text.ts';
import type { CommandEvent, EventSource } from '../../src/core/events.ts';

/** `@bob` mentions the user `bob`; `@everyone`, `@here` and `@channel` are no one person. */
export function testMention(word: string): MentionToken | null {
  const m = /^@([A-Za-z0-9._-]{1,40})$/.exec(word);
  if (!m) return null;
  const name = m[1] ?? '';
  if (/^everyone$/i.test(name)) return { kind: 'everyone' };
  if (/^(here|channel)$/i.test(name)) return { kind: 'here' };
  return { kind: 'user', userId: name };
}

export function commandEvent(source: EventSource, name: string, text = ''): CommandEvent {
  const parsed = parseCommandText(name, text, testMention);
  if (!parsed) throw new Error(`/${name} is not a command`);
  return { kind: 'command', source, ...parsed };
}
