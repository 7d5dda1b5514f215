/** Days from each rejection to the next application the member logged: how quickly they got going again. */
import type { ApplicationFact } from '../ports/index.ts';
import type { Rejection } from '../types.ts';
import { calendarDaysBetween } from './week.ts';

export interface BounceBack {
  readonly rejection: Rejection;
  /** Null while no application has been logged since. */
  readonly days: number | null;
}

export function bounceBacks(
  rejections: readonly Rejection[],
  applications: readonly ApplicationFact[],
  zone: string,
): BounceBack[] {
  const logged = applications
    .filter((a) => !a.viaRejection)
    .map((a) => a.createdAt)
    .sort((a, b) => a.getTime() - b.getTime());
  return [...rejections]
    .sort((a, b) => a.rejectedOn.getTime() - b.rejectedOn.getTime())
    .map((rejection) => {
      const next = logged.find((t) => t.getTime() > rejection.rejectedOn.getTime());
      return { rejection, days: next ? calendarDaysBetween(rejection.rejectedOn, next, zone) : null };
    });
}
