import type { Clock } from './core/clock.ts';

/** The real clock; only the composition root uses it. */
export const systemClock: Clock = { now: () => new Date() };
