/**
 * The console's clock travel: `:time +1d`, `:time 2026-12-01T09:00` and `:time now` move the
 * simulated clock, running the sweep at every moment something falls due on the way.
 */
import { DateTime } from 'luxon';
import type { ManualClock } from '../../src/core/clock.ts';
import { advanceClock } from '../../src/scheduler/time-travel.ts';
import type { ConsoleChat } from './console-chat.ts';
import { parseTimeArg } from './parse-line.ts';

/** How far one `:time` may move the clock: a jump replays every check-in and nudge on the way. */
const MAX_JUMP_DAYS = 400;

/** What moving the clock needs from the session. */
export interface ClockControls {
  readonly clock: ManualClock;
  readonly chat: ConsoleChat;
  readonly nextWake: (after: Date) => Promise<Date | null>;
  readonly sweep: () => Promise<unknown>;
  /** The group's timezone, or null before it is set up. */
  readonly groupZone: () => string | null;
  readonly localZone: string;
  readonly realNow?: () => Date;
  readonly saveClock?: (at: Date | null) => void;
}

/** `:time …`: forward to the moment typed (group timezone), answering privately what it cannot do. */
export async function moveClock(o: ClockControls, user: string, typed: string, tomorrow: string): Promise<void> {
  const arg = parseTimeArg(typed);
  const now = o.clock.now();
  if (arg?.kind === 'now') return backToRealTime(o);
  let target: Date | null = null;
  if (arg?.kind === 'relative') target = new Date(now.getTime() + arg.ms);
  if (arg?.kind === 'absolute') {
    const t = DateTime.fromISO(arg.iso, { zone: o.groupZone() ?? o.localZone });
    target = t.isValid ? t.toJSDate() : null;
  }
  if (target && target.getTime() - now.getTime() > MAX_JUMP_DAYS * 86_400_000)
    return o.chat.printPrivate(user, [
      `The clock moves at most ${MAX_JUMP_DAYS} days at a time.`,
      `It is now ${DateTime.fromJSDate(now, { zone: o.groupZone() ?? o.localZone }).toFormat('yyyy-MM-dd HH:mm')}; for example: :time +${MAX_JUMP_DAYS}d`,
    ]);
  if (!target)
    return o.chat.printPrivate(user, [
      'Move the clock with +1d, +3h, +30m or a local time.',
      `For example: :time +1d  or  :time ${tomorrow}T09:00`,
    ]);
  if (target.getTime() < now.getTime())
    return o.chat.printPrivate(user, [
      'Time only moves forward here.',
      `It is now ${DateTime.fromJSDate(now, { zone: o.groupZone() ?? o.localZone }).toFormat('yyyy-MM-dd HH:mm')}; for example: :time +1d`,
    ]);
  o.chat.showTimes = true;
  try {
    await advanceClock(o.clock, target, { nextWake: o.nextWake, sweep: o.sweep });
  } finally {
    o.chat.showTimes = false;
  }
  o.saveClock?.(target);
  o.chat.printLines('[clock]', [`It is now ${clockText(o, target)}.`]);
}

/**
 * `:time now`: the real clock again, forward through what falls due on the way, or straight there
 * (one sweep) when the simulated clock is ahead of it or far behind.
 */
export async function backToRealTime(o: ClockControls): Promise<void> {
  const real = o.realNow?.() ?? new Date();
  const ahead = real.getTime() - o.clock.now().getTime();
  // Further than one :time may go, it catches up in one sweep, as a bot restarted after a long stop.
  if (ahead >= 0 && ahead <= MAX_JUMP_DAYS * 86_400_000) {
    o.chat.showTimes = true;
    try {
      await advanceClock(o.clock, real, { nextWake: o.nextWake, sweep: o.sweep });
    } finally {
      o.chat.showTimes = false;
    }
  } else {
    o.clock.set(real);
    await o.sweep();
  }
  o.saveClock?.(null);
  o.chat.printLines('[clock]', [`Back on the real clock: it is now ${clockText(o, real)}.`]);
}

export function clockText(o: ClockControls, at: Date): string {
  // Before the group exists, the zone it will be set up with.
  const zone = o.groupZone() ?? o.localZone;
  return `${DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL yyyy, HH:mm')} (${zone})`;
}
