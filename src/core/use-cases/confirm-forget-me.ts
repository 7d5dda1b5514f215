import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { ButtonEvent } from '../events.ts';
import { parseForgetAction, type ForgetAction } from '../privacy/forget-token.ts';
import { textMessage, type Reply } from '../messages.ts';
import type { SentMessage, Store } from '../ports/index.ts';
import type { WorkspaceRef } from '../types.ts';
import { sameWorkspace, workspaceOf } from './context.ts';

const REMOVED = textMessage("(removed at the member's request)");
const STALE = 'That button no longer does anything. Run /rebound forget-me again.';
/** A deletion that began this long ago and never finished (the process stopped) may be confirmed again. */
const UNFINISHED_AFTER_MS = 5 * 60_000;

type Decision =
  { readonly kind: 'answer'; readonly text: string } | { readonly kind: 'delete'; readonly userId: string };

/**
 * The forget-me buttons: Delete everything, or Keep my data. Only the person who asked, in the
 * workspace where they asked, and each confirmation once: a later press of either button says what
 * the first one did. Deleting first blanks the bot's group posts about them on the platform (where
 * it allows editing); then every row about them is deleted in one transaction.
 */
export async function confirmForgetMe(deps: CoreDeps, event: ButtonEvent): Promise<Reply> {
  const action = parseForgetAction(event.actionId);
  if (!action) throw new UserError(STALE);
  const ws = workspaceOf(event.source);
  const now = deps.clock.now();
  const decision = await deps.store.transaction((tx) => decide(tx, action, ws, event.source.actor.userId, now));
  if (decision.kind === 'answer') return { type: 'replace', message: textMessage(decision.text) };
  const userId = decision.userId;

  const data = await deps.store.transaction((tx) => tx.privacy.exportMember(ws, userId));
  const messages = groupMessagesAbout(data.posts, data.deliveries, new Set(data.groups.map((g) => g.channelId)));
  let unedited = 0;
  for (const sent of messages) {
    try {
      await deps.chat.updateMessage(ws, sent, REMOVED);
    } catch (error) {
      // The message may be gone already or too old to edit; the rows go regardless.
      unedited++;
      deps.logger.warn(
        { platform: ws.platform, workspace: ws.workspaceId, error: error instanceof Error ? error.name : 'unknown' },
        'could not blank a group post for forget-me',
      );
    }
  }
  const report = await deps.store.transaction(async (tx) => {
    const forgotten = await tx.privacy.forgetMember(ws, userId);
    await tx.forgetConfirmations.markForgotten(ws, userId, deps.clock.now());
    return forgotten;
  });
  deps.logger.info(
    { platform: ws.platform, workspace: ws.workspaceId, memberships: report.members, posts: report.posts, unedited },
    'member forgotten',
  );
  const lines = ['Done: everything Rebound stored about you in this workspace is deleted.'];
  if (messages.length > unedited)
    lines.push(
      `${messages.length - unedited} group post${messages.length - unedited === 1 ? '' : 's'} about you now read "(removed at the member's request)".`,
    );
  if (unedited > 0)
    lines.push(
      `${unedited} older post${unedited === 1 ? '' : 's'} could not be edited on the platform; a channel moderator can delete them.`,
    );
  lines.push('If you use Rebound again, you start fresh. Take care, and good luck out there.');
  return { type: 'replace', message: textMessage(lines.join('\n')) };
}

/** Reads the confirmation and decides, once: an answer about what already happened, or to delete now. */
async function decide(
  store: Store,
  action: ForgetAction,
  ws: WorkspaceRef,
  actor: string,
  now: Date,
): Promise<Decision> {
  const answer = (text: string): Decision => ({ kind: 'answer', text });
  const confirmation = await store.forgetConfirmations.get(action.confirmationId);
  if (!confirmation) throw new UserError(STALE);
  const theirs =
    sameWorkspace(confirmation.workspace, ws) && (confirmation.userId === null || confirmation.userId === actor);
  if (!theirs) {
    throw new UserError(
      action.kind === 'confirm'
        ? 'This confirmation belongs to someone else, so nothing was deleted. To delete your own data, run /rebound forget-me.'
        : 'This confirmation belongs to someone else, so I left it alone.',
    );
  }
  const userId = confirmation.userId;
  if (confirmation.state === 'deleted' || userId === null) {
    return answer(
      action.kind === 'confirm'
        ? 'Already done: everything Rebound stored about you in this workspace was deleted when you first confirmed. There is nothing more to delete.'
        : 'Your data was already deleted when you pressed Delete everything, so there is nothing left to keep. If you use Rebound again, you start fresh.',
    );
  }
  if (confirmation.state === 'kept') {
    return answer(
      action.kind === 'confirm'
        ? 'You chose to keep your data, so nothing was deleted. If you want it deleted after all, run /rebound forget-me again.'
        : 'Nothing was deleted. Your data stays as it is.',
    );
  }
  if (confirmation.state === 'deleting') {
    if (action.kind === 'keep')
      return answer('Your data is being deleted, as you asked with Delete everything, so it cannot be kept now.');
    const since = confirmation.decidedAt?.getTime() ?? 0;
    if (now.getTime() - since < UNFINISHED_AFTER_MS)
      return answer('Deleting your data now, as you asked. It takes a moment.');
  } else if (action.kind === 'keep') {
    await store.forgetConfirmations.decide(confirmation.id, 'kept', now);
    return answer('Nothing was deleted. Your data stays as it is.');
  } else if (now.getTime() > confirmation.expiresAt.getTime()) {
    throw new UserError(
      'That confirmation has expired and nothing was deleted. Run /rebound forget-me again if you still want to.',
    );
  }
  await store.forgetConfirmations.decide(confirmation.id, 'deleting', now);
  return { kind: 'delete', userId };
}

/** The bot's messages in group channels about the member: entry posts, and nudges that fell back to the channel. */
function groupMessagesAbout(
  posts: readonly { channelId: string; messageId: string }[],
  deliveries: readonly { channelId: string | null; messageId: string | null }[],
  groupChannels: ReadonlySet<string>,
): SentMessage[] {
  const seen = new Map<string, SentMessage>();
  for (const p of posts)
    seen.set(`${p.channelId}\u0000${p.messageId}`, { channelId: p.channelId, messageId: p.messageId });
  for (const d of deliveries) {
    if (d.channelId && d.messageId && groupChannels.has(d.channelId))
      seen.set(`${d.channelId}\u0000${d.messageId}`, { channelId: d.channelId, messageId: d.messageId });
  }
  return [...seen.values()];
}
