/**
 * The one contract between a benchmark and `bench/run.ts`: the last line a `*.bench.ts` file
 * prints on stdout is one JSON object, `{ name, rows: [{ metric, value, unit, target?, baseline?,
 * ratio? }], notes? }`. Anything printed before it is ignored.
 */
import { z } from 'zod';

const rowSchema = z.object({
  metric: z.string().min(1),
  value: z.number().finite(),
  unit: z.string(),
  /** What we aim for, in words or as a number in `unit` (e.g. "< 50 ms", or 1000). */
  target: z.union([z.string(), z.number().finite()]).optional(),
  /** The same metric for the reference it is compared with, in `unit`. */
  baseline: z.number().finite().optional(),
  /** `value / baseline`. */
  ratio: z.number().finite().optional(),
});

const reportSchema = z.object({
  name: z.string().min(1),
  rows: z.array(rowSchema).min(1),
  /** How it was measured: settings, sizes, what the baseline is. */
  notes: z.string().optional(),
});

export type BenchRow = z.infer<typeof rowSchema>;
export type BenchReport = z.infer<typeof reportSchema>;

/** Prints the report as the final stdout line. Call it last. */
export function report(result: BenchReport): void {
  console.log(JSON.stringify(reportSchema.parse(result)));
}

/** A row compared with a baseline measured in the same run; `ratio` is value / baseline, 2 decimals. */
export function againstBaseline(row: Omit<BenchRow, 'baseline' | 'ratio'>, baseline: number): BenchRow {
  return { ...row, baseline, ratio: Math.round((row.value / baseline) * 100) / 100 };
}

/** Reads a report from a benchmark's stdout: its last non-empty line. Throws with the reason. */
export function parseReport(stdout: string): BenchReport {
  const last = stdout.trimEnd().split('\n').at(-1)?.trim() ?? '';
  if (last === '') throw new Error('printed nothing on stdout; the last line must be the JSON report');
  let json: unknown;
  try {
    json = JSON.parse(last);
  } catch {
    throw new Error('the last stdout line is not JSON; it must be the report');
  }
  const result = reportSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'report'}: ${issue.message}`);
    throw new Error(`the report is malformed (${problems.join('; ')})`);
  }
  return result.data;
}

/** The median of some samples (the mean of the middle two for an even count). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return (sorted[Math.floor(middle)]! + sorted[Math.ceil(middle)]!) / 2;
}
