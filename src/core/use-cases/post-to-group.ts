import type { CoreDeps } from '../deps.ts';
import { DeliveryError } from '../errors.ts';
import type { Message } from '../messages.ts';
import type { BotPost, Group, PostSubject } from '../types.ts';

/**
 * Posts to a group's channel and records the post so peer reactions can be credited. A failed
 * post is logged and does not undo what the member told us: their entry is already stored.
 */
export async function postToGroup(
  deps: CoreDeps,
  group: Group,
  about: { memberId: number | null; subject: PostSubject; subjectId: number | null },
  message: Message,
): Promise<BotPost | null> {
  try {
    const sent = await deps.chat.postToChannel({ workspace: group.workspace, channelId: group.channelId }, message);
    return await deps.store.posts.create(
      { workspace: group.workspace, groupId: group.id, channelId: sent.channelId, messageId: sent.messageId, ...about },
      deps.clock.now(),
    );
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    deps.logger.warn(
      {
        platform: group.workspace.platform,
        workspace: group.workspace.workspaceId,
        group: group.id,
        subject: about.subject,
        failure: error.kind,
      },
      'group post failed',
    );
    return null;
  }
}
