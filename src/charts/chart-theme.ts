import type { Config } from 'vega-lite/types_unstable/config.js';
import { compareValues } from '../text/compare.js';

/**
 * Shared look of every chart: DejaVu Sans (bundled with the project, so SVG and PNG look the
 * same everywhere and resvg has the glyphs), readable sizes, fixed colours for the two fusions
 * this project compares.
 */

/** Font family of all chart text; the PNG renderer loads this family's TTF files. */
export const CHART_FONT = 'DejaVu Sans';

/** Colours of the fusions: dense pointwise blue, BFT red; other methods from `OTHER_COLOURS`. */
export const FUSION_COLOURS: Readonly<Record<string, string>> = { pointwise: '#4c78a8', bft: '#e45756' };

/** Colours for categories without a fixed colour, in order. */
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
 * A colour for each category, fixed colours first: `pointwise`/`bft` keep theirs, the others
 * take `OTHER_COLOURS` in sorted order. Returns parallel domain and range arrays.
 */
export function categoryColours(categories: readonly string[]): { domain: string[]; range: string[] } {
  const domain = [...new Set(categories)].sort((a, b) => {
    const fixed = (c: string) => (c === 'pointwise' ? 0 : c === 'bft' ? 1 : 2);
    return fixed(a) - fixed(b) || compareValues(a, b);
  });
  let next = 0;
  const range = domain.map(
    (category) => FUSION_COLOURS[category] ?? OTHER_COLOURS[next++ % OTHER_COLOURS.length] ?? '#888888',
  );
  return { domain, range };
}
