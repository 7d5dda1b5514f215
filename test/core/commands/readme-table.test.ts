/** README's command table is the declarations' own: a test fails when they disagree. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_COMMANDS } from '../../../src/core/commands/declarations.ts';
import { usage } from '../../../src/core/commands/parse-text.ts';

/** A table row as README writes it: the usage in code, `|` escaped for Markdown, then the summary. */
export function readmeRow(command: (typeof ALL_COMMANDS)[number]): string {
  return `| \`${usage(command).replace(/\|/g, '\\|')}\` | ${command.summary} |`;
}

function readmeCommandRows(): string[] {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Commands'));
  const table = section.slice(section.indexOf('| command |'));
  const rows = table.split('\n');
  const end = rows.findIndex((line) => !line.startsWith('|'));
  return rows.slice(2, end === -1 ? undefined : end);
}

describe('the README command table', () => {
  it('lists every declared command, in order, with its usage and summary', () => {
    expect(readmeCommandRows()).toEqual(ALL_COMMANDS.map(readmeRow));
  });
});
