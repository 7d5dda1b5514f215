/** Taking a bot post about an entry off the group channel. */
import type { CoreDeps } from '../deps.ts';
import { DeliveryError } from '../errors.ts';
import { textMessage } from '../messages.ts';
import type { BotPost } from '../types.ts';

const WITHDRAWN = textMessage('(withdrawn by the member)');

/** Deletes the post on the platform; where that is refused, edits it to say it was withdrawn. */
export async function takeDownPost(deps: CoreDeps, post: BotPost): Promise<void> {
  const sent = { channelId: post.channelId, messageId: post.messageId };
  try {
    await deps.chat.deleteMessage(post.workspace, sent);
    return;
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    deps.logger.warn(
      { platform: post.workspace.platform, workspace: post.workspace.workspaceId, failure: error.kind },
      'could not delete an undone group post; editing it instead',
    );
  }
  try {
    await deps.chat.updateMessage(post.workspace, sent, WITHDRAWN);
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    deps.logger.warn(
      { platform: post.workspace.platform, workspace: post.workspace.workspaceId, failure: error.kind },
      'could not edit an undone group post',
    );
  }
}
