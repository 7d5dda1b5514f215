/**
 * A member's home: one place for what is due (with its buttons), what comes next, their
 * applications by stage with the interviews ahead, this week against their goals, their check-in
 * streak and the group's check-in time. `/rebound home` answers with it on every platform (the
 * console's `:home` too); kept well inside a message's limits.
 */
import { formatDays } from '../commands/weekdays.ts';
import type { CoreDeps } from '../deps.ts';
import type { EventSource } from '../events.ts';
import { myStats } from '../insights/member-stats.ts';
import { UserError } from '../errors.ts';
import { privateText, type Block, type Message, type Reply } from '../messages.ts';
import { formatClock, formatWhen, localDate } from '../time.ts';
import { ACTIVE_STATUSES, type Group, type Member } from '../types.ts';
import { memberZone, resolveMember } from './context.ts';
import { describeApplication } from './find-application.ts';
import { followUpList } from './list-follow-ups.ts';
import { streakOf } from './record-check-in.ts';

/** Interview rounds ahead that the home names. */
const ROUNDS_SHOWN = 3;

export async function showHome(deps: CoreDeps, source: EventSource): Promise<Reply> {
  const { group, member } = await deps.store.transaction((tx) => resolveMember({ ...deps, store: tx }, source));
  return { type: 'private', message: await homeMessage(deps, member, group) };
}

/**
 * The home tab opened: the member's home, or for someone in no group (or several, with no channel
 * to tell which) a short page saying how to begin. Reading only: nobody becomes a member. A
 * `refresh` (the home asked again after a change) answers that someone with nothing instead.
 */
export async function openHome(deps: CoreDeps, source: EventSource, refresh = false): Promise<Reply> {
  try {
    return await showHome(deps, source);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (refresh) return { type: 'none' };
    return privateText(
      'Welcome to Rebound.',
      `${error.text}\nIn your group's channel, /rebound join starts your plan; /rebound help shows every command.`,
    );
  }
}

export async function homeMessage(deps: CoreDeps, member: Member, group: Group): Promise<Message> {
  const now = deps.clock.now();
  const zone = memberZone(member, group);
  const shown = { zone, groupZone: group.timezone };
  const [steps, applications, facts, goal, streak] = await Promise.all([
    followUpList(deps, member, group, 1),
    deps.store.applications.listByMember(member.id),
    deps.store.insights.memberFacts(member.id),
    deps.store.goals.get(member.id),
    streakOf(deps, group, member, localDate(now, group.timezone)),
  ]);
  const stats = myStats(facts, goal, streak, zone, now);

  const byStage = ACTIVE_STATUSES.map((s) => [s, applications.filter((a) => a.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${s} ${n}`);
  const rounds = (
    await Promise.all(
      applications
        .filter((a) => (ACTIVE_STATUSES as readonly string[]).includes(a.status))
        .map(async (a) => (await deps.store.interviews.listByApplication(a.id)).map((r) => ({ r, a }))),
    )
  )
    .flat()
    .filter(({ r }) => r.at.getTime() > now.getTime())
    .sort((x, y) => x.r.at.getTime() - y.r.at.getTime());
  const ahead = rounds
    .slice(0, ROUNDS_SHOWN)
    .map(({ r, a }) => `• ${formatWhen(r.at, shown)}: ${r.kind} interview, ${describeApplication(a)}`);

  const week = stats.thisWeek;
  const target = (done: number, wanted: number | undefined, noun: string) =>
    `${wanted ? `${done} of ${wanted}` : done} ${noun}${(wanted ?? done) === 1 ? '' : 's'}`;
  const blocks: Block[] = [
    { type: 'heading', text: `Your Rebound home, ${member.displayName}` },
    ...steps.blocks,
    { type: 'divider' },
    {
      type: 'text',
      text: [
        byStage.length
          ? `Your applications under way: ${byStage.join(' · ')} (/applications lists them)`
          : 'No applications under way: log the next one with /applied.',
        ...(ahead.length ? ['Interviews ahead:', ...ahead] : []),
      ].join('\n'),
    },
    {
      type: 'text',
      text: [
        `This week: ${target(week.applications, stats.goal?.applications, 'application')}, ${target(week.networking, stats.goal?.networking, 'networking step')}${stats.goal ? '' : ' (set goals with /goal)'}`,
        `Check-in streak: ${streak} day${streak === 1 ? '' : 's'}`,
        `${group.name} checks in at ${formatClock(group.checkInMinute)} (${group.timezone}) on ${formatDays(group.checkInDays)}.`,
      ].join('\n'),
    },
  ];
  return { blocks };
}
