import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { ButtonEvent } from '../events.ts';
import { parseForgetAction, workspaceTag } from '../privacy/forget-token.ts';
import { textMessage, type Reply } from '../messages.ts';
import type { SentMessage } from '../ports/index.ts';
import { workspaceOf } from './context.ts';

const REMOVED = textMessage("(removed at the member's request)");

/**
 * The forget-me confirmation. Only the person who asked, in the workspace where they asked, before
 * the button expires. First the bot's group posts about them are blanked on the platform (where it
 * allows editing); then every row about them is deleted in one transaction.
 */
export async function confirmForgetMe(deps: CoreDeps, event: ButtonEvent): Promise<Reply> {
  const action = parseForgetAction(event.actionId);
  if (!action) throw new UserError('That button no longer does anything. Run /rebound forget-me again.');
  if (action.kind === 'cancel')
    return { type: 'replace', message: textMessage('Nothing was deleted. Your data stays as it is.') };
  const ws = workspaceOf(event.source);
  if (action.userId !== event.source.actor.userId || action.workspaceTag !== workspaceTag(ws)) {
    throw new UserError(
      'This confirmation belongs to someone else, so nothing was deleted. To delete your own data, run /rebound forget-me.',
    );
  }
  if (deps.clock.now().getTime() > action.expiresAt.getTime()) {
    throw new UserError(
      'That confirmation has expired and nothing was deleted. Run /rebound forget-me again if you still want to.',
    );
  }

  const data = deps.store.transaction(() => deps.store.privacy.exportMember(ws, action.userId));
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
  const report = deps.store.transaction(() => deps.store.privacy.forgetMember(ws, action.userId));
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
