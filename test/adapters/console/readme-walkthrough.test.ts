import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runEntry } from './run-entry.ts';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The fenced blocks of the README's walkthrough section, in order. */
function walkthroughBlocks(): string[] {
  const section = README.slice(README.indexOf('### A walkthrough'), README.indexOf('## Commands'));
  return [...section.matchAll(/```(?:text|sh)\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

describe("the README's console walkthrough", () => {
  it('prints what the README shows, in that order, on the clock it starts', () => {
    const [typed = '', shown = '', piped = ''] = walkthroughBlocks();
    const start = /REBOUND_CONSOLE_START=(\S+)/.exec(piped)?.[1];
    expect(start).toBeDefined();
    expect(piped).toContain(`printf '${typed.trimEnd().split('\n').join('\\n')}\\n'`);
    const { code, out } = runEntry(typed, { REBOUND_CONSOLE_START: start ?? '' });
    expect(code).toBe(0);
    const printed = out.split('\n');
    let at = 0;
    for (const line of shown.trimEnd().split('\n')) {
      if (line === '…') continue;
      const found = printed.indexOf(line, at);
      expect(found, `README line not printed (in order): ${line}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });
});
