import type { TopLevelSpec } from 'vega-lite';
import { flopsFromMacs } from '../model/units.js';
import { chartNumber } from './chart-number.js';
import { categoryColours, CHART_CONFIG } from './chart-theme.js';
import { linearAxis, logAxis } from './axis-ticks.js';
import { placeLabels } from './place-labels.js';
import { compareValues } from '../text/compare.js';

/**
 * The accuracy-vs-cost chart (the paper's Figure 1 and `butterflops chart`): one point per
 * result, one frontier line per series through the points the Pareto analysis puts on that
 * series' frontier (the caller passes the analysis' verdicts, so the chart and `pareto` agree),
 * hollow markers for dominated points with a legend entry saying so, colour for one field (the
 * fusion), shape for another (the family), optional point labels placed so they do not collide,
 * optional facets side by side, axis titles with units, plain tick labels, tooltips, and an
 * accessible description per point that names its model. Pure: typed input in, Vega-Lite out.
 */

/** Cost units the x axis can show: the cost columns of a result CSV (`data/README.md`). */
export const COST_AXIS_UNITS = ['macs', 'mmacs', 'gmacs', 'flops_2xmacs', 'mflops_2xmacs', 'gflops_2xmacs'] as const;
export type CostAxisUnit = (typeof COST_AXIS_UNITS)[number];

const AXIS_TITLES: Readonly<Record<CostAxisUnit, string>> = {
  macs: 'MACs (multiply-accumulates)',
  mmacs: 'million MACs (multiply-accumulates)',
  gmacs: 'billion MACs (multiply-accumulates)',
  flops_2xmacs: 'FLOPs (1 MAC = 2 FLOPs)',
  mflops_2xmacs: 'million FLOPs (1 MAC = 2 FLOPs)',
  gflops_2xmacs: 'billion FLOPs (1 MAC = 2 FLOPs)',
};

/** Short unit names for tooltips and point descriptions. */
const UNIT_NAMES: Readonly<Record<CostAxisUnit, string>> = {
  macs: 'MACs',
  mmacs: 'million MACs',
  gmacs: 'billion MACs',
  flops_2xmacs: 'FLOPs',
  mflops_2xmacs: 'million FLOPs',
  gflops_2xmacs: 'billion FLOPs',
};

/**
 * The colour legend's entry for hollow markers: a dominated point is drawn with a white fill, and
 * the fill legend lists this value after the colours (filled = on its series' Pareto frontier).
 */
export const DOMINATED_MARKER = 'dominated in its series (hollow)';

/** d3 format of every tick label: plain decimals with thousands separators, never e-notation. */
export const TICK_FORMAT = ',~r';

/** One result to plot, with the Pareto analysis' verdict on it. */
export interface ParetoChartPoint {
  /** The point's name: model, and `@resolution` when the row has one. */
  readonly model: string;
  /** Short text shown beside the point when labels are on. */
  readonly label: string;
  /** Cost in MACs. */
  readonly macs: bigint;
  /** Top-1 accuracy in percent. */
  readonly top1: number;
  /** Value of the colour field (e.g. the fusion). */
  readonly colour: string;
  /** Value of the shape field (e.g. the family); ignored without `shapeField`. */
  readonly shape?: string;
  /** Value of the facet field (e.g. the family); ignored without `facetField`. */
  readonly facet?: string;
  /** Name of the point's Pareto series, e.g. `MobileNetV1 / bft`. */
  readonly series: string;
  /** True when the analysis puts the point on its series' frontier. */
  readonly frontier: boolean;
  /** Shown in the tooltip, e.g. `BFT paper Table 1c`. */
  readonly source: string;
}

/** How to draw the chart. */
export interface ParetoChartOptions {
  readonly title?: string;
  readonly subtitle?: string;
  /** The cost axis' unit: the result CSV's cost column. */
  readonly xUnit: CostAxisUnit;
  /** Added to the cost title in parentheses, e.g. `the paper's "MFLOPs"` (only for the paper's data). */
  readonly xNote?: string;
  /** Accuracy axis title, e.g. `top-1 accuracy (%)` (see `accuracyTitle`). */
  readonly yTitle: string;
  readonly logX: boolean;
  readonly labels: boolean;
  /** Name of the colour field, used as data field and legend title (e.g. `fusion`). */
  readonly colourField: string;
  /** Legend title; default the colour field's name. */
  readonly colourTitle?: string;
  /** Name of the shape field (e.g. `family`); one shape when absent. */
  readonly shapeField?: string;
  /** Name of the facet field (e.g. `family`); no facets when absent. */
  readonly facetField?: string;
  /** Panel size in pixels. */
  readonly width: number;
  readonly height: number;
}

