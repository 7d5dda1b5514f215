/**
 * How long one weekly digest chart takes to render (spec → SVG → PNG). The last stdout line is a
 * JSON report.
 */
import { renderWeekChart, type WeekChartInput } from '../src/charts/week-chart.ts';

const RUNS = 20;

const input: WeekChartInput = {
  title: 'Job Hunters Circle: week of 23 March',
  days: [
    { date: '2026-03-23', applications: 3, followUpsDone: 1, checkIns: 1 },
    { date: '2026-03-24', applications: 5, followUpsDone: 2, checkIns: 1 },
    { date: '2026-03-25', applications: 2, followUpsDone: 0, checkIns: 1 },
    { date: '2026-03-26', applications: 4, followUpsDone: 3, checkIns: 1 },
    { date: '2026-03-27', applications: 1, followUpsDone: 1, checkIns: 0 },
    { date: '2026-03-28', applications: 0, followUpsDone: 0, checkIns: 0 },
    { date: '2026-03-29', applications: 2, followUpsDone: 1, checkIns: 0 },
  ],
};

// The first render loads the font files and warms the JIT; the digest pays that once per process.
await renderWeekChart(input);

const timings: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  const start = performance.now();
  await renderWeekChart(input);
  timings.push(performance.now() - start);
}
timings.sort((a, b) => a - b);
const p50 = (timings[Math.floor((RUNS - 1) / 2)]! + timings[Math.ceil((RUNS - 1) / 2)]!) / 2;

console.log(
  JSON.stringify({
    name: 'weekly chart',
    rows: [{ metric: 'render time p50', value: Math.round(p50 * 10) / 10, unit: 'ms' }],
  }),
);
