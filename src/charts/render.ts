/**
 * Vega-Lite spec → SVG → PNG, headless and offline, with the font that ships next to this file.
 *
 * The chart must look the same on a laptop and in a slim container with no fonts installed, so
 * resvg loads only the bundled DejaVu Sans and never the system's fonts.
 */
import { fileURLToPath } from 'node:url';
import { renderAsync, type RenderedImage, type ResvgRenderOptions } from '@resvg/resvg-js';
import { logger as vegaLogger, parse, View, Warn, type Loader, type LoggerInterface } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { InternalError } from '../core/errors.ts';

/** The family every chart names; it is the only family resvg knows about. */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

/** Resolved from this module, not the working directory, so it works wherever the process starts. */
export const CHART_FONT_FILES: readonly string[] = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) =>
  fileURLToPath(new URL(`./fonts/${file}`, import.meta.url)),
);

const rasterOptions: ResvgRenderOptions = {
  font: {
    fontFiles: [...CHART_FONT_FILES],
    loadSystemFonts: false,
    defaultFontFamily: CHART_FONT_FAMILY,
    sansSerifFamily: CHART_FONT_FAMILY,
  },
  // resvg's own notes (a glyph the font lacks, say) are nothing anyone could act on at run time.
  logLevel: 'off',
};

/**
 * Charts carry their data inline. A loader that refuses everything keeps Vega from reading a file
 * or fetching a URL even if a spec ever names one.
 */
const offlineLoader: Loader = {
  load: (uri) => Promise.reject(refused(uri)),
  sanitize: (uri) => Promise.reject(refused(uri)),
  http: (uri) => Promise.reject(refused(uri)),
  file: (filename) => Promise.reject(refused(filename)),
};

function refused(what: string): InternalError {
  return new InternalError('invariant', `charts render offline; refused to load ${JSON.stringify(what)}`);
}

/**
 * Vega and Vega-Lite report spec problems as warnings. A chart that provokes one is a bug in its
 * spec, so they are collected and raised once rendering ends, instead of printed where nobody
 * reads them.
 */
function collectingLogger(): { readonly logger: LoggerInterface; readonly problems: string[] } {
  const problems: string[] = [];
  const handler = (_method: string, _level: string, args: unknown[]): void => {
    problems.push(args.map(String).join(' '));
  };
  return { logger: vegaLogger(Warn, undefined, handler), problems };
}

/** Compiles and renders a Vega-Lite spec to an SVG document. */
export async function renderVegaLiteToSvg(spec: TopLevelSpec): Promise<string> {
  const { logger, problems } = collectingLogger();
  const { spec: vegaSpec } = compile(spec, { logger });
  const view = new View(parse(vegaSpec), { renderer: 'none', loader: offlineLoader, logger });
  try {
    const svg = await view.toSVG();
    if (problems.length > 0) {
      throw new InternalError('invariant', `chart spec problem: ${problems.join('; ')}`);
    }
    return svg;
  } finally {
    view.finalize();
  }
}

/** Rasterises an SVG document with the bundled font only. */
export function rasteriseSvg(svg: string): Promise<RenderedImage> {
  return renderAsync(svg, rasterOptions);
}

/** Spec → PNG bytes. */
export async function renderVegaLiteToPng(spec: TopLevelSpec): Promise<Uint8Array> {
  const svg = await renderVegaLiteToSvg(spec);
  const image = await rasteriseSvg(svg);
  return new Uint8Array(image.asPng());
}
