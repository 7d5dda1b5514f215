import type { InputFor } from '../commands/declarations.ts';
import { resolveWhen } from '../commands/when.ts';
import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { EventSource } from '../events.ts';
import { privateText, textMessage, type Reply } from '../messages.ts';
import { planInterviewSteps, type PlannedStep } from '../plan.ts';
import type { Store } from '../ports/index.ts';
import { roundName, type StepContext } from '../rule-text.ts';
import { formatWhen } from '../time.ts';
import type { Application, ApplicationStatus, Group, Interview, Member } from '../types.ts';
import { ensureMember, memberZone, resolveGroup } from './context.ts';
import { describeApplication, findApplication, whichApplication } from './find-application.ts';
import { scheduleSilence } from './schedule-silence.ts';
import { withUndo } from './undo-entry.ts';

const DAY_MS = 24 * 60 * 60_000;
/** An interview logged after the fact is fine within this; older ones are history, not a plan. */
const PAST_LIMIT_MS = 30 * DAY_MS;
const FUTURE_LIMIT_MS = 365 * DAY_MS;
/** A round of the same kind within this of now is the same round, moved (a reschedule). */
const SAME_ROUND_MS = DAY_MS;
/** Statuses an interview does not change: the application is already at interviewing or past it. */
const KEEPS_STATUS: ReadonlySet<ApplicationStatus> = new Set(['interviewing', 'offer', 'accepted']);

interface Logged {
  readonly member: Member;
  readonly application: Application;
  readonly interview: Interview;
  readonly steps: readonly PlannedStep[];
  readonly zone: string;
  /** The round's time before a reschedule; null for a new round. */
  readonly movedFrom: Date | null;
  readonly statusBefore: ApplicationStatus | 'new';
}

/**
 * `/interview company [| role] | when | kind`: records an interview round (the application's next
 * one, or the same round moved when one of that kind is coming up) and moves the application to
 * interviewing. The rules schedule the evening-before preparation, the thank-you after it and the
 * "no answer yet?" step; a moved round's open steps move with it. An application not logged yet
 * is created, as `/rejected` does. The reply shows the round and its plan, with an Undo.
 */
export async function recordInterview(
  deps: CoreDeps,
  source: EventSource,
  input: InputFor<'interview'>,
): Promise<Reply> {
  const { company, role, when, kind } = input;
  const group = await resolveGroup(deps, source);
  const known = await deps.store.members.find(group.id, source.actor.userId);
  const lookup = await findApplication(deps.store, known?.id ?? null, company, role);
  if (lookup.kind === 'ambiguous')
    return whichApplication(
      lookup.matches,
      'Which one is the interview for?',
      (r) => `/interview ${lookup.matches[0]?.company ?? company} | ${r} | ${when.text} | ${kind}`,
    );
  const now = deps.clock.now();

  const logged = await deps.store.transaction(async (tx): Promise<Logged | 'unchanged'> => {
    const member = await ensureMember({ ...deps, store: tx }, group, source);
    const zone = memberZone(member, group);
    const at = resolveWhen(when, now, zone);
    checkWhen(at, now, zone, group);
    const existing = lookup.kind === 'found' ? lookup.application : null;
    const application =
      existing ??
      (await tx.applications.create(
        {
          workspace: group.workspace,
          memberId: member.id,
          company,
          role: role ?? '',
          link: null,
          status: 'interviewing',
          visibility: member.visibility,
        },
        now,
      ));
    const same = existing ? await sameRound(tx, existing.id, kind, now) : null;
    if (same && same.at.getTime() === at.getTime()) return 'unchanged';
    const interview = same
      ? await tx.interviews.reschedule(same.id, at, now)
      : await tx.interviews.create(
          { workspace: group.workspace, applicationId: application.id, memberId: member.id, kind, at },
          now,
        );
    // A moved round's open steps give way to its new plan; a new round is news for the earlier
    // rounds, whose "no answer yet?" steps close.
    if (same) await tx.followUps.cancelOpenForInterview(same.id, now);
    else await tx.followUps.cancelOpen(application.id, ['interview-chase'], now);
    const moved =
      existing && !KEEPS_STATUS.has(existing.status)
        ? await tx.applications.setStatus(existing.id, 'interviewing', now)
        : application;
    const news = new Date(Math.max(at.getTime(), now.getTime()));
    await scheduleSilence(tx, deps.rules, group, moved, news, zone, now);
    const steps = planInterviewSteps(deps.rules, group, at, now, zone);
    await tx.followUps.createMany(
      steps.map((s) => ({
        workspace: group.workspace,
        memberId: member.id,
        applicationId: application.id,
        interviewId: interview.id,
        ruleId: s.rule.id,
        dueAt: s.dueAt,
        occurrence: s.occurrence,
      })),
      now,
    );
    return {
      member,
      application: moved,
      interview,
      steps,
      zone,
      movedFrom: same ? same.at : null,
      statusBefore: existing ? existing.status : 'new',
    };
  });

  if (logged === 'unchanged')
    return privateText(`That ${kind} interview is already down for that time: nothing to change.`);
  return reply(logged, group);
}

/** Refuses a time too far back to plan for, or too far ahead to be real, before anything is stored. */
function checkWhen(at: Date, now: Date, zone: string, group: Group): void {
  const shown = formatWhen(at, { zone, groupZone: group.timezone });
  if (now.getTime() - at.getTime() > PAST_LIMIT_MS)
    throw new UserError(
      `${shown} is more than 30 days ago: I only plan around interviews from the last month.`,
      '/interview Acme | tomorrow 14:00 | technical',
    );
  if (at.getTime() - now.getTime() > FUTURE_LIMIT_MS)
    throw new UserError(
      `${shown} is more than a year away: check the date?`,
      '/interview Acme | 2026-12-03 14:00 | phone',
    );
}

/** The application's round of this kind that is coming up (or was within the last day): the one being moved. */
async function sameRound(store: Store, applicationId: number, kind: string, now: Date): Promise<Interview | null> {
  const rounds = await store.interviews.listByApplication(applicationId);
  return [...rounds].reverse().find((r) => r.kind === kind && r.at.getTime() > now.getTime() - SAME_ROUND_MS) ?? null;
}

function reply(logged: Logged, group: Group): Reply {
  const { application, interview, steps, zone, movedFrom } = logged;
  const shownZone = { zone, groupZone: group.timezone };
  const ctx: StepContext = {
    company: application.company,
    role: application.role || null,
    interview: { round: interview.round, kind: interview.kind },
  };
  const what = `your ${roundName(ctx)} for ${describeApplication(application)}`;
  const lines = [
    movedFrom
      ? `Moved ${what} from ${formatWhen(movedFrom, shownZone)} to ${formatWhen(interview.at, shownZone)}.`
      : `Logged ${what}: ${formatWhen(interview.at, shownZone)}. Good luck!`,
  ];
  if (logged.statusBefore === 'new')
    lines.push(`I had no application to ${application.company} from you, so I added it.`);
  else if (logged.statusBefore !== application.status) lines.push(`${application.company} is at interviewing now.`);
  lines.push(
    '',
    steps.length
      ? "Here's the plan around it (I'll nudge you when each step is due):"
      : 'The interview steps are switched off for this group.',
    ...steps.map((s) => `• ${formatWhen(s.dueAt, shownZone)}: ${s.rule.title(ctx)}`),
  );
  return withUndo(
    textMessage(...lines),
    movedFrom
      ? { kind: 'interview-move', id: interview.id, movedFrom: movedFrom.getTime() }
      : { kind: 'interview', id: interview.id, statusBefore: logged.statusBefore },
  );
}
