import type { CoreDeps } from '../deps.ts';
import { COMMANDS, type InputFor } from '../commands/declarations.ts';
import type { EventSource } from '../events.ts';
import { memberWeekDays } from '../insights/member-stats.ts';
import { totalOf } from '../insights/daily.ts';
import { weekOf } from '../insights/week.ts';
import { privateText, type Reply } from '../messages.ts';
import { memberZone, resolveMember } from './context.ts';

const EXAMPLE = COMMANDS.goal.example;

/**
 * `/goal applications N [| networking M]`: weekly goals, Monday to Sunday in the member's own
 * timezone. With no numbers, shows the current goals.
 */
export function setGoal(deps: CoreDeps, source: EventSource, input: InputFor<'goal'>): Reply {
  const wanted =
    input.applications === null && input.networking === null
      ? null
      : {
          ...(input.applications !== null && { applications: input.applications }),
          ...(input.networking !== null && { networking: input.networking }),
        };
  const now = deps.clock.now();
  const { goal, facts, zone } = deps.store.transaction(() => {
    const { group, member } = resolveMember(deps, source);
    const current = deps.store.goals.get(member.id);
    const goal = wanted
      ? deps.store.goals.set(
          group.workspace,
          member.id,
          {
            applications: wanted.applications ?? current?.applications ?? 0,
            networking: wanted.networking ?? current?.networking ?? 0,
          },
          now,
        )
      : current;
    return { goal, facts: deps.store.insights.memberFacts(member.id), zone: memberZone(member, group) };
  });
  const week = totalOf(memberWeekDays(facts, weekOf(now, zone)));
  if (!goal || (goal.applications === 0 && goal.networking === 0)) {
    return privateText(
      wanted ? 'Goals cleared. You can set new ones any time.' : 'You have no weekly goals yet.',
      `For example: ${EXAMPLE}`,
    );
  }
  const parts = [
    `${goal.applications} application${goal.applications === 1 ? '' : 's'}`,
    `${goal.networking} networking action${goal.networking === 1 ? '' : 's'}`,
  ];
  return privateText(
    `${wanted ? 'Weekly goals set' : 'Your weekly goals'}: ${parts.join(' and ')} (Monday to Sunday, your time: ${zone}).`,
    `This week so far: ${week.applications} of ${goal.applications} applications, ${week.networking} of ${goal.networking} networking. Follow-ups done: ${week.followUpsDone}.`,
  );
}
