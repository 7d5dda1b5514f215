import type { ManualClock } from '../core/clock.ts';

export interface TimeTravel {
  /** The next moment after `after` when the sweep has something to do, or null. */
  readonly nextWake: (after: Date) => Promise<Date | null>;
  readonly sweep: () => Promise<unknown>;
}

/**
 * Moves a manual clock forward to `target` as if the bot had been running all along: the sweep
 * runs at every moment something falls due on the way, in order, then once at the target.
 */
export async function advanceClock(
  clock: ManualClock,
  target: Date,
  travel: TimeTravel,
  maxStops = 100_000,
): Promise<number> {
  let stops = 0;
  while (stops < maxStops) {
    const next = await travel.nextWake(clock.now());
    if (!next || next.getTime() >= target.getTime()) break;
    clock.set(next);
    await travel.sweep();
    stops++;
  }
  clock.set(target);
  await travel.sweep();
  return stops + 1;
}
