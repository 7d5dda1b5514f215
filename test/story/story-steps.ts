/**
 * The shape of a story that every test path can play: who runs which command line, clock moves
 * with the nudges they bring, presses of a button found in a DM, and what the member sees at each
 * point (replies, DMs, group posts) plus the stored due times the story pins.
 */
import type { ApplicationStatus } from '../../src/core/types.ts';

export type Who = 'alice' | 'bob' | 'cam' | 'dee';

/** Monday 5 October 2026, 08:55 in Berlin: the group is set up just before its first check-in time. */
export const STORY_START = new Date('2026-10-05T06:55:00Z');

/** A rule id and the UTC instant its open step is due. */
export type DueStep = readonly [rule: string, dueAt: string];

interface Checks {
  /** The reply's plain lines contain these, in this order (a run of consecutive lines). */
  readonly reply?: readonly string[];
  /** The reply's plain lines are exactly these. */
  readonly replyIs?: readonly string[];
  /** The group posts this step made, exactly (none when left out, unless `anyPosts`). */
  readonly posts?: readonly string[];
  readonly anyPosts?: boolean;
  /**
   * The application's open (pending or snoozed) steps afterwards, by due time: the application is
   * the member's one at `app`, else at the command's first field, else at `status.company`.
   */
  readonly steps?: readonly DueStep[];
  /** The rules of the application's cancelled steps afterwards, in any order. */
  readonly cancelled?: readonly string[];
  readonly status?: { readonly company: string; readonly is: ApplicationStatus };
  readonly app?: string;
}

export interface CommandStep extends Checks {
  /** The clock moves here first (sweeping on the way; nothing may be sent meanwhile). */
  readonly at: string;
  readonly who: Who;
  /** The line as typed in Slack or the console. */
  readonly run: string;
}

export interface PressStep extends Checks {
  readonly at: string;
  readonly who: Who;
  /**
   * The last DM to `who` whose text contains `dm`, and its button labelled `label` whose action id
   * starts with `action` (where the platform shows action ids: the console shows only labels).
   */
  readonly press: { readonly dm: string; readonly label: string; readonly action?: string };
}

export interface ReactStep extends Checks {
  readonly at: string;
  readonly who: Who;
  /** Reacts with 🎉 to the last group post whose text contains this. */
  readonly react: string;
}

export interface Expected {
  readonly who: Who;
  /** Lines or parts of lines the DM contains. */
  readonly has: readonly string[];
  /** The label of a button the DM carries. */
  readonly button?: string;
}

export interface NudgeStep {
  /** Exactly these DMs go out at this instant, and nothing in the minute before. */
  readonly at: string;
  readonly dms: readonly Expected[];
}

export type Step = CommandStep | PressStep | ReactStep | NudgeStep;

/** The company an application check is about: the first field of `/applied Acme | SRE`. */
export function companyOf(step: CommandStep | PressStep | ReactStep): string | null {
  if (step.app) return step.app;
  if ('run' in step && !step.run.startsWith('/rebound')) {
    const first = step.run
      .replace(/^\/\S+\s*/, '')
      .split('|')[0]
      ?.trim();
    if (first) return first;
  }
  return step.status?.company ?? null;
}
