import { describe, expect, it } from '@jest/globals';
import { paretoChartSpec } from '../../src/charts/pareto-chart-spec.js';
import { rasterize, renderPng } from '../../src/charts/render-png.js';
import { renderSvg } from '../../src/charts/render-svg.js';
import { chartFontFiles } from '../../src/io/chart-fonts.js';

const M = 1_000_000n;
const spec = paretoChartSpec(
  [
    { model: 'a', label: 'a', macs: 10n * M, top1: 40, colour: 'pointwise', source: 's' },
    { model: 'b', label: 'b', macs: 30n * M, top1: 45, colour: 'bft', source: 's' },
  ],
  { xUnit: 'mmacs', logX: true, labels: false, colourField: 'fusion', width: 300, height: 200 },
);

/** Nearly black pixels (text is black; axes, grid and points are grey or coloured) in rows [from, to). */
function darkPixels(raster: { width: number; pixels: Uint8Array }, fromRow: number, toRow: number): number {
  let count = 0;
  for (let row = fromRow; row < toRow; row++) {
    for (let column = 0; column < raster.width; column++) {
      const i = (row * raster.width + column) * 4;
      if ((raster.pixels[i] ?? 255) < 60 && (raster.pixels[i + 1] ?? 255) < 60 && (raster.pixels[i + 2] ?? 255) < 60) count++;
    }
  }
  return count;
}

describe('PNG rendering', () => {
  it('draws the text: the y-axis title band has ink with the bundled fonts and none without fonts', async () => {
    const svg = await renderSvg(spec);
    const withFonts = rasterize(svg, chartFontFiles(), 1);
    const withoutFonts = rasterize(svg, [], 1);
    expect(withFonts.width).toBe(withoutFonts.width);
    // The whole image: without fonts resvg silently drops every glyph.
    const inkWith = darkPixels(withFonts, 0, withFonts.height);
    const inkWithout = darkPixels(withoutFonts, 0, withoutFonts.height);
    expect(inkWith).toBeGreaterThan(500);
    expect(inkWithout).toBeLessThan(inkWith / 10);
    // The x-axis title sits below the plot area (200 px from y = 40) and its tick labels: rows 240–272
    // (measured once from this chart's SVG layout; tick labels, title and legend follow each other).
    expect(darkPixels(withFonts, 240, 272)).toBeGreaterThan(100);
    expect(darkPixels(withoutFonts, 240, 272)).toBe(0);
  });

  it('produces a PNG file at twice the SVG size by default', async () => {
    const png = renderPng(await renderSvg(spec), chartFontFiles());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = new DataView(png.buffer, png.byteOffset).getUint32(16);
    const svgWidth = Number(/width="(\d+)"/.exec(await renderSvg(spec))?.[1]);
    expect(width).toBe(2 * svgWidth);
  });
});
