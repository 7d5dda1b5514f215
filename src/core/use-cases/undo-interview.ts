/**
 * Undo of an `/interview`: a new round goes with its plan (and the application, when logging the
 * round created it; its status moves back when the round moved it); a moved round goes back to
 * its earlier time, with the plan it had.
 */
import type { CoreDeps } from '../deps.ts';
import type { Store } from '../ports/index.ts';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../types.ts';
import type { FoundEntry } from './undo-entry.ts';

export type InterviewUndo =
  | { readonly kind: 'interview'; readonly id: number; readonly statusBefore: ApplicationStatus | 'new' }
  /** A round moved to another time, with the time it had before (epoch ms). */
  | { readonly kind: 'interview-move'; readonly id: number; readonly movedFrom: number };

export function isStatusBefore(word: string): word is ApplicationStatus | 'new' {
  return word === 'new' || (APPLICATION_STATUSES as readonly string[]).includes(word);
}

export function parseInterviewUndo(code: string, id: number, extra: string | undefined): InterviewUndo | null {
  if (!extra) return null;
  if (code === 'i') return isStatusBefore(extra) ? { kind: 'interview', id, statusBefore: extra } : null;
  return /^\d{1,15}$/.test(extra) ? { kind: 'interview-move', id, movedFrom: Number(extra) } : null;
}

/** When the undone action happened: the round's logging, or its last move. */
const actedAt = (target: InterviewUndo, i: { createdAt: Date; updatedAt: Date }) =>
  target.kind === 'interview' ? i.createdAt : i.updatedAt;

export async function findInterviewEntry(store: Store, target: InterviewUndo): Promise<FoundEntry | null> {
  const interview = await store.interviews.get(target.id);
  const a = interview ? await store.applications.get(interview.applicationId) : null;
  if (!interview || !a) return null;
  // Moved already back (or moved again since): this button's move is no longer the last word.
  if (target.kind === 'interview-move' && interview.at.getTime() === target.movedFrom) return null;
  const since = actedAt(target, interview).getTime();
  const later = (await store.applications.listEvents(a.id)).find((e) => e.createdAt.getTime() > since);
  const laterRound = (await store.interviews.listByApplication(a.id)).find((r) => r.createdAt.getTime() > since);
  return {
    memberId: a.memberId,
    createdAt: actedAt(target, interview),
    subject: 'interview',
    what: `your ${interview.kind} interview for ${a.company}`,
    ...(later ? { later: `A move to ${later.status}` } : laterRound ? { later: `A later round` } : {}),
  };
}

/** Takes the interview back inside the Undo's transaction; returns how many steps went with it. */
export async function removeInterview(deps: CoreDeps, target: InterviewUndo, now: Date): Promise<number> {
  const { store } = deps;
  const interview = await store.interviews.get(target.id);
  if (!interview) return 0;
  const appId = interview.applicationId;
  const at = actedAt(target, interview);
  if (target.kind === 'interview-move') {
    // The new plan goes, the plan the move cancelled comes back, and so does the time.
    const steps = await store.followUps.deleteForApplicationSince(appId, at);
    await store.followUps.reopenCancelledAt(appId, at);
    await store.interviews.reschedule(interview.id, new Date(target.movedFrom), now);
    return steps;
  }
  const steps = await store.followUps.deleteForApplicationSince(appId, at);
  if (target.statusBefore === 'new') {
    await store.applications.delete(appId);
    return steps;
  }
  await store.interviews.delete(interview.id);
  // Earlier rounds' "no answer yet?" steps that this round closed are open again.
  await store.followUps.reopenCancelledAt(appId, at);
  const last = (await store.applications.listEvents(appId)).at(-1);
  if (last && last.status === 'interviewing' && last.createdAt.getTime() === at.getTime())
    await store.applications.revertStatus(appId, target.statusBefore, last.id);
  return steps;
}
