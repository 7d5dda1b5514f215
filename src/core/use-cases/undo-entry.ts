import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { ButtonEvent, EventSource } from '../events.ts';
import { privateText, textMessage, type Message, type Reply } from '../messages.ts';
import type { Store } from '../ports/index.ts';
import { APPLICATION_STATUSES, type ApplicationStatus, type BotPost, type Group, type PostSubject } from '../types.ts';
import { sameWorkspace, workspaceOf } from './context.ts';
import { takeDownPost } from './take-down-post.ts';
import {
  findInterviewEntry,
  isStatusBefore,
  parseInterviewUndo,
  removeInterview,
  type InterviewUndo,
} from './undo-interview.ts';

/** How long a logging reply's Undo button works. */
export const UNDO_WINDOW_MS = 24 * 60 * 60_000;

const PREFIX = 'undo';

/**
 * What an Undo button takes back. A rejection also says what its application's status was before
 * (`new` when the rejection report created the application), so undoing it can put that back.
 */
export type UndoTarget =
  | { readonly kind: 'application'; readonly id: number }
  | { readonly kind: 'update'; readonly id: number }
  | { readonly kind: 'rejection'; readonly id: number; readonly statusBefore: ApplicationStatus | 'new' }
  /** A `/stage` move, by its event, with the status the application had before it. */
  | { readonly kind: 'stage'; readonly id: number; readonly statusBefore: ApplicationStatus }
  | InterviewUndo;

const CODES = {
  application: 'a',
  rejection: 'r',
  update: 'u',
  stage: 's',
  interview: 'i',
  'interview-move': 'm',
} as const;

export function undoActionId(target: UndoTarget): string {
  const base = `${PREFIX}:${CODES[target.kind]}:${target.id}`;
  if (target.kind === 'interview-move') return `${base}:${target.movedFrom}`;
  return target.kind === 'rejection' || target.kind === 'stage' || target.kind === 'interview'
    ? `${base}:${target.statusBefore}`
    : base;
}

export function parseUndoActionId(actionId: string): UndoTarget | null {
  const m = /^undo:([arusim]):(\d{1,15})(?::([a-z0-9]{1,20}))?$/.exec(actionId);
  if (!m) return null;
  const id = Number(m[2]);
  if (m[1] === 'i' || m[1] === 'm') return parseInterviewUndo(m[1], id, m[3]);
  if (m[1] === 'a' && !m[3]) return { kind: 'application', id };
  if (m[1] === 'u' && !m[3]) return { kind: 'update', id };
  const before = m[3];
  if (m[1] === 'r' && before && isStatusBefore(before))
    return { kind: 'rejection', id, statusBefore: before as ApplicationStatus | 'new' };
  if (m[1] === 's' && before && (APPLICATION_STATUSES as readonly string[]).includes(before))
    return { kind: 'stage', id, statusBefore: before as ApplicationStatus };
  return null;
}

/** A logging reply with its Undo button. */
export function withUndo(message: Message, target: UndoTarget): Reply {
  return {
    type: 'private',
    message: {
      blocks: [...message.blocks, { type: 'buttons', buttons: [{ actionId: undoActionId(target), label: 'Undo' }] }],
    },
  };
}

/**
 * The statuses of the caller's applications to a company, read before a rejection changes one:
 * what the rejection's Undo puts back.
 */
export async function statusesBefore(
  deps: CoreDeps,
  group: Group,
  source: EventSource,
  company: string,
): Promise<ReadonlyMap<number, ApplicationStatus>> {
  const member = await deps.store.members.find(group.id, source.actor.userId);
  if (!member) return new Map();
  return new Map((await deps.store.applications.findByCompany(member.id, company)).map((a) => [a.id, a.status]));
}

type Outcome =
  | { readonly kind: 'gone' }
  | { readonly kind: 'expired'; readonly what: string }
  | { readonly kind: 'blocked'; readonly why: string }
  | { readonly kind: 'undone'; readonly what: string; readonly steps: number; readonly post: BotPost | null };

