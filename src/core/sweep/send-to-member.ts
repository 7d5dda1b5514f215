/**
 * A claimed message for one member: a DM, or, when DMs fail permanently (closed, user gone), one
 * mention in the group channel instead; the member is then marked unreachable by DM so later
 * messages go to the channel directly. The DM channel the platform answers with is kept on the
 * member, so the next DM needs no lookup. Every outcome is written to the ledger and logged.
 */
import type { CoreDeps } from '../deps.ts';
import type { Message } from '../messages.ts';
import type { SentMessage, Store } from '../ports/index.ts';
import type { Group, Member } from '../types.ts';
import {
  describeOutcome,
  markFailed,
  sendClaimed,
  type Claim,
  type ClaimedOutcome,
  type RetryPolicy,
} from './deliver.ts';

export interface MemberTarget {
  readonly member: Member;
  readonly group: Group;
  readonly message: Message;
  /** The line before the message when it goes to the channel as a mention instead. */
  readonly channelIntro: string;
}

export async function sendToMember(
  deps: CoreDeps,
  target: MemberTarget,
  claim: Claim & { readonly what: string },
  policy: RetryPolicy,
): Promise<ClaimedOutcome> {
  const { member, group } = target;
  const log = {
    platform: member.workspace.platform,
    workspace: member.workspace.workspaceId,
    group: group.id,
    member: member.id,
    what: claim.what,
    items: claim.keys.length,
  };
  const inChannel = () =>
    sendClaimed(deps, claim, policy, (options) =>
      deps.chat.postToChannel(
        { workspace: group.workspace, channelId: group.channelId },
        {
          ...target.message,
          blocks: [{ type: 'mention', userIds: [member.userId], text: target.channelIntro }, ...target.message.blocks],
        },
        options,
      ),
    );
  const keepDmChannel = async (tx: Store, sent: SentMessage) => {
    if (sent.channelId !== member.dmChannelId) await tx.members.update(member.id, { dmChannelId: sent.channelId });
  };
  let result = member.dmUnreachable
    ? await inChannel()
    : await sendClaimed(
        deps,
        claim,
        policy,
        (options) =>
          deps.chat.sendDirect(
            { workspace: member.workspace, userId: member.userId, dmChannelId: member.dmChannelId },
            target.message,
            options,
          ),
        keepDmChannel,
      );
  if (result.outcome === 'failed' && !member.dmUnreachable) {
    deps.logger.warn(
      { ...log, failure: 'permanent' },
      'DM failed permanently; falling back to one mention in the group channel',
    );
    await deps.store.members.update(member.id, { dmUnreachable: true });
    result = await inChannel();
  }
  if (result.outcome === 'failed') await markFailed(deps, claim.keys, result.error);
  if (result.outcome === 'sent') {
    deps.logger.info({ ...log, outcome: 'sent' }, `${claim.what} delivered`);
  } else {
    const { level, words } = describeOutcome(result);
    const failure = 'error' in result ? result.error.kind : undefined;
    deps.logger[level]({ ...log, outcome: result.outcome, ...(failure ? { failure } : {}) }, `${claim.what} ${words}`);
  }
  return result;
}
