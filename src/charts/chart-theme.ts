import type { Config } from 'vega-lite/types_unstable/config.js';
import { compareValues } from '../text/compare.js';

/**
 * Shared look of every chart: DejaVu Sans (bundled with the project, so SVG and PNG look the
 * same everywhere and resvg has the glyphs), readable sizes, fixed colours for the two fusions
 * this project compares.
 */

/** Font family of all chart text; the PNG renderer loads this family's TTF files. */
export const CHART_FONT = 'DejaVu Sans';

/**
 * One colour per fusion in every chart: dense pointwise blue, BFT red, and the other methods the
 * BFT paper compares (Table 2) each a fixed colour, so a method keeps its colour from chart to
 * chart whatever else a chart shows. A Map, so any name (even `constructor`) is just a name.
 */
export const FUSION_COLOURS: ReadonlyMap<string, string> = new Map([
  ['pointwise', '#4c78a8'],
  ['bft', '#e45756'],
  ['bpbp', '#54a24b'],
  ['circulant', '#f58518'],
  ['fastfood', '#b279a2'],
  ['low-rank', '#72b7b2'],
  ['nas', '#9d755d'],
  ['toeplitz', '#eeca3b'],
]);

/** Colours for categories that are not fusions (layer roles, …), in order. */
export const OTHER_COLOURS: readonly string[] = [
  '#54a24b',
  '#f58518',
  '#b279a2',
  '#72b7b2',
  '#9d755d',
  '#eeca3b',
  '#ff9da6',
  '#bab0ac',
];

/** Colours for values of a colour field without a fixed colour, in order (none of them a fusion's). */
const UNFIXED_COLOURS: readonly string[] = ['#ff9da6', '#bab0ac', '#8c6d31', '#17becf', '#637939', '#7b4173'];

/**
 * Colours of butterfly variants in one chart (base 2, base 4, √n, planned, …): the first is BFT's
 * own red, the others shades of it, so every butterfly reads as BFT beside dense pointwise blue.
 */
export const BFT_VARIANT_COLOURS: readonly string[] = ['#e45756', '#8b1e3f', '#f7a1a1', '#c51b7d', '#5c0a1c'];

/** Vega-Lite `config` shared by all charts. */
export const CHART_CONFIG: Config = {
  font: CHART_FONT,
  background: 'white',
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e6e6e6' },
  legend: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    orient: 'bottom',
    direction: 'horizontal',
  },
  header: { labelFontSize: 14, labelFontWeight: 'bold', titleFontSize: 12 },
  title: { fontSize: 15, fontWeight: 'bold', anchor: 'start', subtitleFontSize: 11, subtitleColor: '#555555' },
  view: { stroke: '#cccccc' },
};

/**
 * A colour for each category, fixed colours first: the fusions of `FUSION_COLOURS` keep theirs
 * (pointwise, then bft, then the others in sorted order), other values take colours no fusion has, in
 * sorted order. Returns parallel domain and range arrays.
 */
export function categoryColours(categories: readonly string[]): { domain: string[]; range: string[] } {
  const rank = (c: string) => (c === 'pointwise' ? 0 : c === 'bft' ? 1 : FUSION_COLOURS.has(c) ? 2 : 3);
  const domain = [...new Set(categories)].sort((a, b) => rank(a) - rank(b) || compareValues(a, b));
  let next = 0;
  const range = domain.map(
    (category) => FUSION_COLOURS.get(category) ?? UNFIXED_COLOURS[next++ % UNFIXED_COLOURS.length] ?? '#888888',
  );
  return { domain, range };
}

/** The colour of `fusion` in every chart (see `FUSION_COLOURS`); grey for a fusion without one. */
export function fusionColour(fusion: string): string {
  return FUSION_COLOURS.get(fusion) ?? '#888888';
}
