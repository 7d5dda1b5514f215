import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InternalError } from '../../src/core/errors.ts';
import { CHART_FONT_FILES, rasteriseSvg, renderVegaLiteToSvg } from '../../src/charts/render.ts';
import {
  renderWeekChart,
  WEEK_CHART_HEIGHT,
  WEEK_CHART_WIDTH,
  weekChartSpec,
  type WeekChartDay,
  type WeekChartInput,
} from '../../src/charts/week-chart.ts';

const MONDAY_23_MARCH = [
  '2026-03-23',
  '2026-03-24',
  '2026-03-25',
  '2026-03-26',
  '2026-03-27',
  '2026-03-28',
  '2026-03-29',
];

function week(counts: readonly (readonly [number, number, number])[] = []): WeekChartDay[] {
  return MONDAY_23_MARCH.map((date, i) => {
    const [applications, followUpsDone, checkIns] = counts[i] ?? [0, 0, 0];
    return { date, applications, followUpsDone, checkIns };
  });
}

const busyWeek = week([
  [3, 1, 1],
  [5, 2, 1],
  [2, 0, 1],
  [4, 3, 1],
  [1, 1, 0],
  [0, 0, 0],
  [2, 1, 0],
]);

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, which a valid PNG has first, right after the signature. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(view.getUint32(8)).toBe(13);
  expect(new TextDecoder().decode(png.subarray(12, 16))).toBe('IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

async function svgOf(input: WeekChartInput): Promise<string> {
  return renderVegaLiteToSvg(weekChartSpec(input));
}

/** Pixels dark enough to be text (the title and labels); bars and grid lines are lighter. */
async function darkPixels(input: WeekChartInput): Promise<number> {
  const image = await rasteriseSvg(await svgOf(input));
  const rgba = image.pixels;
  let dark = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i]! < 90 && rgba[i + 1]! < 90 && rgba[i + 2]! < 90 && rgba[i + 3]! > 200) dark += 1;
  }
  return dark;
}

describe('the weekly chart', () => {
  it('is a PNG of 800×400 pixels', async () => {
    const png = await renderWeekChart({ title: 'Job Hunters Circle: week of 23 March', days: busyWeek });
    expect(pngSize(png)).toEqual({ width: 800, height: 400 });
    expect({ width: WEEK_CHART_WIDTH, height: WEEK_CHART_HEIGHT }).toEqual(pngSize(png));
  });

  it('renders a week where nothing happened, with an axis from 0', async () => {
    const png = await renderWeekChart({ title: 'A quiet week', days: week() });
    expect(pngSize(png)).toEqual({ width: 800, height: 400 });
    const svg = await svgOf({ title: 'A quiet week', days: week() });
    expect(svg).toContain('>0</text>');
    expect(svg).toContain('>4</text>');
  });

  it('labels the days Mon 23 to Sun 29 and names the three series in a legend', async () => {
    const svg = await svgOf({ title: 'Week', days: busyWeek });
    for (const label of ['Mon 23', 'Tue 24', 'Wed 25', 'Thu 26', 'Fri 27', 'Sat 28', 'Sun 29']) {
      expect(svg).toContain(`>${label}</text>`);
    }
    for (const series of ['Applications', 'Follow-ups done', 'Check-ins']) {
      expect(svg).toContain(`>${series}</text>`);
    }
  });

  it('labels days across a month boundary by their own date', async () => {
    const days = ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04', '2026-04-05'].map(
      (date) => ({ date, applications: 1, followUpsDone: 0, checkIns: 0 }),
    );
    const svg = await svgOf({ title: 'Week', days });
    expect(svg).toContain('>Tue 31</text>');
    expect(svg).toContain('>Wed 1</text>');
    expect(svg).toContain('>Sun 5</text>');
  });

  it('draws its text with the bundled font, never a system font', async () => {
    for (const file of CHART_FONT_FILES) expect(existsSync(file)).toBe(true);
    const svg = await svgOf({ title: 'Week', days: busyWeek });
    expect(svg).toContain('font-family="DejaVu Sans"');

    // System fonts are never loaded, so any text pixel at all comes from the bundled font.
    const withTitle = await darkPixels({ title: 'Rebound weekly digest', days: busyWeek });
    const withoutTitle = await darkPixels({ title: '', days: busyWeek });
    expect(withoutTitle).toBeGreaterThan(0);
    expect(withTitle - withoutTitle).toBeGreaterThan(300);
  });

  it('keeps markup in a group name as text', async () => {
    const title = 'Rebound <script>alert("hi")</script> & <b>friends</b>';
    const svg = await svgOf({ title, days: busyWeek });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;alert("hi")&lt;/script&gt; &amp; &lt;b&gt;');
    const png = await renderWeekChart({ title, days: busyWeek });
    expect(pngSize(png).width).toBe(800);
  });

  it('drops emoji, control characters and broken surrogates from the title instead of failing', async () => {
    const title = 'Job hunters 🚀 👩🏽‍💻 🇫🇷 \u0000\u0007 bell \ud800 done';
    const png = await renderWeekChart({ title, days: busyWeek });
    expect(pngSize(png)).toEqual({ width: 800, height: 400 });
    const svg = await svgOf({ title, days: busyWeek });
    expect(svg).toContain('>Job hunters bell done</text>');
  });

  it('shortens a very long title rather than letting it run off the image', async () => {
    const png = await renderWeekChart({ title: 'A'.repeat(5_000), days: busyWeek });
    expect(pngSize(png)).toEqual({ width: 800, height: 400 });
    const svg = await svgOf({ title: 'A'.repeat(5_000), days: busyWeek });
    expect(svg).toContain('…</text>');
    expect(svg).not.toContain('A'.repeat(100));
  });

  it('refuses a week that is not seven consecutive days from a Monday, or a count that is not a whole number', () => {
    const invalid: readonly WeekChartDay[][] = [
      busyWeek.slice(0, 6),
      week().map((day, i) => ({ ...day, date: MONDAY_23_MARCH[(i + 1) % 7]! })),
      busyWeek.map((day, i) => (i === 3 ? { ...day, date: '2026-03-25' } : day)),
      busyWeek.map((day, i) => (i === 0 ? { ...day, date: '2026-02-30' } : day)),
      busyWeek.map((day, i) => (i === 0 ? { ...day, applications: -1 } : day)),
      busyWeek.map((day, i) => (i === 0 ? { ...day, checkIns: 1.5 } : day)),
      busyWeek.map((day, i) => (i === 0 ? { ...day, followUpsDone: Number.NaN } : day)),
    ];
    for (const days of invalid) {
      expect(() => weekChartSpec({ title: 'Week', days })).toThrow(InternalError);
    }
  });
});

describe('chart rendering', () => {
  it('never loads data from a URL or a file', async () => {
    for (const url of ['https://example.com/data.json', 'file:///etc/hostname', 'data.csv']) {
      await expect(
        renderVegaLiteToSvg({ data: { url }, mark: 'bar', encoding: { x: { field: 'a', type: 'nominal' } } }),
      ).rejects.toThrow(/refused to load/);
    }
  });
});