/**
 * The accuracy axis title from the metric column (`top1`) and, when the data names one, its
 * dataset: `ImageNet top-1 accuracy (%)`, else `top-1 accuracy (%)`.
 */
export function accuracyTitle(dataset?: string): string {
  return dataset === undefined || dataset === '' ? 'top-1 accuracy (%)' : `${dataset} top-1 accuracy (%)`;
}

/** A data row of the spec. */
interface Row {
  readonly [field: string]: string | number | boolean;
}

const FONT_SIZE = 10;
const POINT_RADIUS = 4;

function costValue(macs: bigint, unit: CostAxisUnit): number {
  switch (unit) {
    case 'macs':
      return chartNumber(macs);
    case 'mmacs':
      return chartNumber(macs, 1_000_000n);
    case 'gmacs':
      return chartNumber(macs, 1_000_000_000n);
    case 'flops_2xmacs':
      return chartNumber(flopsFromMacs(macs));
    case 'mflops_2xmacs':
      return chartNumber(flopsFromMacs(macs), 1_000_000n);
    case 'gflops_2xmacs':
      return chartNumber(flopsFromMacs(macs), 1_000_000_000n);
  }
}

/** Rounds a coordinate so the spec (and its golden file) does not carry float noise. */
const round = (value: number, digits = 4): number => Number(value.toFixed(digits));

/** The Vega-Lite spec of the chart. O(n²) for label placement (none without labels). */
export function paretoChartSpec(points: readonly ParetoChartPoint[], options: ParetoChartOptions): TopLevelSpec {
  const facetOf = (point: ParetoChartPoint) => (options.facetField === undefined ? '' : (point.facet ?? ''));
  const panels = new Map<string, ParetoChartPoint[]>();
  for (const point of points) panels.set(facetOf(point), [...(panels.get(facetOf(point)) ?? []), point]);
  const names = [...panels.keys()].sort(compareValues);
  const ys = points.map((point) => point.top1);
  // At least 1 point of room above and below the data; ticks at both domain ends.
  const yAxis = linearAxis(Math.min(...ys), Math.max(...ys), 8, 1.5);
  const colours = categoryColours(points.map((point) => point.colour));
  const shapes = shapeScale(points.map((point) => point.shape ?? ''));
  const header = {
    ...(options.title !== undefined
      ? { title: options.subtitle !== undefined ? { text: options.title, subtitle: options.subtitle } : options.title }
      : {}),
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
  };
  const specs = names.map((name) => panelSpec(name, panels.get(name) ?? [], options, yAxis, colours, shapes));
  const [only] = specs as ({ note?: string } & Record<string, unknown>)[];
  if (options.facetField === undefined && only !== undefined) {
    const { note, ...panel } = only;
    if (note === undefined) return { ...header, ...panel } as TopLevelSpec;
    const subtitle = [...(options.subtitle === undefined ? [] : [options.subtitle]), note];
    return { ...header, title: { text: options.title ?? '', subtitle }, ...panel } as TopLevelSpec;
  }
  return { ...header, hconcat: specs, resolve: { scale: { x: 'independent', y: 'shared' } } } as TopLevelSpec;
}

