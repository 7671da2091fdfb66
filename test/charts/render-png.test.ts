import { describe, expect, it } from '@jest/globals';
import { paretoChartSpec } from '../../src/charts/pareto-chart-spec.js';
import { rasterize, renderPng } from '../../src/charts/render-png.js';
import { renderSvg } from '../../src/charts/render-svg.js';
import { chartFontFiles } from '../../src/io/chart-fonts.js';

const M = 1_000_000n;
const spec = paretoChartSpec(
  [
    {
      model: 'a',
      label: 'a',
      macs: 10n * M,
      top1: 40,
      colour: 'pointwise',
      series: 'pointwise',
      frontier: true,
      source: 's',
    },
    { model: 'b', label: 'b', macs: 30n * M, top1: 45, colour: 'bft', series: 'bft', frontier: true, source: 's' },
  ],
  {
    xUnit: 'mmacs',
    yTitle: 'top-1 accuracy (%)',
    logX: true,
    labels: false,
    colourField: 'fusion',
    width: 300,
    height: 200,
  },
);

/**
 * Where the SVG puts a text element, found by geometry rather than measured from a picture: the
 * sum of the translate() of the element and of every enclosing group, its anchor and font size.
 * Only plain translate() transforms are followed (enough for the x-axis title).
 */
function textPlacement(svg: string, startsWith: string): { x: number; y: number; fontSize: number; anchor: string } {
  const offsets: [number, number][] = [];
  let x = 0;
  let y = 0;
  for (const tag of svg.matchAll(/<(\/?)(\w+)([^>]*?)(\/?)>([^<]*)/g)) {
    const [, closing, name, attributes = '', selfClosing, content = ''] = tag;
    if (closing === '/') {
      if (name === 'g') {
        const [dx, dy] = offsets.pop() ?? [0, 0];
        x -= dx;
        y -= dy;
      }
      continue;
    }
    const translate = /transform="translate\(([-\d.]+),([-\d.]+)\)"/.exec(attributes);
    const [dx, dy] = translate === null ? [0, 0] : [Number(translate[1]), Number(translate[2])];
    if (name === 'text' && content.startsWith(startsWith)) {
      return {
        x: x + dx,
        y: y + dy,
        fontSize: Number(/font-size="([\d.]+)px"/.exec(attributes)?.[1]),
        anchor: /text-anchor="(\w+)"/.exec(attributes)?.[1] ?? 'start',
      };
    }
    if (name === 'g' && selfClosing !== '/') {
      offsets.push([dx, dy]);
      x += dx;
      y += dy;
    }
  }
  throw new Error(`no text starting with "${startsWith}"`);
}

/** Columns holding nearly black pixels in rows [from, to): the first and the last. */
function inkColumns(raster: { width: number; pixels: Uint8Array }, fromRow: number, toRow: number): [number, number] {
  let first = Infinity;
  let last = -Infinity;
  for (let row = fromRow; row < toRow; row++) {
    for (let column = 0; column < raster.width; column++) {
      const i = (row * raster.width + column) * 4;
      if ((raster.pixels[i] ?? 255) < 60 && (raster.pixels[i + 1] ?? 255) < 60 && (raster.pixels[i + 2] ?? 255) < 60) {
        first = Math.min(first, column);
        last = Math.max(last, column);
      }
    }
  }
  return [first, last];
}

/** Nearly black pixels (text is black; axes, grid and points are grey or coloured) in rows [from, to). */
function darkPixels(raster: { width: number; pixels: Uint8Array }, fromRow: number, toRow: number): number {
  let count = 0;
  for (let row = fromRow; row < toRow; row++) {
    for (let column = 0; column < raster.width; column++) {
      const i = (row * raster.width + column) * 4;
      if ((raster.pixels[i] ?? 255) < 60 && (raster.pixels[i + 1] ?? 255) < 60 && (raster.pixels[i + 2] ?? 255) < 60)
        count++;
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
    // The x-axis title, where the SVG places it: glyphs of a font-size f text with its baseline at y
    // lie in rows [y − f, y + f/4) (ascenders and descenders of DejaVu Sans: 0.76 f and 0.24 f).
    const title = textPlacement(svg, 'million MACs');
    expect(title.anchor).toBe('middle');
    const [top, bottom] = [Math.floor(title.y - title.fontSize), Math.ceil(title.y + title.fontSize / 4)];
    expect(darkPixels(withFonts, top, bottom)).toBeGreaterThan(100);
    expect(darkPixels(withoutFonts, top, bottom)).toBe(0);
    // Centred on its anchor: the ink of those rows starts and ends equally far from x.
    const [first, last] = inkColumns(withFonts, top, bottom);
    expect(Math.abs((first + last + 1) / 2 - title.x)).toBeLessThan(3);
  });

  it('produces a PNG file at twice the SVG size by default', async () => {
    const png = renderPng(await renderSvg(spec), chartFontFiles());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const width = new DataView(png.buffer, png.byteOffset).getUint32(16);
    const svgWidth = Number(/width="(\d+)"/.exec(await renderSvg(spec))?.[1]);
    expect(width).toBe(2 * svgWidth);
  });
});
