import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { EventSource } from '../events.ts';
import { privateText, type Reply } from '../messages.ts';
import { addDays, atLocalTime, formatWhen, localDate, localMinuteOfDay } from '../time.ts';
import { memberZone, resolveMember } from './context.ts';

const EXAMPLE = '/rebound pause 7';

/** `/rebound pause [days]`: no nudges or reminders until the pause ends (default 7 days). */
export function pauseMember(deps: CoreDeps, source: EventSource, words: readonly string[]): Reply {
  const raw = words[0] ?? '7';
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > 365) {
    throw new UserError('Pause for a number of days from 1 to 365.', EXAMPLE);
  }
  const now = deps.clock.now();
  const { until, zone } = deps.store.transaction(() => {
    const { group, member } = resolveMember(deps, source);
    const zone = memberZone(member, group);
    const until = atLocalTime(addDays(localDate(now, zone), Number(raw)), localMinuteOfDay(now, zone), zone);
    deps.store.members.update(member.id, { pausedUntil: until });
    return { until, zone };
  });
  return privateText(
    `Paused until ${formatWhen(until, zone)}. Take the time you need: anything that comes due meanwhile arrives in one nudge when you are back. /rebound resume ends it early.`,
  );
}
