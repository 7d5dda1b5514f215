import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { ButtonEvent } from '../events.ts';
import { privateText, textMessage, type Reply } from '../messages.ts';
import { REPEAT_WINDOW_MS } from './ask-before-repeating.ts';
import { sameWorkspace, workspaceOf } from './context.ts';
import { recordApplication } from './record-application.ts';
import { recordRejection } from './record-rejection.ts';

/** "Log it again" (or "Keep just the one") on that question. Only the person asked, once, within a day. */
export async function logAgain(deps: CoreDeps, event: ButtonEvent): Promise<Reply> {
  const m = /^again:(log|drop):(\d{1,15})$/.exec(event.actionId);
  if (!m) throw new UserError('That button no longer does anything.');
  const now = deps.clock.now();
  const claimed = await deps.store.transaction(async (tx) => {
    const held = await tx.pendingEntries.get(Number(m[2]));
    const member = held ? await tx.members.get(held.memberId) : null;
    if (!held || !member || !sameWorkspace(member.workspace, workspaceOf(event.source))) return null;
    if (member.userId !== event.source.actor.userId)
      throw new UserError('That question was for someone else, so I left it alone.');
    await tx.pendingEntries.delete(held.id);
    return held;
  });
  if (!claimed) return privateText('That question is already answered: nothing more was logged.');
  if (m[1] === 'drop') return { type: 'replace', message: textMessage('OK: I kept just the one you logged first.') };
  if (now.getTime() - claimed.createdAt.getTime() > REPEAT_WINDOW_MS)
    return {
      type: 'replace',
      message: textMessage(
        'That question expired after a day, so nothing was logged. Run the command again if you still want to.',
      ),
    };
  const reply =
    claimed.kind === 'applied'
      ? await recordApplication(deps, event.source, claimed.input, 'log')
      : await recordRejection(deps, event.source, claimed.input, 'log');
  return reply.type === 'private' ? { type: 'replace', message: reply.message } : reply;
}