/**
 * Undo on a logging reply: within a day, the member who logged the entry takes it back, with its
 * plan (its follow-ups, so none of them is ever nudged), its group post (deleted on the platform,
 * or edited to say it was withdrawn where deleting is refused) and the reactions counted on it.
 */
export async function undoEntry(deps: CoreDeps, event: ButtonEvent): Promise<Reply> {
  const target = parseUndoActionId(event.actionId);
  if (!target) throw new UserError('That button no longer does anything.');
  const ws = workspaceOf(event.source);
  const now = deps.clock.now();

  const outcome = await deps.store.transaction(async (tx): Promise<Outcome> => {
    const entry = await findEntry(tx, target);
    const member = entry ? await tx.members.get(entry.memberId) : null;
    if (!entry || !member || !sameWorkspace(member.workspace, ws)) return { kind: 'gone' };
    if (member.userId !== event.source.actor.userId)
      throw new UserError("That Undo belongs to someone else's entry, so I left it alone.");
    if (now.getTime() - entry.createdAt.getTime() > UNDO_WINDOW_MS) return { kind: 'expired', what: entry.what };
    if (
      target.kind === 'application' &&
      (await tx.rejections.listByMember(member.id)).some((r) => r.applicationId === target.id)
    )
      return { kind: 'blocked', why: `A rejection is logged on ${entry.what} since: undo that first.` };
    if (target.kind === 'application' && (await tx.applications.listEvents(target.id)).length > 1)
      return { kind: 'blocked', why: `A stage move is logged on ${entry.what} since: undo that first.` };
    if (target.kind !== 'application' && target.kind !== 'update' && entry.later)
      return { kind: 'blocked', why: `${entry.later} is logged since ${entry.what}: undo that first.` };

    const post = await tx.posts.findBySubject(ws, entry.subject, target.id);
    if (post) await tx.posts.delete(post.id);
    const steps = await removeEntry({ ...deps, store: tx }, target, member.id, now);
    return { kind: 'undone', what: entry.what, steps, post };
  });

  switch (outcome.kind) {
    case 'gone':
      return privateText('That entry is already undone: there is nothing left to remove.');
    case 'expired':
      return privateText(
        `Undo works for 24 hours after logging, and ${outcome.what} was logged longer ago than that, so it stays as it is.`,
      );
    case 'blocked':
      return privateText(outcome.why);
    case 'undone': {
      if (outcome.post) await takeDownPost(deps, outcome.post);
      const removed = [
        outcome.steps > 0 ? `its plan (${outcome.steps} step${outcome.steps === 1 ? '' : 's'})` : null,
        outcome.post ? 'its group post' : null,
      ].filter((x): x is string => x !== null);
      if (target.kind === 'interview-move')
        return {
          type: 'replace',
          message: textMessage(`Undone: ${outcome.what} is back at its earlier time, with its plan.`),
        };
      if (target.kind === 'stage') {
        const reopened = outcome.steps
          ? ` Its ${outcome.steps} follow-up step${outcome.steps === 1 ? ' is' : 's are'} open again.`
          : '';
        const post = outcome.post ? ', with its group post' : '';
        return { type: 'replace', message: textMessage(`Undone: ${outcome.what} is taken back${post}.${reopened}`) };
      }
      const also = removed.length ? `, with ${removed.join(' and ')}` : '';
      return { type: 'replace', message: textMessage(`Undone: ${outcome.what} is removed${also}.`) };
    }
  }
}

export interface FoundEntry {
  readonly memberId: number;
  readonly createdAt: Date;
  readonly subject: PostSubject;
  /** How the reply names it, e.g. "your rejection from Acme". */
  readonly what: string;
  /** For a stage move or a rejection: a later move of its application, which must be undone first. */
  readonly later?: string;
}

