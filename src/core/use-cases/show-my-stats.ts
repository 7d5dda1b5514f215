import type { CoreDeps } from '../deps.ts';
import type { EventSource } from '../events.ts';
import { myStats } from '../insights/member-stats.ts';
import { myStatsMessage } from '../insights/render.ts';
import type { Reply } from '../messages.ts';
import { localDate } from '../time.ts';
import { memberZone, resolveMember } from './context.ts';
import { streakOf } from './record-check-in.ts';

/**
 * `/stats`: your week against your goals, your check-in streak, totals, your pipeline, the lessons
 * you logged and how soon you applied again after each rejection. Only you see it.
 */
export async function showMyStats(deps: CoreDeps, source: EventSource): Promise<Reply> {
  const now = deps.clock.now();
  const { facts, goal, streak, zone } = await deps.store.transaction(async (tx) => {
    const txDeps = { ...deps, store: tx };
    const { group, member } = await resolveMember(txDeps, source);
    return {
      facts: await tx.insights.memberFacts(member.id),
      goal: await tx.goals.get(member.id),
      streak: await streakOf(txDeps, group, member, localDate(now, group.timezone)),
      zone: memberZone(member, group),
    };
  });
  return { type: 'private', message: myStatsMessage(myStats(facts, goal, streak, zone, now)) };
}
