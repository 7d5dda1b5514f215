import type { InputFor } from '../commands/declarations.ts';
import type { CoreDeps } from '../deps.ts';
import { InternalError, UserError } from '../errors.ts';
import type { EventSource } from '../events.ts';
import { privateText, textMessage, type Message, type Reply } from '../messages.ts';
import type { FollowUpRule } from '../rules.ts';
import type { Application, Group, Member, StageMove } from '../types.ts';
import { ensureMember, memberZone, resolveGroup } from './context.ts';
import { entryPost } from './entry-post.ts';
import { describeApplication, findApplication, whichApplication } from './find-application.ts';
import { postToGroup } from './post-to-group.ts';
import { AWAITING, scheduleSilence } from './schedule-silence.ts';
import { withUndo } from './undo-entry.ts';

/** The rules a rejection plans (triggered by it, or chained on one of its steps). */
function rejectionRuleIds(rules: readonly FollowUpRule[]): string[] {
  const direct = new Set(rules.filter((r) => r.trigger.kind === 'rejection').map((r) => r.id));
  return rules
    .filter((r) => direct.has(r.id) || (r.trigger.kind === 'done' && direct.has(r.trigger.rule)))
    .map((r) => r.id);
}

/** Moves that end the application's open follow-up steps: nothing is left to chase. */
const CLOSING: ReadonlySet<StageMove> = new Set(['offer', 'accepted', 'withdrawn']);

/**
 * `/stage company [| role] | stage`: moves one of the member's applications (found by company, and
 * role when given) to a stage, recording the move in its history. An offer or an acceptance is
 * celebrated in the group as the application's visibility allows and closes its open steps; a
 * withdrawal closes them quietly. An unknown company, two applications there and no role to tell
 * them apart, or a move to where it already is: each gets a short private answer, nothing stored.
 * The confirmation carries an Undo button that takes the move back (see undo-entry.ts).
 */
export async function moveApplicationStage(
  deps: CoreDeps,
  source: EventSource,
  input: InputFor<'stage'>,
): Promise<Reply> {
  const { company, role, stage } = input;
  const group = await resolveGroup(deps, source);
  const known = await deps.store.members.find(group.id, source.actor.userId);
  const lookup = await findApplication(deps.store, known?.id ?? null, company, role);
  if (lookup.kind === 'none') throw await unknownApplication(deps, known?.id ?? null, company, role, lookup.atCompany);
  if (lookup.kind === 'ambiguous')
    return whichApplication(
      lookup.matches,
      'Which one moved?',
      (r) => `/stage ${lookup.matches[0]?.company ?? company} | ${r} | ${stage}`,
    );
  return moveApplication(deps, group, source, lookup.application, stage);
}

/**
 * Moves this application of the caller's (found by `/stage`, or pressed in `/applications`) to
 * `stage`, with its celebration, its closed steps and its Undo.
 */
export async function moveApplication(
  deps: CoreDeps,
  group: Group,
  source: EventSource,
  application: Application,
  stage: StageMove,
): Promise<Reply> {
  if (application.status === stage)
    return privateText(`${describeApplication(application)} is already at ${stage}: nothing to change.`);

  const now = deps.clock.now();
  const { member, moved, closed, eventId } = await deps.store.transaction(async (tx) => {
    const member = await ensureMember({ ...deps, store: tx }, group, source);
    const moved = await tx.applications.setStatus(application.id, stage, now);
    const event = (await tx.applications.listEvents(moved.id)).at(-1);
    if (!event) throw new InternalError('invariant', `application ${moved.id} moved without an event`);
    await scheduleSilence(tx, deps.rules, group, moved, now, memberZone(member, group), now);
    // Back in the running after a no: the plan that followed the rejection is no longer what they need.
    if (application.status === 'rejected' && AWAITING.has(stage))
      await tx.followUps.cancelOpen(moved.id, rejectionRuleIds(deps.rules), now);
    const closed = CLOSING.has(stage)
      ? await tx.followUps.cancelOpen(
          moved.id,
          deps.rules.map((r) => r.id),
          now,
        )
      : 0;
    return { member, moved, closed, eventId: event.id };
  });

  const post = celebration(member, moved, stage);
  if (post) await postToGroup(deps, group, { memberId: member.id, subject: 'stage', subjectId: eventId }, post);
  return withUndo(textMessage(...confirmation(moved, stage, application.status, closed, post !== null)), {
    kind: 'stage',
    id: eventId,
    statusBefore: application.status,
  });
}

async function unknownApplication(
  deps: CoreDeps,
  memberId: number | null,
  company: string,
  role: string | null,
  atCompany: readonly Application[],
): Promise<UserError> {
  if (role && atCompany.length > 0) {
    const roles = [...new Set(atCompany.map((a) => a.role).filter((r) => r !== ''))];
    return new UserError(
      `I have no ${role} application to ${company} from you.${roles.length ? ` Yours there: ${roles.join(', ')}.` : ''}`,
      `/stage ${company} | ${roles[0] ?? 'Backend Engineer'} | interviewing`,
    );
  }
  const companies =
    memberId === null
      ? []
      : [...new Set((await deps.store.applications.listByMember(memberId)).reverse().map((a) => a.company))];
  const yours = companies.length
    ? ` Yours: ${companies.slice(0, 5).join(', ')}${companies.length > 5 ? ', …' : ''}.`
    : ' Log it first with /applied, then move it.';
  return new UserError(
    `I have no application to ${company} from you.${yours}`,
    companies[0] ? `/stage ${companies[0]} | interviewing` : `/applied ${company} | Backend Engineer`,
  );
}

/** The group's post for an offer or an acceptance; none for other moves, or for a private application. */
function celebration(member: Member, a: Application, stage: StageMove): Message | null {
  const name = member.displayName;
  if (stage === 'offer')
    return entryPost(member, a.visibility, {
      shared: `🎉 ${name} has an offer from ${a.company}! All that effort is paying off.`,
      counts: `🎉 ${name} has an offer! All that effort is paying off.`,
    });
  if (stage === 'accepted')
    return entryPost(member, a.visibility, {
      shared: `🥂 ${name} accepted an offer at ${a.company}. A new chapter: congratulations!`,
      counts: `🥂 ${name} accepted an offer. A new chapter: congratulations!`,
    });
  return null;
}

function confirmation(
  a: Application,
  stage: StageMove,
  before: Application['status'],
  closed: number,
  posted: boolean,
): string[] {
  // News on an application that had gone quiet or closed; not a withdrawal or ghosting of it.
  const revived = (before === 'ghosted' || before === 'rejected') && stage !== 'withdrawn' && stage !== 'ghosted';
  const lines = [
    `Moved ${describeApplication(a)} to ${stage}.${revived ? ` It was ${before}: good to see it moving again.` : ''}`,
  ];
  if (stage === 'offer') lines.push('Congratulations! Take a moment to enjoy it.');
  if (stage === 'accepted') lines.push('Congratulations on the new role!');
  if (closed > 0) lines.push(`Its ${closed} open follow-up step${closed === 1 ? ' is' : 's are'} closed.`);
  if (posted) lines.push('I told the group, so they can cheer with you.');
  else if ((stage === 'offer' || stage === 'accepted') && a.visibility === 'private')
    lines.push('(Kept private: nothing was posted to the group.)');
  return lines;
}
