import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { ButtonEvent, EventSource, FormSubmitEvent, ThreadReplyEvent } from '../events.ts';
import { CHECK_IN_FORM, LIMITS, type CheckInInput } from '../commands/declarations.ts';
import { readInput } from '../commands/read-input.ts';
import { privateText, type Reply } from '../messages.ts';
import {
  checkInConfirmation,
  checkInForm,
  checkInUpdated,
  parseCheckInButtonId,
  parseCheckInFormId,
} from '../render/check-ins.ts';
import { addDays } from '../time.ts';
import { stripControl } from '../text.ts';
import type { Store } from '../ports/index.ts';
import type { CheckIn, Group, Member } from '../types.ts';
import { groupDate, isCheckInDay } from '../sweep/check-in-schedule.ts';
import { ensureMember, messageRefOf, resolveGroup, sameWorkspace, workspaceOf } from './context.ts';
import { checkInStreak } from '../insights/streaks.ts';

const EXAMPLE = '/checkin';
const EXPIRED = "That check-in day is over. /checkin opens today's.";

/** `/checkin`: the form for today (the group's local date). */
export async function openCheckInForm(deps: CoreDeps, source: EventSource): Promise<Reply> {
  const group = await deps.store.transaction((tx) => resolveGroup({ ...deps, store: tx }, source));
  return { type: 'form', form: checkInForm(group.id, groupDate(group, deps.clock.now())) };
}

/** The Check in button on the day's post or a reminder: the form for that day. */
export async function openCheckInFromButton(deps: CoreDeps, event: ButtonEvent): Promise<Reply> {
  const parsed = parseCheckInButtonId(event.actionId);
  if (!parsed) throw new UserError('That button no longer does anything.');
  const group = await groupFor(deps.store, parsed.groupId, event.source);
  checkFormDate(deps, group, parsed.date);
  return { type: 'form', form: checkInForm(group.id, parsed.date) };
}

/** A submitted check-in form: counts and a note, stored as a check-in and an update; a second form that day replaces the first. */
export async function submitCheckInForm(deps: CoreDeps, event: FormSubmitEvent): Promise<Reply> {
  const parsed = parseCheckInFormId(event.formId);
  if (!parsed) throw new UserError('That form has expired. Please run /checkin again.', EXAMPLE);
  const group = await groupFor(deps.store, parsed.groupId, event.source);
  checkFormDate(deps, group, parsed.date);
  const input = readInput(CHECK_IN_FORM, event.fields) as CheckInInput;
  const applications = input.applications ?? 0;
  const networking = input.networking ?? 0;
  const followUpsDone = input.followups ?? 0;
  const note = input.note;
  const summary = `Checked in: ${applications} application${applications === 1 ? '' : 's'}, ${networking} networking action${networking === 1 ? '' : 's'}, ${followUpsDone} follow-up${followUpsDone === 1 ? '' : 's'} done.`;
  const { first, streak } = await record(
    deps,
    group,
    event.source,
    { localDate: parsed.date, source: 'form', applications, networking, followUpsDone, note },
    note ? `${summary} ${note}` : summary,
  );
  return privateText(first ? checkInConfirmation(parsed.date, streak) : checkInUpdated(parsed.date));
}

/** A reply in a day's check-in thread: the author's check-in for that day, and an update. */
export async function recordThreadReply(deps: CoreDeps, event: ThreadReplyEvent): Promise<Reply> {
  const thread = await deps.store.checkIns.findThreadById(messageRefOf(event.source, event.threadId));
  if (!thread) return { type: 'none' };
  const group = await deps.store.groups.get(thread.groupId);
  if (!group) return { type: 'none' };
  checkDate(deps, group, thread.localDate);
  const text = stripControl(event.text ?? '').trim();
  const note = text === '' ? null : [...text].slice(0, LIMITS.note).join('');
  const update = text === '' ? 'Checked in in the thread.' : [...text].slice(0, LIMITS.update).join('');
  const { first, streak } = await record(
    deps,
    group,
    event.source,
    { localDate: thread.localDate, source: 'thread', applications: 0, networking: 0, followUpsDone: 0, note },
    update,
  );
  return first ? privateText(checkInConfirmation(thread.localDate, streak)) : { type: 'none' };
}

interface CheckInFields {
  readonly localDate: string;
  readonly source: CheckIn['source'];
  readonly applications: number;
  readonly networking: number;
  readonly followUpsDone: number;
  readonly note: string | null;
}

function record(
  deps: CoreDeps,
  group: Group,
  source: EventSource,
  fields: CheckInFields,
  updateText: string,
): Promise<{ first: boolean; streak: number }> {
  const now = deps.clock.now();
  return deps.store.transaction(async (tx) => {
    const txDeps = { ...deps, store: tx };
    const member = await ensureMember(txDeps, group, source);
    const { first } = await tx.checkIns.record(
      { workspace: group.workspace, memberId: member.id, groupId: group.id, ...fields },
      now,
    );
    await tx.updates.create(
      { workspace: group.workspace, memberId: member.id, text: updateText, source: fields.source },
      now,
    );
    return { first, streak: await streakOf(txDeps, group, member, groupDate(group, now)) };
  });
}

/** The member's current streak, counting back from `today` in the group's calendar. */
export async function streakOf(deps: CoreDeps, group: Group, member: Member, today: string): Promise<number> {
  const checkedIn = new Set(
    (await deps.store.checkIns.listByMember(member.id)).filter((c) => c.groupId === group.id).map((c) => c.localDate),
  );
  const paused = new Set(await deps.store.deliveries.localDatesForMember(member.id, 'reminder-paused'));
  return checkInStreak({ checkedIn, today, paused, isCheckInDay: (d) => isCheckInDay(group, d) });
}

async function groupFor(store: Store, groupId: number, source: EventSource): Promise<Group> {
  const group = await store.groups.get(groupId);
  if (!group || !sameWorkspace(group.workspace, workspaceOf(source)))
    throw new UserError('That check-in belongs to a group I cannot find any more.');
  return group;
}

/** A check-in form (and its button) is for its own day only, in the group's calendar: once that day has ended it says so. */
function checkFormDate(deps: CoreDeps, group: Group, date: string): void {
  if (date !== groupDate(group, deps.clock.now())) throw new UserError(EXPIRED, EXAMPLE);
}

/** A reply in the thread of today or yesterday (group's calendar) is accepted: people report on the evening before. */
function checkDate(deps: CoreDeps, group: Group, date: string): void {
  const today = groupDate(group, deps.clock.now());
  if (date > today || date < addDays(today, -1)) throw new UserError(EXPIRED, EXAMPLE);
}
