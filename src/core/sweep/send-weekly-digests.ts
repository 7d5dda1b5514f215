import type { CoreDeps } from '../deps.ts';
import { groupWeek, windowOf } from '../insights/group-week.ts';
import { digestMessage, weekLabel } from '../insights/render.ts';
import { previousWeek, weekOf } from '../insights/week.ts';
import type { OutboundFile } from '../messages.ts';
import { atLocalTime } from '../time.ts';
import type { Group } from '../types.ts';
import { markFailed, sendClaimed, type RetryPolicy } from './deliver.ts';
import { ledgerClaim } from './ledger-keys.ts';

export interface DigestReport {
  readonly posted: number;
  readonly failed: number;
}

/**
 * When this week's digest falls due: the group's first check-in day, at check-in time, in the
 * group's timezone. It reports on the week before, and is posted late (once) if the bot was down.
 */
export function digestDueAt(group: Group, now: Date): Date {
  const week = weekOf(now, group.timezone);
  const firstDay = group.checkInDays.length ? Math.min(...group.checkInDays) : 1;
  return atLocalTime(week.days[firstDay - 1] ?? week.days[0] ?? '', group.checkInMinute, group.timezone);
}

/**
 * Once a week per group: a post with last week's figures and a chart of it (applications,
 * follow-ups done and check-ins per day). Exactly once through the deliveries ledger: the key is
 * claimed before anything is rendered or sent, and marked sent with the post in one transaction.
 */
export async function sendWeeklyDigests(deps: CoreDeps, owner: string, policy: RetryPolicy): Promise<DigestReport> {
  const now = deps.clock.now();
  let posted = 0;
  let failed = 0;
  for (const group of await deps.store.groups.listAll()) {
    if (now.getTime() < digestDueAt(group, now).getTime()) continue;
    const covered = previousWeek(now, group.timezone);
    // A group set up after that week ended has nothing to look back on yet.
    if (group.createdAt.getTime() >= covered.end.getTime()) continue;
    const claim = ledgerClaim({ kind: 'digest', groupId: group.id, isoWeek: covered.isoWeek }, group.workspace, owner);
    const { key } = claim;
    const claimed = await deps.store.transaction(
      async (tx) => (await tx.deliveries.get(key)) === null && (await tx.deliveries.claim(claim, now)),
    );
    if (!claimed) continue;

    const week = groupWeek(group, await deps.store.insights.groupFacts(group.id, windowOf(covered)), covered);
    const files: OutboundFile[] = [];
    const log = {
      platform: group.workspace.platform,
      workspace: group.workspace.workspaceId,
      group: group.id,
      week: covered.isoWeek,
    };
    if (deps.charts) {
      try {
        const bytes = await deps.charts.renderWeek({
          title: `${group.name}: week of ${weekLabel(covered)}`,
          days: week.days,
        });
        files.push({
          filename: `rebound-week-${covered.isoWeek}.png`,
          mimeType: 'image/png',
          bytes,
          title: 'Applications, follow-ups done and check-ins per day',
        });
      } catch (error) {
        // The figures still go out; the chart is a nicety.
        deps.logger.warn(
          { ...log, error: error instanceof Error ? error.name : 'unknown' },
          'digest chart not rendered',
        );
      }
    }
    const result = await sendClaimed(
      deps,
      { keys: [key], owner },
      policy,
      () =>
        deps.chat.postToChannel(
          { workspace: group.workspace, channelId: group.channelId },
          digestMessage(group.name, week),
          files,
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
    if (result.outcome === 'sent') {
      posted++;
      deps.logger.info({ ...log, outcome: 'sent', chart: files.length > 0 }, 'weekly digest posted');
    } else if (result.outcome === 'failed') {
      failed++;
      await markFailed(deps, [key], result.error);
      deps.logger.error({ ...log, outcome: 'failed', failure: result.error.kind }, 'weekly digest not posted');
    }
  }
  return { posted, failed };
}
