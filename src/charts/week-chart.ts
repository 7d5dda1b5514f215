/**
 * The weekly digest chart: for each day of one week, how many applications went out, how many
 * follow-ups were done and how many check-ins were posted, as grouped bars.
 */
import type { TopLevelSpec } from 'vega-lite';
import { InternalError } from '../core/errors.ts';
import { CHART_FONT_FAMILY, renderVegaLiteToPng } from './render.ts';

export interface WeekChartDay {
  /** The local calendar day, `YYYY-MM-DD`. */
  readonly date: string;
  readonly applications: number;
  readonly followUpsDone: number;
  readonly checkIns: number;
}

export interface WeekChartInput {
  /** Shown above the chart; may contain a group name, so it is treated as untrusted text. */
  readonly title: string;
  /** Seven consecutive days, Monday first. */
  readonly days: readonly WeekChartDay[];
}

/** The PNG's size in pixels. */
export const WEEK_CHART_WIDTH = 800;
export const WEEK_CHART_HEIGHT = 400;

/** Colours from the Okabe–Ito palette: distinct for the common kinds of colour blindness. */
const SERIES = [
  { key: 'applications', label: 'Applications', colour: '#0072B2' },
  { key: 'followUpsDone', label: 'Follow-ups done', colour: '#E69F00' },
  { key: 'checkIns', label: 'Check-ins', colour: '#009E73' },
] as const satisfies readonly { key: keyof WeekChartDay; label: string; colour: string }[];

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const TITLE_MAX_CHARS = 80;
/** Emoji shown as pictures, with the joiners, selectors, skin tones and tags that build them. */
const EMOJI = /[\p{Emoji_Presentation}\p{Emoji_Modifier}\p{Regional_Indicator}\u200d\ufe0f\u20e3\u{e0020}-\u{e007f}]/gu;
const INK = '#1f2933';
const MUTED = '#52606d';
const GRID = '#e4e7eb';

/** Renders the week as an 800×400 PNG. Throws an `InternalError` if the week is malformed. */
export async function renderWeekChart(input: WeekChartInput): Promise<Uint8Array> {
  return renderVegaLiteToPng(weekChartSpec(input));
}

/** The Vega-Lite spec behind {@link renderWeekChart}; data is inline, nothing is loaded. */
export function weekChartSpec(input: WeekChartInput): TopLevelSpec {
  const days = checkedWeek(input.days);
  const dayLabels = days.map((day) => dayLabel(day.date));
  const values = days.flatMap((day) =>
    SERIES.map((series) => ({ day: dayLabel(day.date), series: series.label, count: day[series.key] })),
  );
  const highest = Math.max(0, ...values.map((row) => row.count));
  const title = cleanTitle(input.title);

  return {
    width: WEEK_CHART_WIDTH,
    height: WEEK_CHART_HEIGHT,
    autosize: { type: 'fit', contains: 'padding' },
    padding: { top: 16, right: 20, bottom: 12, left: 16 },
    background: '#ffffff',
    ...(title === '' ? {} : { title: { text: title } }),
    data: { values },
    encoding: {
      x: {
        field: 'day',
        type: 'nominal',
        sort: dayLabels,
        scale: { paddingInner: 0.28, paddingOuter: 0.14 },
        axis: {
          title: null,
          labelAngle: 0,
          labelFontSize: 13,
          labelColor: INK,
          labelPadding: 8,
          ticks: false,
          domainColor: '#9aa5b1',
        },
      },
      xOffset: {
        field: 'series',
        type: 'nominal',
        sort: SERIES.map((series) => series.label),
        scale: { paddingInner: 0.12 },
      },
      y: {
        field: 'count',
        type: 'quantitative',
        // An empty week still gets a sensible 0–4 axis; headroom keeps the value labels inside.
        scale: { domain: [0, Math.max(4, Math.ceil(highest * 1.12))], nice: true },
        axis: {
          title: null,
          format: 'd',
          tickMinStep: 1,
          tickCount: 5,
          domain: false,
          ticks: false,
          labelColor: MUTED,
          labelFontSize: 11,
          labelPadding: 6,
          gridColor: GRID,
        },
      },
      color: {
        field: 'series',
        type: 'nominal',
        sort: SERIES.map((series) => series.label),
        scale: { domain: SERIES.map((series) => series.label), range: SERIES.map((series) => series.colour) },
        legend: {
          title: null,
          orient: 'top',
          direction: 'horizontal',
          symbolType: 'square',
          symbolSize: 140,
          labelFontSize: 13,
          labelColor: INK,
          columnPadding: 6,
          offset: 14,
        },
      },
    },
    layer: [
      { mark: { type: 'bar', cornerRadiusTopLeft: 3, cornerRadiusTopRight: 3 } },
      {
        transform: [{ filter: 'datum.count > 0' }],
        mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: 11 },
        encoding: { text: { field: 'count', type: 'quantitative', format: 'd' }, color: { value: MUTED } },
      },
    ],
    config: {
      font: CHART_FONT_FAMILY,
      view: { stroke: null },
      // The limit is a safety net for wide characters; Vega shortens the title with an ellipsis.
      title: { anchor: 'start', fontSize: 18, fontWeight: 'bold', color: INK, offset: 6, limit: WEEK_CHART_WIDTH - 40 },
    },
  };
}

function checkedWeek(days: readonly WeekChartDay[]): readonly WeekChartDay[] {
  if (days.length !== 7) {
    throw new InternalError('invariant', `a week chart needs 7 days, got ${days.length}`);
  }
  let previous: number | undefined;
  for (const day of days) {
    const time = utcMidnight(day.date);
    if (previous === undefined && new Date(time).getUTCDay() !== 1) {
      throw new InternalError('invariant', `a week chart starts on a Monday, not ${day.date}`);
    }
    if (previous !== undefined && time - previous !== 86_400_000) {
      throw new InternalError(
        'invariant',
        `a week chart needs consecutive days, ${day.date} does not follow the day before`,
      );
    }
    previous = time;
    for (const series of SERIES) {
      const count = day[series.key];
      if (!Number.isSafeInteger(count) || count < 0) {
        throw new InternalError('invariant', `${series.key} on ${day.date} must be a whole number ≥ 0, got ${count}`);
      }
    }
  }
  return days;
}

/** Calendar arithmetic on the date alone; the day is already local, so no timezone applies. */
function utcMidnight(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date) {
    throw new InternalError('invariant', `not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  }
  return time;
}

/** "Mon 23". */
function dayLabel(date: string): string {
  const day = new Date(utcMidnight(date));
  return `${WEEKDAYS[day.getUTCDay()]} ${day.getUTCDate()}`;
}

/**
 * Vega escapes markup in text, but characters XML cannot hold at all (control characters, lone
 * surrogates) would still make the SVG unreadable, so they are dropped. So are emoji: the bundled
 * font has no glyphs for them and they would show as empty boxes. Long names are shortened.
 */
function cleanTitle(title: string): string {
  const printable = title
    .replace(/[\u0000-\u001f\u007f-\u009f\ufffe\uffff]/g, ' ')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(EMOJI, '')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(printable);
  return chars.length > TITLE_MAX_CHARS
    ? `${chars
        .slice(0, TITLE_MAX_CHARS - 1)
        .join('')
        .trimEnd()}…`
    : printable;
}
