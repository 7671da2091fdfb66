import { describe, expect, it } from '@jest/globals';
import { accuracyTitle, paretoChartSpec } from '../../src/charts/pareto-chart-spec.js';
import { resultChartPoints, resultCostUnit } from '../../src/charts/result-chart-points.js';
import { renderSvg } from '../../src/charts/render-svg.js';
import { analyseResults } from '../../src/results/pareto-analysis.js';
import { parseResultsCsv } from '../../src/results/parse-results-csv.js';
import { resultsDataset } from '../../src/results/results-dataset.js';

/**
 * `chart` and `pareto` agree (issue 22, item 2), checked against frontiers worked out by hand and
 * against the rendered SVG (markers and lines found by their aria-labels and coordinates).
 *
 * Two families, pointwise and BFT, costs in million MACs:
 *   A / pointwise: A-small (500, 60), A-mid (1000, 70), A-mid2 (1000, 70), A-big (1500, 69)
 *     → frontier A-small, A-mid, A-mid2 (identical points do not dominate each other);
 *       A-big is dominated (A-mid costs less and is more accurate).
 *   A / bft: A-bft1 (700, 66), A-bft2 (1200, 72) → both on the frontier.
 *   B / pointwise: B-small (600, 64), B-big (1400, 71) → both on the frontier.
 *   B / bft: B-bft (900, 62), B-bft2 (1300, 61) → B-bft on the frontier, B-bft2 dominated.
 * B-bft is beaten by A-bft1 and by B-small, but neither is in its series: it must be drawn filled.
 */
const CSV = `model,family,fusion,mmacs,top1
A-small,A,pointwise,500,60
A-mid,A,pointwise,1000,70
A-mid2,A,pointwise,1000,70
A-big,A,pointwise,1500,69
A-bft1,A,bft,700,66
A-bft2,A,bft,1200,72
B-small,B,pointwise,600,64
B-big,B,pointwise,1400,71
B-bft,B,bft,900,62
B-bft2,B,bft,1300,61
`;
const HAND_FRONTIERS: Record<string, string[]> = {
  'A / bft': ['A-bft1', 'A-bft2'],
  'A / pointwise': ['A-small', 'A-mid', 'A-mid2'],
  'B / bft': ['B-bft'],
  'B / pointwise': ['B-small', 'B-big'],
};
const HAND_DOMINATED = ['A-big', 'B-bft2'];

const records = parseResultsCsv(CSV, 'hand.csv');

async function svgOf(csv: string, options: { logX?: boolean; dataset?: string } = {}): Promise<string> {
  const rows = parseResultsCsv(csv, 'hand.csv');
  const spec = paretoChartSpec(resultChartPoints(rows, { colour: 'fusion', shape: 'family' }), {
    xUnit: resultCostUnit(rows),
    yTitle: accuracyTitle(options.dataset ?? resultsDataset(rows)),
    logX: options.logX ?? false,
    labels: true,
    colourField: 'fusion',
    shapeField: 'family',
    width: 380,
    height: 300,
  });
  return renderSvg(spec);
}

interface Marker {
  readonly x: number;
  readonly y: number;
  readonly hollow: boolean;
}

/** Point markers by model: position and whether the inside is empty (white or transparent fill). */
function markers(svg: string): Map<string, Marker> {
  const found = new Map<string, Marker>();
  for (const [tag] of svg.matchAll(/<path [^>]*aria-roledescription="point"[^>]*>/g)) {
    const name = /aria-label="([^":]+):/.exec(tag)?.[1];
    const at = /transform="translate\(([-\d.]+),([-\d.]+)\)"/.exec(tag);
    const fill = /\sfill="([^"]+)"/.exec(tag)?.[1];
    const fillOpacity = /fill-opacity="([\d.]+)"/.exec(tag)?.[1];
    if (name === undefined || at === null) continue;
    found.set(name, {
      x: Number(at[1]),
      y: Number(at[2]),
      hollow: fill === 'white' || fill === '#ffffff' || fillOpacity === '0',
    });
  }
  return found;
}

/** Vertices of every line mark, in drawing order. */
function lines(svg: string): { x: number; y: number }[][] {
  return [...svg.matchAll(/<path [^>]*aria-roledescription="line mark"[^>]*\sd="([^"]*)"/g)].map(([, d = '']) =>
    [...d.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map(([, x, y]) => ({ x: Number(x), y: Number(y) })),
  );
}

