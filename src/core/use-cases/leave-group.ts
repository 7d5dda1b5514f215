import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { EventSource } from '../events.ts';
import { privateText, type Reply } from '../messages.ts';
import { requireGroup } from './context.ts';

/** `/rebound leave`: stop taking part. Nothing is deleted (that is `/rebound forget-me`); nudges stop. */
export async function leaveGroup(deps: CoreDeps, source: EventSource): Promise<Reply> {
  const group = await requireGroup(deps, source);
  await deps.store.transaction(async (tx) => {
    const member = await tx.members.find(group.id, source.actor.userId);
    if (!member || !member.active) throw new UserError('You are not a member of this group.');
    await tx.members.update(member.id, { active: false });
  });
  return privateText(
    'You have left the group: no more nudges or reminders. Your history is kept; /rebound join brings you back, /rebound forget-me deletes it.',
  );
}