/** One panel: frontier lines, points, labels; its own x domain, the shared y domain. */
function panelSpec(
  name: string,
  points: readonly ParetoChartPoint[],
  options: ParetoChartOptions,
  yAxis: { domain: [number, number]; ticks: number[] },
  colours: { domain: string[]; range: string[] },
  shapes: { domain: string[]; range: string[] },
): object {
  const yDomain = yAxis.domain;
  const x = options.xUnit;
  // 1. The frontier of each series, cheapest first, as the analysis gave it.
  const frontiers = new Map<string, ParetoChartPoint[]>();
  for (const point of points) {
    if (!point.frontier) continue;
    const line = frontiers.get(point.series);
    if (line === undefined) frontiers.set(point.series, [point]);
    else line.push(point);
  }
  for (const line of frontiers.values()) line.sort((a, b) => compareValues(a.macs, b.macs));

  // 2. Fixed scale domains, so pixel positions are known for label placement.
  const xs = points.map((point) => costValue(point.macs, x));
  const xMin = xs.reduce((m, v) => Math.min(m, v), Infinity);
  const xMax = xs.reduce((m, v) => Math.max(m, v), -Infinity);
  const xAxis = options.logX ? logAxis(xMin, xMax, options.width) : linearAxis(0, xMax, 8, xMax * 0.05);
  const xDomain = xAxis.domain;
  const [x0, x1] = xDomain;
  const [y0, y1] = yDomain;
  const toPxX = (v: number) =>
    (options.logX ? Math.log(v / x0) / Math.log(x1 / x0) : (v - x0) / (x1 - x0)) * options.width;
  const fromPxX = (px: number) =>
    options.logX ? x0 * (x1 / x0) ** (px / options.width) : x0 + (px / options.width) * (x1 - x0);
  const toPxY = (v: number) => (1 - (v - y0) / (y1 - y0)) * options.height;
  const fromPxY = (px: number) => y0 + (1 - px / options.height) * (y1 - y0);

  // 3. Label positions: frontier points first, then by cost; frontier lines are obstacles.
  const labelAt = new Map<ParetoChartPoint, { x: number; y: number }>();
  const unlabelled: ParetoChartPoint[] = [];
  if (options.labels) {
    const obstacles: { x: number; y: number }[] = [];
    for (const frontier of frontiers.values()) {
      const line = frontier.map((point) => ({ x: toPxX(costValue(point.macs, x)), y: toPxY(point.top1) }));
      for (let i = 0; i + 1 < line.length; i++) {
        const a = line[i];
        const b = line[i + 1];
        if (a === undefined || b === undefined) continue;
        const steps = Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / 4);
        for (let s = 1; s < steps; s++)
          obstacles.push({ x: a.x + ((b.x - a.x) * s) / steps, y: a.y + ((b.y - a.y) * s) / steps });
      }
    }
    const ordered = [...points].sort(
      (a, b) => Number(b.frontier) - Number(a.frontier) || compareValues(a.macs, b.macs),
    );
    const placed = placeLabels(
      ordered.map((point) => ({ x: toPxX(costValue(point.macs, x)), y: toPxY(point.top1), text: point.label })),
      { width: options.width, height: options.height, fontSize: FONT_SIZE, pointRadius: POINT_RADIUS, obstacles },
    );
    ordered.forEach((point, i) => {
      const spot = placed[i];
      if (spot === undefined || spot === null) unlabelled.push(point);
      else labelAt.set(point, { x: round(fromPxX(spot.x), 6), y: round(fromPxY(spot.y), 4) });
    });
  }

  // 4. Data rows; `description` becomes each marker's aria-label in the SVG.
  const unitName = UNIT_NAMES[x];
  const rows: Row[] = points.map((point) => {
    const label = labelAt.get(point);
    const cost = round(costValue(point.macs, x), 6);
    return {
      model: point.model,
      label: point.label,
      [x]: cost,
      top1: point.top1,
      [options.colourField]: point.colour,
      ...(options.shapeField !== undefined && options.shapeField !== options.colourField
        ? { [options.shapeField]: point.shape ?? '' }
        : {}),
      ...(options.facetField !== undefined ? { [options.facetField]: name } : {}),
      series: point.series,
      frontier: point.frontier,
      marker: point.frontier ? 'Pareto-optimal in its series' : 'dominated in its series',
      fill: point.frontier ? point.colour : DOMINATED_MARKER,
      description: `${point.model}: ${cost.toLocaleString('en-US', { maximumFractionDigits: 6 })} ${unitName}, top-1 ${point.top1} %, ${point.frontier ? 'Pareto-optimal in' : 'dominated in'} ${point.series}`,
      source: point.source,
      ...(label !== undefined ? { label_x: label.x, label_y: label.y } : {}),
    };
  });

  const costTitle = [AXIS_TITLES[x], options.xNote, options.logX ? 'log scale' : undefined]
    .filter((part) => part !== undefined)
    .join(', ');
  const xEncoding = {
    field: x,
    type: 'quantitative' as const,
    title: costTitle,
    scale: options.logX
      ? { type: 'log' as const, domain: xDomain, nice: false }
      : { type: 'linear' as const, domain: xDomain, nice: false, zero: false },
    axis: { grid: true, values: xAxis.ticks, format: TICK_FORMAT },
  };
  const yEncoding = {
    field: 'top1',
    type: 'quantitative' as const,
    title: options.yTitle,
    scale: { domain: yDomain, nice: false, zero: false },
    axis: { values: yAxis.ticks, format: TICK_FORMAT },
  };
  const colour = {
    field: options.colourField,
    type: 'nominal' as const,
    title: options.colourTitle ?? options.colourField,
    scale: colours,
  };
  const shapeField = options.shapeField;
  const shape =
    shapeField === undefined
      ? undefined
      : shapeField === options.colourField
        ? {
            field: shapeField,
            type: 'nominal' as const,
            scale: { domain: colours.domain, range: shapesFor(colours.domain) },
            title: options.colourTitle ?? shapeField,
          }
        : { field: shapeField, type: 'nominal' as const, scale: shapes, title: shapeField };
  const tooltip = [
    { field: 'model', type: 'nominal' as const, title: 'model' },
    { field: x, type: 'quantitative' as const, title: unitName, format: TICK_FORMAT },
    { field: 'top1', type: 'quantitative' as const, title: 'top-1 %' },
    { field: 'series', type: 'nominal' as const, title: 'series' },
    { field: 'marker', type: 'nominal' as const, title: 'Pareto' },
    { field: 'source', type: 'nominal' as const, title: 'source' },
  ];
  const layers = [
    {
      transform: [{ filter: 'datum.frontier' }],
      mark: { type: 'line' as const, strokeWidth: 2, opacity: 0.75 },
      encoding: {
        x: xEncoding,
        y: yEncoding,
        color: { ...colour, legend: null },
        detail: { field: 'series', type: 'nominal' as const },
        order: { field: x, type: 'quantitative' as const },
      },
    },
    {
      mark: { type: 'point' as const, filled: true, size: 60, strokeWidth: 1.5, opacity: 1 },
      encoding: {
        x: xEncoding,
        y: yEncoding,
        // One legend for colour and hollowness: the fill is the colour on the frontier and white
        // (its own legend entry) for dominated points; the stroke always shows the colour.
        fill: {
          field: 'fill',
          type: 'nominal' as const,
          title: options.colourTitle ?? options.colourField,
          scale: { domain: [...colours.domain, DOMINATED_MARKER], range: [...colours.range, 'white'] },
          legend: { symbolStrokeColor: '#555555', symbolStrokeWidth: 1, labelLimit: 300 },
        },
        stroke: { ...colour, legend: null },
        ...(shape === undefined ? {} : { shape }),
        description: { field: 'description', type: 'nominal' as const },
        tooltip,
      },
    },
    ...(options.labels
      ? [
          {
            mark: { type: 'text' as const, align: 'left' as const, baseline: 'middle' as const, fontSize: FONT_SIZE },
            encoding: {
              x: { ...xEncoding, field: 'label_x' },
              y: { ...yEncoding, field: 'label_y' },
              text: { field: 'label', type: 'nominal' as const },
              color: { ...colour, legend: null },
            },
          },
        ]
      : []),
  ];
  // Labels that have no unambiguous spot are listed under the panel title instead.
  const note =
    unlabelled.length === 0
      ? undefined
      : `not labelled (crowded): ${unlabelled.map((point) => `${point.label} = ${round(costValue(point.macs, x), 2)}, ${point.top1} %`).join('; ')}`;
  const title =
    options.facetField !== undefined
      ? {
          title: {
            text: name,
            anchor: 'middle' as const,
            fontSize: 14,
            ...(note === undefined ? {} : { subtitle: note }),
          },
        }
      : note === undefined
        ? {}
        : { note };
  return {
    ...title,
    data: { values: rows },
    width: options.width,
    height: options.height,
    layer: layers,
  };
}

const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down'] as const;

const shapesFor = (domain: readonly string[]): string[] => domain.map((_, i) => SHAPES[i % SHAPES.length] ?? 'circle');

/** One shape per value, in sorted order. */
function shapeScale(values: readonly string[]): { domain: string[]; range: string[] } {
  const domain = [...new Set(values)].sort(compareValues);
  return { domain, range: shapesFor(domain) };
}