async function findEntry(store: Store, target: UndoTarget): Promise<FoundEntry | null> {
  switch (target.kind) {
    case 'application': {
      const a = await store.applications.get(target.id);
      return a
        ? {
            memberId: a.memberId,
            createdAt: a.createdAt,
            subject: 'application',
            what: `your application to ${a.company}`,
          }
        : null;
    }
    case 'rejection': {
      const r = await store.rejections.get(target.id);
      const a = r ? await store.applications.get(r.applicationId) : null;
      if (!r || !a) return null;
      // A move since (the application revived) is taken back first, or its history would lie.
      const last = (await store.applications.listEvents(a.id)).at(-1);
      return {
        memberId: r.memberId,
        createdAt: r.createdAt,
        subject: 'rejection',
        what: `your rejection from ${a.company}`,
        ...(last && last.status !== 'rejected' ? { later: `A move to ${last.status}` } : {}),
      };
    }
    case 'stage': {
      const e = await store.applications.getEvent(target.id);
      const a = e ? await store.applications.get(e.applicationId) : null;
      if (!e || !a) return null;
      const last = (await store.applications.listEvents(a.id)).at(-1);
      return {
        memberId: a.memberId,
        createdAt: e.createdAt,
        subject: 'stage',
        what: `the move of ${a.role ? `${a.role} at ` : ''}${a.company} to ${e.status}`,
        ...(last && last.id !== e.id ? { later: `A move to ${last.status}` } : {}),
      };
    }
    case 'interview':
    case 'interview-move':
      return findInterviewEntry(store, target);
    case 'update': {
      const u = await store.updates.get(target.id);
      return u ? { memberId: u.memberId, createdAt: u.createdAt, subject: 'update', what: 'your update' } : null;
    }
  }
}

/** Removes the entry's rows, inside the Undo's transaction; returns how many follow-ups went with it. */
async function removeEntry(deps: CoreDeps, target: UndoTarget, memberId: number, now: Date): Promise<number> {
  switch (target.kind) {
    case 'update':
      await deps.store.updates.delete(target.id);
      return 0;
    case 'interview':
    case 'interview-move':
      return removeInterview(deps, target, now);
    case 'application': {
      const a = await deps.store.applications.get(target.id);
      if (!a) return 0;
      // What logging it ticked off ("line up your next application") is open again.
      const ticked = deps.rules.filter((r) => r.endsOn.includes('application-logged')).map((r) => r.id);
      await deps.store.followUps.reopenDoneAt(memberId, ticked, a.createdAt);
      await deps.store.applications.delete(a.id);
      return 0;
    }
    case 'stage': {
      const e = await deps.store.applications.getEvent(target.id);
      if (!e) return 0;
      // The application is as it was, and what the move closed is open again.
      await deps.store.applications.revertStatus(e.applicationId, target.statusBefore, e.id);
      return deps.store.followUps.reopenCancelledAt(e.applicationId, e.at);
    }
    case 'rejection': {
      const r = await deps.store.rejections.get(target.id);
      if (!r) return 0;
      // The plan, and any step chained from it since (a feedback request done → note the answer).
      const steps = await deps.store.followUps.deleteForApplicationSince(r.applicationId, r.createdAt);
      if (target.statusBefore === 'new') {
        await deps.store.applications.delete(r.applicationId);
      } else {
        await deps.store.rejections.delete(r.id);
        // The interview steps the rejection closed are open again.
        await deps.store.followUps.reopenCancelledAt(r.applicationId, r.createdAt);
        // The rejection's event (the application's last while it is rejected) goes with it: the
        // history reads as if it was never logged.
        const last = (await deps.store.applications.listEvents(r.applicationId)).at(-1);
        if ((await deps.store.applications.get(r.applicationId))?.status === 'rejected' && last?.status === 'rejected')
          await deps.store.applications.revertStatus(r.applicationId, target.statusBefore, last.id);
      }
      return steps;
    }
  }
}
