/**
 * Routes a normalised inbound event to its use case. A command's fields are read against its
 * declaration here, once, so every use case receives a typed input (or the caller receives every
 * problem at once, and nothing runs).
 */
import { COMMANDS, type CommandId, type InputFor } from './commands/declarations.ts';
import { formOf } from './commands/forms.ts';
import { anyValue, readInput } from './commands/read-input.ts';
import type { CoreDeps } from './deps.ts';
import type { ButtonEvent, CommandEvent, EventSource, FormSubmitEvent } from './events.ts';
import type { Reply } from './messages.ts';
import { actOnFollowUp } from './use-cases/act-on-follow-up.ts';
import { configureAdmins } from './use-cases/configure-admins.ts';
import { configureGroup } from './use-cases/configure-group.ts';
import { confirmForgetMe } from './use-cases/confirm-forget-me.ts';
import { leftGroup, membershipOf, noticingEnrolment, requireAdmin, requireGroup } from './use-cases/context.ts';
import { exportMyData } from './use-cases/export-my-data.ts';
import { askToForgetMe } from './use-cases/forget-me.ts';
import { joinGroup } from './use-cases/join-group.ts';
import { leaveGroup } from './use-cases/leave-group.ts';
import { listFollowUps } from './use-cases/list-follow-ups.ts';
import { listApplications } from './use-cases/list-applications.ts';
import { logAgain } from './use-cases/log-again.ts';
import { moveApplicationStage } from './use-cases/move-application-stage.ts';
import { actOnApplication, submitApplicationEdit } from './use-cases/act-on-application.ts';
import { recordInterview } from './use-cases/record-interview.ts';
import { showHome } from './use-cases/show-home.ts';
import { pauseMember } from './use-cases/pause-member.ts';
import { recordApplication } from './use-cases/record-application.ts';
import { openCheckInForm, openCheckInFromButton, submitCheckInForm } from './use-cases/record-check-in.ts';
import { recordFeedback } from './use-cases/record-feedback.ts';
import { recordRejection } from './use-cases/record-rejection.ts';
import { recordUpdate } from './use-cases/record-update.ts';
import { resumeMember } from './use-cases/resume-member.ts';
import { setGoal } from './use-cases/set-goal.ts';
import { setQuietHours } from './use-cases/set-quiet-hours.ts';
import { setReminders } from './use-cases/set-reminders.ts';
import { setTimezone } from './use-cases/set-timezone.ts';
import { setVisibility } from './use-cases/set-visibility.ts';
import { setupGroup } from './use-cases/setup-group.ts';
import { showGroupStats } from './use-cases/show-group-stats.ts';
import { showHelp } from './use-cases/show-help.ts';
import { showMyStats } from './use-cases/show-my-stats.ts';
import { undoEntry } from './use-cases/undo-entry.ts';

type Handler<Id extends CommandId> = (
  deps: CoreDeps,
  source: EventSource,
  input: InputFor<Id>,
  event: CommandEvent,
) => Reply | Promise<Reply>;

/** Each declared command's use case: the compiler checks that every command has one, with its input. */
const HANDLERS: { readonly [Id in CommandId]: Handler<Id> } = {
  applied: (deps, source, input) => recordApplication(deps, source, input),
  rejected: (deps, source, input) => recordRejection(deps, source, input),
  update: recordUpdate,
  feedback: recordFeedback,
  stage: moveApplicationStage,
  interview: recordInterview,
  applications: listApplications,
  followups: (deps, source) => listFollowUps(deps, source),
  checkin: (deps, source) => openCheckInForm(deps, source),
  goal: setGoal,
  stats: (deps, source, input) => (input.scope === 'group' ? showGroupStats(deps, source) : showMyStats(deps, source)),
  'rebound setup': setupGroup,
  'rebound config': configureGroup,
  'rebound config admin': configureAdmins,
  'rebound join': (deps, source) => joinGroup(deps, source),
  'rebound leave': (deps, source) => leaveGroup(deps, source),
  'rebound pause': pauseMember,
  'rebound resume': (deps, source) => resumeMember(deps, source),
  'rebound timezone': setTimezone,
  'rebound quiet': setQuietHours,
  'rebound reminders': setReminders,
  'rebound visibility': setVisibility,
  'rebound home': (deps, source) => showHome(deps, source),
  'rebound export': (deps, source) => exportMyData(deps, source),
  'rebound forget-me': (deps, source) => askToForgetMe(deps, source),
  'rebound help': (_deps, _source, _input, event) => showHelp(event.unknown),
};

/** A table's own entry for a key, never an inherited property such as `valueOf` or `constructor`. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export async function routeCommand(deps: CoreDeps, event: CommandEvent): Promise<Reply> {
  const command = COMMANDS[event.command];
  const given = anyValue(event.values);
  if (command.where === 'group') {
    const group = await requireGroup(deps, event.source);
    if (command.who === 'admin' || (command.who === 'admin-to-change' && given)) requireAdmin(group, event.source);
  }
  if ('form' in command && !given && !event.problems?.length) return { type: 'form', form: formOf(command) };
  const input = readInput(command, event.values, event.problems);
  const handler = HANDLERS[event.command] as Handler<CommandId>;
  const run = () => handler(deps, event.source, input as InputFor<CommandId>, event);
  if (!('logs' in command)) return run();
  // Whether a command may make its caller a member is decided here, from its declaration.
  const group = await deps.store.groups.findByChannel(
    { platform: event.source.platform, workspaceId: event.source.workspaceId },
    event.source.channelId,
  );
  if (group && (await membershipOf(deps, group, event.source.actor.userId)) === 'left') throw leftGroup(group);
  return noticingEnrolment(deps, event.source, run);
}

type ButtonHandler = (deps: CoreDeps, event: ButtonEvent) => Reply | Promise<Reply>;

/** Button handlers by action-id prefix (`fu:done:42` → `fu`). */
export const BUTTONS: Record<string, ButtonHandler> = {
  fu: actOnFollowUp,
  forget: confirmForgetMe,
  checkin: openCheckInFromButton,
  undo: undoEntry,
  again: logAgain,
  app: actOnApplication,
};

type FormHandler = (deps: CoreDeps, event: FormSubmitEvent) => Reply | Promise<Reply>;

/** Form handlers by form-id prefix (`checkin:2026-11-26` → `checkin`). */
export const FORMS: Record<string, FormHandler> = {
  checkin: (deps, event) => noticingEnrolment(deps, event.source, () => submitCheckInForm(deps, event)),
  rejected: async (deps, event) => {
    await requireGroup(deps, event.source);
    const input = readInput(COMMANDS.rejected, event.fields) as InputFor<'rejected'>;
    return noticingEnrolment(deps, event.source, () => recordRejection(deps, event.source, input));
  },
  stage: (deps, event) => {
    const input = readInput(COMMANDS.stage, event.fields) as InputFor<'stage'>;
    return noticingEnrolment(deps, event.source, () => moveApplicationStage(deps, event.source, input));
  },
  appedit: submitApplicationEdit,
  interview: (deps, event) => {
    const input = readInput(COMMANDS.interview, event.fields) as InputFor<'interview'>;
    return noticingEnrolment(deps, event.source, () => recordInterview(deps, event.source, input));
  },
};
