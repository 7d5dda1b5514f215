import type { CommandName } from '../../src/core/events.ts';

/**
 * A slash command's text as the core's `args`: fields separated by `|` for every command, words
 * for `/rebound` (whose first word is the subcommand). Empty text gives no args.
 */
export function splitCommandText(name: CommandName, text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.length === 0) return [];
  return name === 'rebound' ? trimmed.split(/\s+/) : trimmed.split('|').map((s) => s.trim());
}
