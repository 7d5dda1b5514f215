import type { CoreDeps } from '../deps.ts';
import type { EventSource } from '../events.ts';
import { groupPipeline } from '../insights/group-pipeline.ts';
import { groupWeek, windowOf } from '../insights/group-week.ts';
import { groupStatsMessage } from '../insights/render.ts';
import { weekOf } from '../insights/week.ts';
import type { Reply } from '../messages.ts';
import { resolveMember, workspaceOf } from './context.ts';

/**
 * `/stats group`: the group's week so far (Monday to Sunday in the group's timezone), then its
 * funnel of all time with per-company figures where enough members applied. Entries kept
 * `private` count for nothing; `counts` entries are counted but never named.
 */
export async function showGroupStats(deps: CoreDeps, source: EventSource): Promise<Reply> {
  const now = deps.clock.now();
  const { group, facts, week, pipeline } = await deps.store.transaction(async (tx) => {
    const group =
      (await tx.groups.findByChannel(workspaceOf(source), source.channelId)) ??
      (await resolveMember({ ...deps, store: tx }, source)).group;
    const week = weekOf(now, group.timezone);
    return {
      group,
      week,
      facts: await tx.insights.groupFacts(group.id, windowOf(week)),
      pipeline: await tx.insights.groupPipeline(group.id),
    };
  });
  return {
    type: 'private',
    message: groupStatsMessage(group.name, groupWeek(group, facts, week), groupPipeline(pipeline, now, group.timezone)),
  };
}
