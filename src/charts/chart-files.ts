import type { TopLevelSpec } from 'vega-lite';
import { chartHtml } from './chart-html.js';
import type { ChartFileFormat } from './chart-file-format.js';
import { compileToVega, renderSvg } from './render-svg.js';
import { renderPng, trimSvg } from './render-png.js';

/** What rendering needs from outside the pure core: font files (PNG) and the Vega runtime (HTML). */
export interface ChartAssets {
  readonly fontFiles: () => readonly string[];
  readonly vegaRuntime: () => string;
}

/** The Vega-Lite spec as committed/served JSON: two-space indented, newline at the end. */
export function specJson(spec: TopLevelSpec): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/**
 * The contents of a chart file in `format`: the Vega-Lite JSON, an SVG, a PNG (2× scale,
 * DejaVu fonts; SVG and PNG trimmed to what is drawn, see `trimSvg`) or a self-contained HTML
 * page titled `title`.
 */
export async function chartFile(
  spec: TopLevelSpec,
  format: ChartFileFormat,
  title: string,
  assets: ChartAssets,
): Promise<string | Uint8Array> {
  switch (format) {
    case 'vl.json':
      return specJson(spec);
    case 'svg':
      return `${trimSvg(await renderSvg(spec), assets.fontFiles())}\n`;
    case 'png':
      return renderPng(trimSvg(await renderSvg(spec), assets.fontFiles()), assets.fontFiles());
    case 'html':
      return chartHtml(title, await compileToVega(spec), assets.vegaRuntime());
  }
}