/** Text content of every <text> element. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map(([, text = '']) => text);
}

describe('pareto on the hand-built CSV', () => {
  it('finds the hand-worked frontier of every series (family × fusion)', () => {
    const analysis = analyseResults(records);
    expect(
      Object.fromEntries(analysis.series.map((series) => [series.name, series.frontier.map((p) => p.record.model)])),
    ).toEqual(HAND_FRONTIERS);
    expect(analysis.series.flatMap((series) => series.dominated.map((d) => d.point.record.model)).sort()).toEqual(
      HAND_DOMINATED,
    );
  });
});

describe('chart on the hand-built CSV, read back from the SVG', () => {
  for (const logX of [false, true]) {
    it(`draws hollow exactly the points pareto calls dominated, and one line per series through its frontier (${logX ? 'log' : 'linear'} x)`, async () => {
      const svg = await svgOf(CSV, { logX });
      const found = markers(svg);
      expect([...found.keys()].sort()).toEqual(records.map((record) => record.model).sort());
      expect(
        [...found]
          .filter(([, marker]) => marker.hollow)
          .map(([name]) => name)
          .sort(),
      ).toEqual(HAND_DOMINATED);
      // Each line's vertices are the markers of one series' hand frontier, cheapest first
      // (identical points share a vertex); the SVG rounds path coordinates to 0.001 px.
      const near = (a: { x: number; y: number }, b: { x: number; y: number }) =>
        Math.abs(a.x - b.x) < 0.01 && Math.abs(a.y - b.y) < 0.01;
      const drawn = lines(svg).map((line) => line.filter((v, i) => i === 0 || !near(v, line[i - 1]!)));
      expect(drawn).toHaveLength(Object.keys(HAND_FRONTIERS).length);
      for (const [series, names] of Object.entries(HAND_FRONTIERS)) {
        const vertices = names
          .map((name) => found.get(name))
          .filter((m): m is Marker => m !== undefined)
          .filter((m, i, all) => i === 0 || !near(m, all[i - 1]!));
        const matches = drawn.filter(
          (line) => line.length === vertices.length && line.every((v, i) => near(v, vertices[i]!)),
        );
        expect([series, matches.length]).toEqual([series, 1]);
      }
    });
  }

  it('has a legend entry saying what filled and hollow mean, and a shape per family', async () => {
    const svg = await svgOf(CSV);
    const words = texts(svg);
    expect(words).toEqual(expect.arrayContaining(['dominated in its series (hollow)']));
    expect(svg).toContain(
      "legend titled 'fusion' for fill color with 3 values: pointwise, bft, dominated in its series (hollow)",
    );
    expect(words).toEqual(expect.arrayContaining(['family', 'A', 'B', 'fusion', 'pointwise', 'bft']));
    expect(svg).toContain("legend titled 'family' for shape with 2 values: A, B");
  });

  it('names each marker by its model in the aria-label', async () => {
    const svg = await svgOf(CSV);
    expect(svg).toContain('aria-label="B-bft: 900 million MACs, top-1 62 %, Pareto-optimal in B / bft"');
    expect(svg).toContain('aria-label="A-big: 1,500 million MACs, top-1 69 %, dominated in A / pointwise"');
  });
});

describe('axes and titles from the data', () => {
  const inUnit = (header: string, scale: (mmacs: number) => string) =>
    CSV.replace('mmacs', header).replace(
      /,(\d+),(\d+)$/gm,
      (_, mmacs: string, top1: string) => `,${scale(Number(mmacs))},${top1}`,
    );

  it('never prints e-notation on tick labels, on linear and log axes, in any cost unit', async () => {
    const cases: [string, (m: number) => string][] = [
      ['macs', (m) => `${m}000000`],
      ['mmacs', (m) => `${m}`],
      ['gmacs', (m) => `${m / 1000}`],
      ['flops_2xmacs', (m) => `${2 * m}000000`],
    ];
    for (const [header, scale] of cases) {
      for (const logX of [false, true]) {
        const words = texts(await svgOf(inUnit(header, scale), { logX }));
        const numbers = words.filter((word) => /^[-−\d.,]+[a-zA-Z+]*[\d]*$/.test(word));
        expect([header, logX, numbers.length > 6]).toEqual([header, logX, true]);
        expect([header, logX, words.filter((word) => /\d\s*e[+-−]?\d/i.test(word))]).toEqual([header, logX, []]);
      }
    }
    // Hand check of one axis: 500 … 1,500 million MACs in thousands, not 5e+2 … 1.5e+3.
    expect(texts(await svgOf(CSV))).toEqual(expect.arrayContaining(['500', '1,000', '1,500']));
  });

  it("names the CSV's cost unit, says nothing of a paper, and names a dataset only when the data does", async () => {
    const plain = texts(await svgOf(CSV));
    expect(plain).toContain('million MACs (multiply-accumulates)');
    expect(plain).toContain('top-1 accuracy (%)');
    expect(plain.join(' ')).not.toMatch(/paper|ImageNet|MFLOPs/);
    const gflops = texts(
      await svgOf(
        inUnit('gflops_2xmacs', (m) => `${(2 * m) / 1000}`),
        { logX: true },
      ),
    );
    expect(gflops).toContain('billion FLOPs (1 MAC = 2 FLOPs), log scale');
    const withDataset = CSV.replace('top1\n', 'top1,dataset\n').replace(/(\d)\n/g, '$1,CIFAR-100\n');
    expect(texts(await svgOf(withDataset))).toContain('CIFAR-100 top-1 accuracy (%)');
    expect(texts(await svgOf(CSV, { dataset: 'ImageNet' }))).toContain('ImageNet top-1 accuracy (%)');
  });
});

describe("pareto's text says the dataset only when the data names one", () => {
  it('says top-1 without a dataset column, and the dataset with one or with --dataset', async () => {
    const { formatPareto } = await import('../../src/format/pareto-format.js');
    expect(formatPareto(analyseResults(records), 'table').split('\n')[0]).toBe(
      'Costs in million MACs (multiply-accumulates). Accuracy: top-1 %.',
    );
    const withDataset = CSV.replace('top1\n', 'top1,dataset\n').replace(/(\d)\n/g, '$1,CIFAR-100\n');
    const cifar = analyseResults(parseResultsCsv(withDataset, 'hand.csv'));
    expect(formatPareto(cifar, 'markdown').split('\n')[0]).toBe(
      'Costs in million MACs (multiply-accumulates). Accuracy: CIFAR-100 top-1 %.',
    );
    expect(formatPareto(analyseResults(records), 'table', 'ImageNet').split('\n')[0]).toContain('ImageNet top-1 %');
  });
});
