import type { CoreDeps } from '../deps.ts';
import { COMMANDS, type InputFor } from '../commands/declarations.ts';
import type { EventSource } from '../events.ts';
import { memberWeekDays, memberWeekSources } from '../insights/member-stats.ts';
import { sourcesLine } from '../insights/render.ts';
import { totalOf } from '../insights/daily.ts';
import { weekOf } from '../insights/week.ts';
import { privateText, type Reply } from '../messages.ts';
import { memberZone, resolveMember } from './context.ts';

const EXAMPLE = COMMANDS.goal.example;

/**
 * `/goal applications N [| networking M]`: weekly goals, Monday to Sunday in the member's own
 * timezone. With no numbers, shows the current goals.
 */
export async function setGoal(deps: CoreDeps, source: EventSource, input: InputFor<'goal'>): Promise<Reply> {
  const wanted =
    input.applications === null && input.networking === null
      ? null
      : {
          ...(input.applications !== null && { applications: input.applications }),
          ...(input.networking !== null && { networking: input.networking }),
        };
  const now = deps.clock.now();
  const { goal, facts, zone } = await deps.store.transaction(async (tx) => {
    const { group, member } = await resolveMember({ ...deps, store: tx }, source);
    const current = await tx.goals.get(member.id);
    const goal = wanted
      ? await tx.goals.set(
          group.workspace,
          member.id,
          {
            applications: wanted.applications ?? current?.applications ?? 0,
            networking: wanted.networking ?? current?.networking ?? 0,
          },
          now,
        )
      : current;
    return { goal, facts: await tx.insights.memberFacts(member.id), zone: memberZone(member, group) };
  });
  const bounds = weekOf(now, zone);
  const week = totalOf(memberWeekDays(facts, bounds));
  if (!goal || (goal.applications === 0 && goal.networking === 0)) {
    return privateText(
      wanted ? 'Goals cleared. You can set new ones any time.' : 'You have no weekly goals yet.',
      `For example: ${EXAMPLE}`,
    );
  }
  // A goal of 0 is no goal: it is neither announced nor shown as a target.
  const targets = [
    goal.applications > 0 && count(goal.applications, 'application'),
    goal.networking > 0 && count(goal.networking, 'networking action'),
  ].filter((t): t is string => typeof t === 'string');
  const progress = (done: number, target: number, noun: string) =>
    target > 0 ? `${done} of ${target} ${noun}s` : count(done, noun);
  const sources = sourcesLine(memberWeekSources(facts, bounds));
  return privateText(
    `${wanted ? 'Weekly goal' : 'Your weekly goal'}${targets.length > 1 ? 's' : ''}${wanted ? ' set' : ''}: ${targets.join(' and ')} (Monday to Sunday, your time: ${zone}).`,
    `This week so far: ${progress(week.applications, goal.applications, 'application')}, ${progress(week.networking, goal.networking, 'networking action')}. Follow-ups done: ${week.followUpsDone}.`,
    ...(sources ? [sources] : []),
  );
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
