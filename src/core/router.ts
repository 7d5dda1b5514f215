/**
 * Routes a normalised inbound event to its use case. Tables, not branches, so a new command or
 * button is one line here and one file in use-cases/.
 */
import type { CoreDeps } from './deps.ts';
import type { ButtonEvent, CommandEvent, CommandName, EventSource, FormSubmitEvent } from './events.ts';
import { privateText, type Reply } from './messages.ts';
import { actOnFollowUp } from './use-cases/act-on-follow-up.ts';
import { confirmForgetMe } from './use-cases/confirm-forget-me.ts';
import { exportMyData } from './use-cases/export-my-data.ts';
import { askToForgetMe } from './use-cases/forget-me.ts';
import { setGoal } from './use-cases/set-goal.ts';
import { showGroupStats } from './use-cases/show-group-stats.ts';
import { showMyStats } from './use-cases/show-my-stats.ts';
import { configureGroup } from './use-cases/configure-group.ts';
import { joinGroup } from './use-cases/join-group.ts';
import { leaveGroup } from './use-cases/leave-group.ts';
import { listFollowUps } from './use-cases/list-follow-ups.ts';
import { pauseMember } from './use-cases/pause-member.ts';
import { recordApplication } from './use-cases/record-application.ts';
import { openCheckInForm, openCheckInFromButton, submitCheckInForm } from './use-cases/record-check-in.ts';
import { recordFeedback } from './use-cases/record-feedback.ts';
import { recordRejection } from './use-cases/record-rejection.ts';
import { recordUpdate } from './use-cases/record-update.ts';
import { resumeMember } from './use-cases/resume-member.ts';
import { setQuietHours } from './use-cases/set-quiet-hours.ts';
import { setTimezone } from './use-cases/set-timezone.ts';
import { setVisibility } from './use-cases/set-visibility.ts';
import { setupGroup } from './use-cases/setup-group.ts';
import { showHelp } from './use-cases/show-help.ts';

type Handler = (deps: CoreDeps, source: EventSource, args: readonly string[]) => Reply | Promise<Reply>;

const NOT_YET: Handler = () => privateText('That command is not available yet.');

export const COMMANDS: Record<Exclude<CommandName, 'rebound'>, Handler> = {
  applied: recordApplication,
  rejected: (deps, source, args) => recordRejection(deps, source, args),
  update: recordUpdate,
  feedback: recordFeedback,
  followups: (deps, source) => listFollowUps(deps, source),
  checkin: (deps, source) => openCheckInForm(deps, source),
  goal: setGoal,
  stats: (deps, source, args) =>
    args[0]?.trim().toLowerCase() === 'group' && args.length === 1
      ? showGroupStats(deps, source)
      : showMyStats(deps, source, args),
};

export const REBOUND_SUBCOMMANDS: Record<string, Handler> = {
  setup: setupGroup,
  config: configureGroup,
  join: (deps, source) => joinGroup(deps, source),
  leave: (deps, source) => leaveGroup(deps, source),
  pause: pauseMember,
  resume: (deps, source) => resumeMember(deps, source),
  timezone: setTimezone,
  quiet: setQuietHours,
  visibility: setVisibility,
  export: (deps, source) => exportMyData(deps, source),
  'forget-me': (deps, source) => askToForgetMe(deps, source),
  help: () => showHelp(),
};

/** A table's own entry for a key, never an inherited property such as `valueOf` or `constructor`. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export function routeCommand(deps: CoreDeps, event: CommandEvent): Reply | Promise<Reply> {
  if (event.name === 'rebound') {
    const [sub = 'help', ...rest] = event.args;
    const handler = lookup(REBOUND_SUBCOMMANDS, sub.toLowerCase());
    return handler ? handler(deps, event.source, rest) : showHelp();
  }
  return COMMANDS[event.name](deps, event.source, event.args);
}

type ButtonHandler = (deps: CoreDeps, event: ButtonEvent) => Reply | Promise<Reply>;

/** Button handlers by action-id prefix (`fu:done:42` → `fu`). */
export const BUTTONS: Record<string, ButtonHandler> = {
  fu: actOnFollowUp,
  forget: confirmForgetMe,
  checkin: openCheckInFromButton,
};

type FormHandler = (deps: CoreDeps, event: FormSubmitEvent) => Reply | Promise<Reply>;

/** Form handlers by form-id prefix (`checkin:2026-11-26` → `checkin`). */
export const FORMS: Record<string, FormHandler> = {
  checkin: submitCheckInForm,
  rejected: (deps, e) =>
    recordRejection(
      deps,
      e.source,
      [e.fields.company ?? '', e.fields.role ?? '', e.fields.stage ?? '', e.fields.note ?? ''],
      true,
    ),
};
