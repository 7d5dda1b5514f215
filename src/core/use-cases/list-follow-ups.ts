import type { CoreDeps } from '../deps.ts';
import type { EventSource } from '../events.ts';
import type { Block, Button, Message, Reply } from '../messages.ts';
import {
  followUpBlocks,
  followUpPageActionId,
  followUpTitle,
  STEPS_PER_MESSAGE,
  type FollowUpView,
} from '../render/follow-ups.ts';
import { formatWhen } from '../time.ts';
import type { FollowUp, Group, Member } from '../types.ts';
import { memberZone, resolveMember } from './context.ts';

/** How many of the steps still ahead the list names, without buttons. */
const COMING_SHOWN = 5;

/** `/followups`: the caller's due steps, each with Done / Snooze / Skip, then the next few still ahead. */
export async function listFollowUps(deps: CoreDeps, source: EventSource): Promise<Reply> {
  const { group, member } = await deps.store.transaction((tx) => resolveMember({ ...deps, store: tx }, source));
  return { type: 'private', message: await followUpList(deps, member, group, 1) };
}

/** The step a button on the list was just pressed for, and what became of it. */
export interface ActedStep {
  readonly followUp: FollowUp;
  readonly outcome: string;
}

/**
 * Page `page` of a member's list: what is due, a few steps per page so every one keeps its
 * buttons, then at most the next five steps still ahead, without buttons (they are not due yet).
 * Redrawn after a press with that step's outcome on top.
 */
export async function followUpList(
  deps: CoreDeps,
  member: Member,
  group: Group,
  page: number,
  acted?: ActedStep,
): Promise<Message> {
  const now = deps.clock.now().getTime();
  const zone = memberZone(member, group);
  const view = async (f: FollowUp): Promise<FollowUpView> => ({
    followUp: f,
    application: f.applicationId === null ? null : await deps.store.applications.get(f.applicationId),
    interview: f.interviewId === null ? null : await deps.store.interviews.get(f.interviewId),
  });
  const open = (await deps.store.followUps.listByMember(member.id, ['pending', 'snoozed'])).filter(
    (f) => f.id !== acted?.followUp.id,
  );
  const due = open.filter((f) => f.dueAt.getTime() <= now);
  const coming = open.filter((f) => f.dueAt.getTime() > now);

  const blocks: Block[] = [];
  if (acted)
    blocks.push({ type: 'text', text: `${acted.outcome} ${followUpTitle(deps.rules, await view(acted.followUp))}` });
  if (open.length === 0) {
    blocks.push({
      type: 'text',
      text: acted
        ? 'Nothing else is open.'
        : 'No open follow-ups. When you log a rejection with /rejected, I will plan the next steps with you.',
    });
    return { blocks };
  }

  blocks.push({ type: 'text', text: `Your open follow-ups (${open.length}):` });
  const pages = Math.max(1, Math.ceil(due.length / STEPS_PER_MESSAGE));
  const current = Math.min(page, pages);
  if (due.length === 0) blocks.push({ type: 'text', text: 'Nothing is due right now.' });
  else {
    blocks.push({
      type: 'text',
      text: pages > 1 ? `Due now (${due.length}), page ${current} of ${pages}:` : `Due now (${due.length}):`,
    });
    for (const f of due.slice((current - 1) * STEPS_PER_MESSAGE, current * STEPS_PER_MESSAGE))
      blocks.push(
        { type: 'divider' },
        ...followUpBlocks(deps.rules, await view(f), { zone, groupZone: group.timezone }, undefined, current),
      );
    const paging: Button[] = [];
    if (current > 1) paging.push({ actionId: followUpPageActionId(member.id, current - 1), label: '◂ Previous' });
    if (current < pages) paging.push({ actionId: followUpPageActionId(member.id, current + 1), label: 'More due ▸' });
    if (paging.length > 0) blocks.push({ type: 'buttons', buttons: paging });
  }

  if (coming.length > 0) {
    const lines: string[] = [];
    for (const f of coming.slice(0, COMING_SHOWN))
      lines.push(
        `• ${formatWhen(f.dueAt, { zone, groupZone: group.timezone })}: ${followUpTitle(deps.rules, await view(f))}`,
      );
    if (coming.length > COMING_SHOWN) lines.push(`…and ${coming.length - COMING_SHOWN} more later on.`);
    blocks.push({ type: 'divider' }, { type: 'text', text: ['Coming up:', ...lines].join('\n') });
  }
  return { blocks };
}
