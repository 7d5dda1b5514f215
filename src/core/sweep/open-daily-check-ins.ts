import type { CoreDeps } from '../deps.ts';
import { checkInPost, checkInThreadName } from '../render/check-ins.ts';
import type { Group } from '../types.ts';
import { checkInAt, groupDate, hasCheckIns, isCheckInDay } from './check-in-schedule.ts';
import {
  describeOutcome,
  laneOf,
  markFailed,
  noOutcomes,
  sendClaimed,
  type OutcomeCounts,
  type RetryPolicy,
} from './deliver.ts';
import type { DeliveryQueue } from './delivery-queue.ts';
import { ledgerClaim, ledgerKey } from './ledger-keys.ts';

/**
 * At each group's check-in time on its check-in days (group timezone), unless the group switched
 * the `check-in` rule off, one post that opens the
 * day's thread, at most once per group and local date (the ledger key `checkin:{group}:{date}`).
 * Only today's local date is ever considered, so a post is late at most within the same day, and
 * a day the bot missed entirely is never posted on a later day. The claimed posts go to the queue.
 */
export async function queueDailyCheckIns(
  deps: CoreDeps,
  owner: string,
  policy: RetryPolicy,
  queue: DeliveryQueue,
): Promise<OutcomeCounts> {
  const outcomes = noOutcomes();
  const now = deps.clock.now();
  const due: { group: Group; date: string; key: string }[] = [];
  for (const group of (await deps.store.groups.listAll()).filter(hasCheckIns)) {
    const date = groupDate(group, now);
    const at = checkInAt(group, date);
    // Not before it is time, and not on the day a group was set up after its check-in time.
    if (!isCheckInDay(group, date) || at.getTime() > now.getTime() || group.createdAt.getTime() > at.getTime())
      continue;
    due.push({ group, date, key: ledgerKey({ kind: 'checkin', groupId: group.id, localDate: date }) });
  }
  if (due.length === 0) return outcomes;
  const existing = await deps.store.deliveries.heldKeys(
    due.map((d) => d.key),
    now,
  );
  const open = due.filter((d) => !existing.has(d.key));
  if (open.length === 0) return outcomes;
  const owned = await deps.store.transaction((tx) =>
    tx.deliveries.claimMany(
      open.map((d) =>
        ledgerClaim({ kind: 'checkin', groupId: d.group.id, localDate: d.date }, d.group.workspace, owner),
      ),
      now,
    ),
  );

  for (const { group, date, key } of open.filter((d) => owned.has(d.key))) {
    queue.push(laneOf(group.workspace), {
      keys: [key],
      run: async () => {
        const outcome = await postCheckIn(deps, { group, date, key }, owner, policy);
        if (outcome) outcomes[outcome]++;
      },
      release: async () => {
        await deps.store.deliveries.releaseUnattempted([key], owner);
      },
    });
  }
  return outcomes;
}

async function postCheckIn(
  deps: CoreDeps,
  { group, date, key }: { group: Group; date: string; key: string },
  owner: string,
  policy: RetryPolicy,
): Promise<keyof OutcomeCounts | null> {
  const log = { platform: group.workspace.platform, workspace: group.workspace.workspaceId, group: group.id, date };
  // A long queue of sends must not carry a post over midnight: then the day is over, and it is dropped.
  if (groupDate(group, deps.clock.now()) !== date) {
    await deps.store.transaction((tx) =>
      tx.deliveries.markAbandoned(key, 'the local day ended before it could be posted'),
    );
    deps.logger.warn({ ...log, outcome: 'dropped' }, 'check-in post dropped: the day ended');
    return null;
  }
  const target = { workspace: group.workspace, channelId: group.channelId };
  const result = await sendClaimed(
    deps,
    { keys: [key], owner },
    policy,
    (options) => deps.chat.postThreadStarter(target, checkInPost(group.id, date), checkInThreadName(date), options),
    async (tx, sent, at) => {
      await tx.checkIns.saveThread(
        {
          workspace: group.workspace,
          groupId: group.id,
          localDate: date,
          channelId: sent.channelId,
          messageId: sent.messageId,
          threadId: sent.threadId,
        },
        at,
      );
      await tx.posts.create(
        {
          workspace: group.workspace,
          groupId: group.id,
          memberId: null,
          subject: 'check-in',
          subjectId: group.id,
          channelId: sent.channelId,
          messageId: sent.messageId,
        },
        at,
      );
    },
  );
  if (result.outcome === 'sent') {
    deps.logger.info({ ...log, outcome: 'sent' }, 'check-in thread opened');
  } else {
    if (result.outcome === 'failed') await markFailed(deps, [key], result.error);
    const { level, words } = describeOutcome(result);
    deps.logger[level]({ ...log, outcome: result.outcome }, `check-in post ${words}`);
  }
  return result.outcome;
}
