import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { EventSource } from '../events.ts';
import { parseCount } from '../fields.ts';
import { memberWeekDays } from '../insights/member-stats.ts';
import { totalOf } from '../insights/daily.ts';
import { weekOf } from '../insights/week.ts';
import { privateText, type Reply } from '../messages.ts';
import { neutraliseMentions, stripControl } from '../text.ts';
import { memberZone, resolveMember } from './context.ts';

const EXAMPLE = '/goal applications 5 | networking 2';
const MAX_GOAL = 100;

/**
 * `/goal applications N [| networking M]`: weekly goals, Monday to Sunday in the member's own
 * timezone. Slack passes `applications 5`, Discord's typed options just `5`; both are read here.
 * With no text, shows the current goals.
 */
export function setGoal(deps: CoreDeps, source: EventSource, args: readonly string[]): Reply {
  const wanted = parseGoal(args);
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

function parseGoal(args: readonly string[]): { applications?: number; networking?: number } | null {
  const fields = args.map((a) => a.trim()).filter((a) => a !== '');
  if (fields.length === 0) return null;
  if (fields.length > 2) throw new UserError('Give at most two goals: applications and networking.', EXAMPLE);
  const goal: { applications?: number; networking?: number } = {};
  fields.forEach((field, i) => {
    const m = /^(?:([a-z]+)\s*[:=]?\s*)?(\S+)$/i.exec(field);
    const label = (m?.[1] ?? (i === 0 ? 'applications' : 'networking')).toLowerCase();
    const kind = /^app/.test(label) ? 'applications' : /^net/.test(label) ? 'networking' : null;
    if (!m || !kind)
      throw new UserError(
        `I could not read "${neutraliseMentions(stripControl(field)).slice(0, 40)}" as a goal.`,
        EXAMPLE,
      );
    if (goal[kind] !== undefined) throw new UserError(`You gave two ${kind} goals; give one.`, EXAMPLE);
    goal[kind] = parseCount(
      m[2],
      kind === 'applications' ? 'An applications goal' : 'A networking goal',
      EXAMPLE,
      MAX_GOAL,
    );
  });
  return goal;
}
