import type { TopLevelSpec } from 'vega-lite';
import { flopsFromMacs } from '../model/units.js';
import { paretoFrontier } from '../results/pareto-frontier.js';
import { chartNumber } from './chart-number.js';
import { categoryColours, CHART_CONFIG } from './chart-theme.js';
import { linearAxis, logAxis } from './axis-ticks.js';
import { placeLabels } from './place-labels.js';
import { compareValues } from '../text/compare.js';

/**
 * The accuracy-vs-cost chart (the paper's Figure 1 and `butterflops chart`): one point per
 * result, a frontier line per series (facet × colour group) through its Pareto-optimal points,
 * optional point labels placed so they do not collide, optional facets side by side, axis titles
 * with units, a legend and tooltips. Pure: typed input in, Vega-Lite spec out.
 */

/** Cost units the x axis can show; `mflops_2xmacs` is FLOPs = 2 × MACs. */
export const COST_AXIS_UNITS = ['mmacs', 'macs', 'gmacs', 'mflops_2xmacs'] as const;
export type CostAxisUnit = (typeof COST_AXIS_UNITS)[number];

const AXIS_TITLES: Readonly<Record<CostAxisUnit, string>> = {
  macs: 'MACs (multiply-accumulates)',
  mmacs: 'million MACs (the paper\'s "MFLOPs")',
  gmacs: 'billion MACs',
  mflops_2xmacs: 'million FLOPs (1 MAC = 2 FLOPs)',
};

/** One result to plot. */
export interface ParetoChartPoint {
  readonly model: string;
  /** Short text shown beside the point when labels are on. */
  readonly label: string;
  /** Cost in MACs. */
  readonly macs: bigint;
  /** Top-1 accuracy in percent. */
  readonly top1: number;
  /** Value of the colour field (e.g. the fusion). */
  readonly colour: string;
  /** Value of the facet field (e.g. the family); ignored without `facetField`. */
  readonly facet?: string;
  /** Shown in the tooltip, e.g. `BFT paper Table 1c`. */
  readonly source: string;
}

/** How to draw the chart. */
export interface ParetoChartOptions {
  readonly title?: string;
  readonly subtitle?: string;
  readonly xUnit: CostAxisUnit;
  readonly logX: boolean;
  readonly labels: boolean;
  /** Name of the colour field, used as data field and legend title (e.g. `fusion`). */
  readonly colourField: string;
  /** Legend title; default the colour field's name. */
  readonly colourTitle?: string;
  /** Name of the facet field (e.g. `family`); no facets when absent. */
  readonly facetField?: string;
  /** Panel size in pixels. */
  readonly width: number;
  readonly height: number;
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
    case 'mflops_2xmacs':
      return chartNumber(flopsFromMacs(macs), 1_000_000n);
  }
}

/** Rounds a coordinate so the spec (and its golden file) does not carry float noise. */
const round = (value: number, digits = 4): number => Number(value.toFixed(digits));

/** The Vega-Lite spec of the chart. O(n²) for frontiers and label placement. */
export function paretoChartSpec(points: readonly ParetoChartPoint[], options: ParetoChartOptions): TopLevelSpec {
  const facetOf = (point: ParetoChartPoint) => (options.facetField === undefined ? '' : (point.facet ?? ''));
  const panels = new Map<string, ParetoChartPoint[]>();
  for (const point of points) panels.set(facetOf(point), [...(panels.get(facetOf(point)) ?? []), point]);
  const names = [...panels.keys()].sort(compareValues);
  const ys = points.map((point) => point.top1);
  // At least 1 point of room above and below the data; ticks at both domain ends.
  const yAxis = linearAxis(Math.min(...ys), Math.max(...ys), 8, 1.5);
  const colours = categoryColours(points.map((point) => point.colour));
  const header = {
    ...(options.title !== undefined
      ? { title: options.subtitle !== undefined ? { text: options.title, subtitle: options.subtitle } : options.title }
      : {}),
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CHART_CONFIG,
  };
  const specs = names.map((name) => panelSpec(name, panels.get(name) ?? [], options, yAxis, colours));
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
): object {
  const yDomain = yAxis.domain;
  const x = options.xUnit;
  // 1. Frontier membership per series (colour group within the panel).
  const onFrontier = new Set<ParetoChartPoint>();
  const series = new Map<string, ParetoChartPoint[]>();
  for (const point of points) series.set(point.colour, [...(series.get(point.colour) ?? []), point]);
  for (const group of series.values()) for (const point of paretoFrontier(group).frontier) onFrontier.add(point);

  // 2. Fixed scale domains, so pixel positions are known for label placement.
  const xs = points.map((point) => costValue(point.macs, x));
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
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
    for (const group of series.values()) {
      const line = paretoFrontier(group).frontier.map((point) => ({
        x: toPxX(costValue(point.macs, x)),
        y: toPxY(point.top1),
      }));
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
      (a, b) => Number(onFrontier.has(b)) - Number(onFrontier.has(a)) || compareValues(a.macs, b.macs),
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

  // 4. Data rows.
  const rows: Row[] = points.map((point) => {
    const label = labelAt.get(point);
    return {
      model: point.model,
      label: point.label,
      [x]: round(costValue(point.macs, x), 6),
      top1: point.top1,
      [options.colourField]: point.colour,
      ...(options.facetField !== undefined ? { [options.facetField]: name } : {}),
      frontier: onFrontier.has(point),
      source: point.source,
      ...(label !== undefined ? { label_x: label.x, label_y: label.y } : {}),
    };
  });

  const xEncoding = {
    field: x,
    type: 'quantitative' as const,
    title: `${AXIS_TITLES[x]}${options.logX ? ', log scale' : ''}`,
    scale: options.logX
      ? { type: 'log' as const, domain: xDomain, nice: false }
      : { type: 'linear' as const, domain: xDomain, nice: false, zero: false },
    axis: { grid: true, values: xAxis.ticks, format: '~g' },
  };
  const yEncoding = {
    field: 'top1',
    type: 'quantitative' as const,
    title: 'ImageNet top-1 accuracy (%)',
    scale: { domain: yDomain, nice: false, zero: false },
    axis: { values: yAxis.ticks },
  };
  const colour = {
    field: options.colourField,
    type: 'nominal' as const,
    title: options.colourTitle ?? options.colourField,
    scale: colours,
  };
  const shapes = { domain: colours.domain, range: colours.domain.map((_, i) => SHAPES[i % SHAPES.length] ?? 'circle') };
  const tooltip = [
    { field: 'model', type: 'nominal' as const, title: 'model' },
    { field: x, type: 'quantitative' as const, title: x },
    { field: 'top1', type: 'quantitative' as const, title: 'top-1 %' },
    { field: options.colourField, type: 'nominal' as const },
    { field: 'source', type: 'nominal' as const, title: 'source' },
  ];
  const layers = [
    {
      transform: [{ filter: 'datum.frontier' }],
      mark: { type: 'line' as const, strokeWidth: 2, opacity: 0.75 },
      encoding: { x: xEncoding, y: yEncoding, color: colour, order: { field: x, type: 'quantitative' as const } },
    },
    {
      mark: { type: 'point' as const, size: 60, strokeWidth: 1.5, opacity: 1 },
      encoding: {
        x: xEncoding,
        y: yEncoding,
        color: colour,
        fill: {
          condition: { test: 'datum.frontier', field: options.colourField, type: 'nominal' as const, scale: colours },
          value: 'white',
        },
        shape: {
          field: options.colourField,
          type: 'nominal' as const,
          scale: shapes,
          title: options.colourTitle ?? options.colourField,
        },
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
              color: colour,
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
