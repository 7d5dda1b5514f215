import type { CoreDeps } from '../deps.ts';
import { groupWeek, windowOf, type GroupWeek } from '../insights/group-week.ts';
import { digestMessage, weekLabel } from '../insights/render.ts';
import { previousWeek, weekOf, type WeekBounds } from '../insights/week.ts';
import type { OutboundFile } from '../messages.ts';
import { atLocalTime } from '../time.ts';
import type { Group } from '../types.ts';
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
import { ledgerClaim } from './ledger-keys.ts';

/**
 * When this week's digest falls due: the group's first check-in day, at check-in time, in the
 * group's timezone. It reports on the week before, and is posted late (once) if the bot was down.
 */
export function digestDueAt(group: Group, now: Date): Date {
  const week = weekOf(now, group.timezone);
  const firstDay = group.checkInDays.length ? Math.min(...group.checkInDays) : 1;
  return atLocalTime(week.days[firstDay - 1] ?? week.days[0] ?? '', group.checkInMinute, group.timezone);
}

interface DigestJob {
  readonly group: Group;
  readonly covered: WeekBounds;
  readonly log: Record<string, string | number>;
}

/**
 * Once a week per group: a post with last week's figures, then a chart of it (applications,
 * follow-ups done and check-ins per day). Two platform calls, so two steps in the ledger, each
 * claimed before it is sent and marked with what it sent: the post (`digest`) and, once the post is
 * sent, the chart (`digest-chart`). A chart that failed is retried alone; the post is never resent.
 */
export async function queueWeeklyDigests(
  deps: CoreDeps,
  owner: string,
  policy: RetryPolicy,
  queue: DeliveryQueue,
): Promise<OutcomeCounts> {
  const now = deps.clock.now();
  const outcomes = noOutcomes();
  for (const group of await deps.store.groups.listAll()) {
    if (now.getTime() < digestDueAt(group, now).getTime()) continue;
    const covered = previousWeek(now, group.timezone);
    // A group set up after that week ended has nothing to look back on yet.
    if (group.createdAt.getTime() >= covered.end.getTime()) continue;
    const post = ledgerClaim({ kind: 'digest', groupId: group.id, isoWeek: covered.isoWeek }, group.workspace, owner);
    const chart = ledgerClaim(
      { kind: 'digest-chart', groupId: group.id, isoWeek: covered.isoWeek },
      group.workspace,
      owner,
    );
    // Most sweeps of the week find both steps done: one read, and nothing to claim.
    const held = await deps.store.deliveries.heldKeys([post.key, chart.key], now);
    if (held.has(post.key) && (held.has(chart.key) || !deps.charts)) continue;
    const job: DigestJob = {
      group,
      covered,
      log: {
        platform: group.workspace.platform,
        workspace: group.workspace.workspaceId,
        group: group.id,
        week: covered.isoWeek,
      },
    };
    const claimed = await deps.store.transaction(async (tx) => {
      if (await tx.deliveries.claim(post, now)) return 'post';
      // The chart's turn comes once the post is out (and only when charts are drawn at all).
      if (!deps.charts || (await tx.deliveries.get(post.key))?.status !== 'sent') return null;
      return (await tx.deliveries.claim(chart, now)) ? 'chart' : null;
    });
    if (!claimed) continue;
    queue.push(laneOf(group.workspace), {
      keys: claimed === 'post' ? [post.key, chart.key] : [chart.key],
      run: async () => {
        if (claimed === 'post') {
          const outcome = await sendPost(deps, job, post.key, owner, policy);
          outcomes[outcome]++;
          // The chart follows at once when the post went out.
          if (outcome !== 'sent' || !deps.charts) return;
          const next = await deps.store.transaction((tx) => tx.deliveries.claim(chart, deps.clock.now()));
          if (!next) return;
        }
        const outcome = await sendChart(deps, job, chart.key, owner, policy);
        if (outcome) outcomes[outcome]++;
      },
      release: async () => {
        await deps.store.deliveries.releaseUnattempted([claimed === 'post' ? post.key : chart.key], owner);
      },
    });
  }
  return outcomes;
}

async function weekFigures(deps: CoreDeps, job: DigestJob): Promise<GroupWeek> {
  return groupWeek(job.group, await deps.store.insights.groupFacts(job.group.id, windowOf(job.covered)), job.covered);
}

async function sendPost(
  deps: CoreDeps,
  job: DigestJob,
  key: string,
  owner: string,
  policy: RetryPolicy,
): Promise<keyof OutcomeCounts> {
  const { group } = job;
  const week = await weekFigures(deps, job);
  const result = await sendClaimed(
    deps,
    { keys: [key], owner },
    policy,
    (options) =>
      deps.chat.postToChannel(
        { workspace: group.workspace, channelId: group.channelId },
        digestMessage(group.name, week),
        options,
      ),
    async (tx, sent, at) => {
      await tx.posts.create(
        {
          workspace: group.workspace,
          groupId: group.id,
          memberId: null,
          subject: 'digest',
          subjectId: group.id,
          channelId: sent.channelId,
          messageId: sent.messageId,
        },
        at,
      );
    },
  );
  if (result.outcome === 'failed') await markFailed(deps, [key], result.error);
  if (result.outcome === 'sent') deps.logger.info({ ...job.log, outcome: 'sent' }, 'weekly digest posted');
  else {
    const { level, words } = describeOutcome(result);
    deps.logger[level]({ ...job.log, outcome: result.outcome }, `weekly digest ${words}`);
  }
  return result.outcome;
}

/** The chart under a posted digest. A chart that cannot be drawn is given up at once: the figures are out. */
async function sendChart(
  deps: CoreDeps,
  job: DigestJob,
  key: string,
  owner: string,
  policy: RetryPolicy,
): Promise<keyof OutcomeCounts | null> {
  const { group, covered } = job;
  let file: OutboundFile;
  try {
    const bytes = await (deps.charts as NonNullable<CoreDeps['charts']>).renderWeek({
      title: `${group.name}: week of ${weekLabel(covered)}`,
      days: (await weekFigures(deps, job)).days,
    });
    file = {
      filename: `rebound-week-${covered.isoWeek}.png`,
      mimeType: 'image/png',
      bytes,
      title: 'Applications, follow-ups done and check-ins per day',
    };
  } catch (error) {
    await deps.store.transaction((tx) => tx.deliveries.markAbandoned(key, 'the chart could not be drawn'));
    deps.logger.warn(
      { ...job.log, error: error instanceof Error ? error.name : 'unknown' },
      'digest chart not rendered',
    );
    return null;
  }
  const result = await sendClaimed(deps, { keys: [key], owner }, policy, async (options) => {
    await deps.chat.shareFiles({ workspace: group.workspace, channelId: group.channelId }, [file], options);
    return null;
  });
  if (result.outcome === 'failed') await markFailed(deps, [key], result.error);
  if (result.outcome === 'sent') deps.logger.info({ ...job.log, outcome: 'sent' }, 'weekly digest chart shared');
  else {
    const { level, words } = describeOutcome(result);
    deps.logger[level]({ ...job.log, outcome: result.outcome }, `weekly digest chart ${words}`);
  }
  return result.outcome;
}
