import type { CommandName } from './events.ts';

/**
 * Splits the free text of a command into its fields, the way Slack and the console pass it:
 * `|` separates fields (`/rejected Acme | SRE | final`), except `/rebound`, whose words are
 * separated by spaces (`/rebound setup 09:00 Europe/Berlin`). Empty text gives no fields.
 */
export function splitCommandText(name: CommandName, text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (name === 'rebound') return trimmed.split(/\s+/);
  return trimmed.split('|').map((field) => field.trim());
}
