/**
 * The rows both delivery benchmarks open their report with: the drain's time against its floor,
 * the rate against what the limits leave for DMs (the ratio: floor ÷ time), duplicates and
 * members missed.
 */
import { againstBaseline, type BenchRow } from './report.ts';

export interface Drain {
  /** Every member got a DM before the run's time limit. */
  readonly finished: boolean;
  /** From spawning the process until the last member's first DM (or until the run stopped). */
  readonly elapsedMs: number;
  /** Members with at least one accepted DM. */
  readonly reached: number;
  readonly duplicates: number;
  readonly missing: number;
}

const tenths = (n: number) => Math.round(n * 10) / 10;

/**
 * What the limits leave for the members' DMs, per second: the budget less what the commands sent
 * meanwhile need as they come, divided by the requests each DM takes.
 */
export function dmsPerSecondAllowed(
  budgetPerSecond: number,
  commandRequestsPerSecond: number,
  requestsPerDm: number,
): number {
  const left = budgetPerSecond - commandRequestsPerSecond;
  if (left <= 0)
    throw new Error(
      `the commands alone (${commandRequestsPerSecond} a second) take the whole budget (${budgetPerSecond})`,
    );
  return left / requestsPerDm;
}

export function drainRows(drain: Drain, allowedPerSecond: number, members: number): BenchRow[] {
  const floorS = members / allowedPerSecond;
  return [
    {
      metric: drain.finished
        ? 'until every member has one DM'
        : 'until every member has one DM (did not finish: stopped)',
      value: Math.round(drain.elapsedMs / 10) / 100,
      unit: 's',
      target: `≤ ${tenths(floorS / 0.8)} s (floor ${tenths(floorS)} s)`,
    },
    againstBaseline(
      {
        metric: 'members reached per second (ratio: floor ÷ time)',
        value: tenths(drain.reached / (drain.elapsedMs / 1000)),
        unit: 'DMs/s',
        target: `≥ 0.8 × ${tenths(allowedPerSecond)}`,
      },
      tenths(allowedPerSecond),
    ),
    { metric: 'members with more than one DM', value: drain.duplicates, unit: 'members', target: 0 },
    { metric: 'members without a DM', value: drain.missing, unit: 'members', target: 0 },
  ];
}
