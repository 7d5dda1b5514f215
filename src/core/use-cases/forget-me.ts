import type { CoreDeps } from '../deps.ts';
import type { EventSource } from '../events.ts';
import { confirmActionId, FORGET_CONFIRM_TTL_MS, keepActionId } from '../privacy/forget-token.ts';
import { privateText, type Reply } from '../messages.ts';
import { workspaceOf } from './context.ts';

/**
 * `/rebound forget-me`: asks for confirmation with a button that only the caller can use, in this
 * workspace, once, for the next 30 minutes. Nothing is deleted until they confirm.
 */
export async function askToForgetMe(deps: CoreDeps, source: EventSource): Promise<Reply> {
  const ws = workspaceOf(source);
  // Someone who only ever reacted to posts, without joining, has rows too (their reactions).
  const data = await deps.store.transaction((tx) => tx.privacy.exportMember(ws, source.actor.userId));
  if (data.memberships.length === 0 && data.reactionsGiven.length === 0)
    return privateText('I have nothing stored about you in this workspace, so there is nothing to forget.');
  const now = deps.clock.now();
  const confirmation = await deps.store.transaction((tx) =>
    tx.forgetConfirmations.create(ws, source.actor.userId, new Date(now.getTime() + FORGET_CONFIRM_TTL_MS), now),
  );
  return {
    type: 'private',
    message: {
      blocks: [
        {
          type: 'text',
          text: [
            'This deletes everything Rebound stores about you in this workspace, in every group: applications, rejections, updates, feedback, follow-ups, check-ins, goals and reactions. Your group posts will read "(removed at the member\'s request)".',
            'It cannot be undone. If you want a copy first, run /rebound export.',
          ].join('\n'),
        },
        {
          type: 'buttons',
          buttons: [
            {
              actionId: confirmActionId(confirmation.id),
              label: 'Delete everything',
              style: 'danger',
            },
            { actionId: keepActionId(confirmation.id), label: 'Keep my data' },
          ],
        },
      ],
    },
  };
}
