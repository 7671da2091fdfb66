import type * as ResvgModule from '@resvg/resvg-js';
import { loadPackage } from '../expr/lazy-package.js';
import { CHART_FONT } from './chart-theme.js';

let resvgModule: typeof ResvgModule | undefined;

/** resvg (a native module), loaded on the first rasterisation rather than at start-up. */
function resvg(): typeof ResvgModule {
  return (resvgModule ??= loadPackage<typeof ResvgModule>('@resvg/resvg-js'));
}

/**
 * SVG → pixels / PNG through resvg, with the fonts given as files. resvg silently drops text
 * whose font it cannot find (and maps `sans-serif` to Arial), so the caller passes the DejaVu
 * files (`chartFontFiles()` in `src/io/chart-fonts.ts`) and system fonts are not used: the same
 * pixels on every machine.
 */

/** A rasterised chart: size in pixels, RGBA bytes row by row, and the PNG encoding. */
export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
  readonly png: Uint8Array;
}

/** Rasterises `svg` at `scale` × its size with only `fontFiles` available. */
export function rasterize(svg: string, fontFiles: readonly string[], scale = 2): Raster {
  const renderer = new (resvg().Resvg)(svg, {
    font: {
      fontFiles: [...fontFiles],
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT,
      sansSerifFamily: CHART_FONT,
    },
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
  });
  const image = renderer.render();
  return { width: image.width, height: image.height, pixels: new Uint8Array(image.pixels), png: new Uint8Array(image.asPng()) };
}

/** The PNG of `svg` at `scale` × its size (2 for sharp text on high-density screens). */
export function renderPng(svg: string, fontFiles: readonly string[], scale = 2): Uint8Array {
  return rasterize(svg, fontFiles, scale).png;
}
