import type { CoreDeps } from '../deps.ts';
import type { InputFor } from '../commands/declarations.ts';
import type { EventSource } from '../events.ts';
import { privateText, type Reply } from '../messages.ts';
import { addDays, atLocalTime, formatWhen, localDate, localMinuteOfDay } from '../time.ts';
import { memberZone, resolveMember } from './context.ts';

/** `/rebound pause [days]`: no nudges or reminders until the pause ends (default 7 days). */
export async function pauseMember(
  deps: CoreDeps,
  source: EventSource,
  input: InputFor<'rebound pause'>,
): Promise<Reply> {
  const days = input.days ?? 7;
  const now = deps.clock.now();
  const { until, zone } = await deps.store.transaction(async (tx) => {
    const { group, member } = await resolveMember({ ...deps, store: tx }, source);
    const zone = memberZone(member, group);
    const until = atLocalTime(addDays(localDate(now, zone), days), localMinuteOfDay(now, zone), zone);
    await tx.members.update(member.id, { pausedUntil: until });
    return { until, zone: { zone, groupZone: group.timezone } };
  });
  return privateText(
    `Paused until ${formatWhen(until, zone)}. Take the time you need: anything that comes due meanwhile arrives in one nudge when you are back. /rebound resume ends it early.`,
  );
}
