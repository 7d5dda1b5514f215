import type { WeekChartInput } from './week-chart.ts';

/**
 * The weekly chart, with Vega and resvg loaded on first use: they take a few hundred milliseconds
 * to load and are needed once a week, so start-up does not pay for them.
 */
export async function renderWeekChartLazily(input: WeekChartInput): Promise<Uint8Array> {
  const { renderWeekChart } = await import('./week-chart.ts');
  return renderWeekChart(input);
}
