/**
 * The baseline: how many single-row insert transactions per second bare better-sqlite3 sustains
 * on this machine. Other benches call `measureBareInserts` themselves and report a ratio to it.
 */
import { BARE_INSERT_SETUP, measureBareInserts } from './lib/bare-insert.ts';
import { median, report } from './lib/report.ts';

const SAMPLES = 5;

const samples = Array.from({ length: SAMPLES }, () => measureBareInserts({ durationMs: 1000 }));
const perSecond = median(samples.map((sample) => sample.transactionsPerSecond));

report({
  name: 'bare SQLite insert (baseline)',
  notes: `${BARE_INSERT_SETUP}; median of ${SAMPLES} one-second samples.`,
  rows: [
    { metric: 'insert transactions per second', value: Math.round(perSecond), unit: 'tx/s' },
    { metric: 'time per insert transaction', value: Math.round((1_000_000 / perSecond) * 10) / 10, unit: 'µs' },
  ],
});
