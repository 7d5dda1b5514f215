/** The shape of a command's declaration, and the limits of the product's text fields. */
import type { Field } from './fields.ts';

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

export function declare<const C extends CommandDeclaration>(command: C): C {
  return command;
}
