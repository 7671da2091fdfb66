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
  return {
    width: image.width,
    height: image.height,
    pixels: new Uint8Array(image.pixels),
    png: new Uint8Array(image.asPng()),
  };
}

/** The PNG of `svg` at `scale` × its size (2 for sharp text on high-density screens). */
export function renderPng(svg: string, fontFiles: readonly string[], scale = 2): Uint8Array {
  return rasterize(svg, fontFiles, scale).png;
}

/**
 * Trims the empty band Vega leaves at the right (and bottom) of a chart: Vega sizes the canvas
 * from its own text-width estimate, which overshoots long titles, so the SVG is cut to the
 * bounding box of what resvg actually draws with `fontFiles`, plus `margin` px. The left and top
 * edges stay, so nothing moves. Returns the SVG unchanged when it cannot be measured.
 */
export function trimSvg(svg: string, fontFiles: readonly string[], margin = 8): string {
  const size = /^<svg [^>]*width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)" viewBox="0 0 [\d.]+ [\d.]+"/.exec(svg);
  const background = /<rect width="[\d.]+" height="[\d.]+" fill="white"\/>/;
  if (size === null || !background.test(svg)) return svg;
  const renderer = new (resvg().Resvg)(svg.replace(background, ''), {
    font: {
      fontFiles: [...fontFiles],
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT,
      sansSerifFamily: CHART_FONT,
    },
  });
  const box = renderer.getBBox();
  if (box === undefined) return svg;
  const width = Math.min(Number(size[1]), Math.ceil(box.x + box.width + margin));
  const height = Math.min(Number(size[2]), Math.ceil(box.y + box.height + margin));
  return svg
    .replace(
      /^(<svg [^>]*)width="[\d.]+" height="[\d.]+" viewBox="0 0 [\d.]+ [\d.]+"/,
      `$1width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`,
    )
    .replace(background, `<rect width="${width}" height="${height}" fill="white"/>`);
}
