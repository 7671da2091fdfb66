/**
 * What the explorer shows, computed from the core's own functions (no second implementation):
 * the counts (`countCost`), per-layer rows grouped by path depth, role shares for the paper's
 * Figure 3 bar, the equal-cost BFT configuration (`solveResolution`, as `match` finds it), the
 * total as a checked formula (`checkedFormula`) and the accuracy-vs-MACs chart with the current
 * configuration as a rule. Pure (no DOM): the page renders these values.
 */
import type { TopLevelSpec } from 'vega-lite';
import { costBreakdownChartSpec, type CostBreakdownRow } from '../charts/cost-breakdown-chart-spec.js';
import { accuracyTitle, paretoChartSpec } from '../charts/pareto-chart-spec.js';
import { resultsDataset } from '../results/results-dataset.js';
import { resultChartPoints } from '../charts/result-chart-points.js';
import { chartNumber } from '../charts/chart-number.js';
import { checkedFormula, type CheckedFormula } from '../checks/checked-formula.js';
import { countCost, type CountRequest } from '../count/count-request.js';
import type { CostReport, LayerCost } from '../model/cost.js';
import type { ModelDescription } from '../model/model-source.js';
import type { ResultRecord } from '../model/result-record.js';
import { compareValues } from '../text/compare.js';
import { shapeText } from '../format/cost-report-format.js';
import {
  conventionOf,
  fusionOf,
  parameterField,
  parametersOf,
  trainingOf,
  type ExplorerState,
} from './explorer-state.js';

/** The count request of a state for a resolved model (`fusion` overrides the state's). */
export function requestOf(model: ModelDescription, state: ExplorerState, fusion: string = state.fusion): CountRequest {
  const training = trainingOf(state);
  return {
    model,
    parameters: parametersOf(state),
    fusion: fusionOf(state, fusion),
    convention: conventionOf(state),
    parameterField,
    ...(training !== undefined ? { training } : {}),
  };
}

/** The current configuration counted, and its pointwise and BFT twins (for the side-by-side view). */
export interface ExplorerCounts {
  readonly current: CostReport;
  readonly pointwise: CostReport;
  readonly bft: CostReport;
}

/**
 * Counts a state and its twin under the other fusion: two `countCost` calls, or one when the
 * current report is given. O(layers).
 */
export function countState(
  model: ModelDescription,
  state: ExplorerState,
  current: CostReport = countCost(requestOf(model, state)),
): ExplorerCounts {
  const other = countCost(requestOf(model, state, state.fusion === 'bft' ? 'pointwise' : 'bft'));
  return state.fusion === 'bft'
    ? { current, pointwise: other, bft: current }
    : { current, pointwise: current, bft: other };
}

/** One row of the per-layer table: a layer, or the layers under one path prefix. */
export interface LayerRow {
  /** The layer's path, or the common prefix of a group (`stage2/unit/1`). */
  readonly path: string;
  /** Number of layers in the row. */
  readonly layers: number;
  /** Kind, role, input and output shapes of a single layer; empty for a group of several. */
  readonly kind: string;
  readonly role: string;
  readonly input: string;
  readonly output: string;
  /**
   * Images per sample a single layer runs on (`LayerCost.batch`, "1" when absent; its shapes are
   * one image's, its MACs count every image); empty for a group of several.
   */
  readonly batch: string;
  readonly macs: bigint;
  readonly params: bigint;
  readonly activations: bigint;
  /** With a training step: the backward MACs of the row's layers; undefined without one. */
  readonly backwardMacs: bigint | undefined;
  /** The layers of the row, in network order (one for a single layer). */
  readonly members: readonly LayerCost[];
}

/** Columns the per-layer table sorts by. */
export const LAYER_SORT_KEYS = ['order', 'path', 'kind', 'role', 'macs', 'params', 'activations'] as const;
export type LayerSortKey = (typeof LAYER_SORT_KEYS)[number];

/** The deepest path depth of a report's layers (layer names are `/`-separated paths). */
export function maxDepth(report: CostReport): number {
  return Math.max(1, ...report.layers.map((layer) => layer.name.split('/').length));
}

/**
 * Per-layer rows grouped by the first `depth` path segments (layers with a shorter path stay
 * alone), in network order of each group's first layer; sums are exact. `hideZero` drops rows
 * whose MACs and params are both 0. O(layers).
 */
export function layerRows(report: CostReport, depth: number, hideZero = false): LayerRow[] {
  const groups = new Map<string, LayerCost[]>();
  for (const layer of report.layers) {
    const key = layer.name.split('/').slice(0, depth).join('/');
    groups.set(key, [...(groups.get(key) ?? []), layer]);
  }
  const backward =
    report.training === undefined ? undefined : new Map(report.training.layers.map((l) => [l.name, l.backwardMacs]));
  const rows = [...groups].map(([path, layers]): LayerRow => {
    const [first] = layers;
    const single = layers.length === 1 && first !== undefined;
    return {
      path,
      layers: layers.length,
      kind: single ? first.kind : '',
      role: single ? first.role : '',
      input: single ? shapeText(first.inputs) : '',
      output: single ? shapeText([first.output]) : '',
      batch: single ? String(first.batch ?? 1) : '',
      macs: layers.reduce((sum, layer) => sum + layer.macs, 0n),
      params: layers.reduce((sum, layer) => sum + layer.params, 0n),
      activations: layers.reduce((sum, layer) => sum + layer.activations, 0n),
      backwardMacs:
        backward === undefined ? undefined : layers.reduce((sum, layer) => sum + (backward.get(layer.name) ?? 0n), 0n),
      members: layers,
    };
  });
  return hideZero ? rows.filter((row) => row.macs !== 0n || row.params !== 0n) : rows;
}

/** The rows sorted by `key` (`order` keeps network order), ties in network order. */
export function sortRows(rows: readonly LayerRow[], key: LayerSortKey, descending: boolean): LayerRow[] {
  if (key === 'order') return descending ? [...rows].reverse() : [...rows];
  const indexed = rows.map((row, index) => ({ row, index }));
  indexed.sort((a, b) => {
    const order = compareValues<string | bigint>(a.row[key], b.row[key]);
    return (descending ? -order : order) || a.index - b.index;
  });
  return indexed.map(({ row }) => row);
}

/** The role-share bar's spec (the paper's Figure 3): share of MACs per layer role, pointwise vs BFT. */
export function roleShareSpec(counts: ExplorerCounts, label: string): TopLevelSpec {
  const rows: CostBreakdownRow[] = [];
  for (const [fusion, report] of [
    ['pointwise', counts.pointwise],
    ['bft', counts.bft],
  ] as const) {
    for (const share of report.roles)
      if (share.macs > 0n) rows.push({ model: label, fusion, role: share.role, macs: share.macs });
  }
  return costBreakdownChartSpec(rows, { normalize: true, width: 420 });
}

/** The free parameters the formula view keeps symbolic: width and resolution, where the model has them. */
export function formulaFree(model: ModelDescription): string[] {
  return ['width', 'resolution'].filter((name) => model.parameters.some((p) => p.name === name));
}

/**
 * The current configuration's total MACs as a formula in `formulaFree(model)`, checked against
 * the layer-by-layer count; a text saying why when there is none (the real-log BFT mode, as in
 * `butterflops formula`).
 */
export function formulaOf(model: ModelDescription, state: ExplorerState): CheckedFormula | string {
  if (state.fusion === 'bft' && state.logMode === 'real') {
    return 'log mode real has no exact formula (its count is rounded per layer); use ceil, padded or mixed-radix';
  }
  if (model.provenance.kind === 'onnx')
    return 'ONNX models are counted concretely (the importer builds no symbolic twin of the graph): no formula';
  const free = formulaFree(model);
  if (free.length === 0) return 'this model has neither a width nor a resolution parameter';
  return checkedFormula({ ...requestOf(model, state), free }, 'macs');
}

/** The model families of the paper's Figure 1 (Tables 1a–1c), in table order. */
export function accuracyChartFamilies(records: readonly ResultRecord[]): string[] {
  return [
    ...new Set(records.filter((row) => ['1a', '1b', '1c'].includes(row.extra['table'] ?? '')).map((row) => row.family)),
  ];
}

/**
 * The result rows of the paper's Figure 1 (Tables 1a–1c, published costs) of the families the
 * model belongs to: those with a row whose `arch` is the model's id. None for a model the paper
 * did not study (a ViT, a dropped file): its results would be another family's.
 */
export function accuracyChartRecords(records: readonly ResultRecord[], modelId: string): ResultRecord[] {
  const figure = records.filter(
    (row) => ['1a', '1b', '1c'].includes(row.extra['table'] ?? '') && row.publishedMacs !== undefined,
  );
  const families = new Set(figure.filter((row) => row.arch === modelId).map((row) => row.family));
  return figure.filter((row) => families.has(row.family));
}

/**
 * The paper's accuracy-vs-MACs chart of the current model's family (`accuracyChartRecords`:
 * published costs, frontiers per fusion) with the current configuration's MACs as a vertical
 * rule; the cost axis widens to include the rule. Undefined when the paper has no results of
 * the model's family.
 */
export function accuracyChartSpec(
  records: readonly ResultRecord[],
  modelId: string,
  macs: bigint,
  label: string,
): TopLevelSpec | undefined {
  const rows = accuracyChartRecords(records, modelId);
  if (rows.length === 0) return undefined;
  const facet = new Set(rows.map((row) => row.family)).size > 1 ? 'family' : undefined;
  const points = resultChartPoints(rows, { colour: 'fusion', shape: 'family', ...(facet ? { facet } : {}) });
  const spec = paretoChartSpec(points, {
    xUnit: 'mmacs',
    // The paper's tables are ImageNet top-1; its CSV has no dataset column.
    yTitle: accuracyTitle(resultsDataset(rows) ?? 'ImageNet'),
    shapeField: 'family',
    logX: true,
    labels: true,
    colourField: 'fusion',
    colourTitle: 'channel fusion',
    ...(facet ? { facetField: facet } : {}),
    width: facet ? 300 : 520,
    height: 260,
  }) as unknown as { hconcat?: Panel[] } & Panel;
  const mmacs = chartNumber(macs, 1_000_000n);
  const addRule = (panel: Panel): Panel => {
    const widen = (layer: PanelLayer): PanelLayer => {
      const domain = layer.encoding?.x?.scale?.domain;
      if (domain === undefined || layer.encoding?.x?.scale === undefined) return layer;
      const [low, high] = domain;
      const scale = {
        ...layer.encoding.x.scale,
        domain: [Math.min(low, mmacs / 1.25), Math.max(high, mmacs * 1.25)] as [number, number],
      };
      return { ...layer, encoding: { ...layer.encoding, x: { ...layer.encoding.x, scale } } };
    };
    const layers = (panel.layer ?? []).map(widen);
    const x = layers[0]?.encoding?.x;
    const rule = {
      data: { values: [{ mmacs, label: `${label}: ${mmacs.toFixed(2)} M MACs` }] },
      mark: { type: 'rule', color: '#222222', strokeDash: [6, 3], strokeWidth: 2 },
      encoding: { x: { ...x, field: 'mmacs' } },
    };
    const text = {
      data: { values: [{ mmacs, label: `${mmacs.toFixed(1)} M` }] },
      mark: {
        type: 'text',
        align: 'left',
        dx: 4,
        dy: 6,
        baseline: 'top',
        fontSize: 11,
        fontWeight: 'bold',
        color: '#222222',
      },
      encoding: { x: { ...x, field: 'mmacs' }, y: { value: 0 }, text: { field: 'label', type: 'nominal' } },
    };
    return { ...panel, layer: [...layers, rule, text] };
  };
  const result = spec.hconcat !== undefined ? { ...spec, hconcat: spec.hconcat.map(addRule) } : addRule(spec);
  return result as unknown as TopLevelSpec;
}

/** The parts of a Pareto chart panel this module touches (the spec is built by `paretoChartSpec`). */
interface PanelLayer {
  readonly encoding?: {
    readonly x?: { readonly scale?: { readonly domain?: [number, number] } & Record<string, unknown> } & Record<
      string,
      unknown
    >;
  } & Record<string, unknown>;
  readonly [key: string]: unknown;
}
interface Panel {
  readonly layer?: PanelLayer[];
  readonly [key: string]: unknown;
}

/**
 * The per-layer MACs of two configurations as grouped bars (network order; layers with MACs
 * only), one colour per configuration, the layer's name in the tooltip. Models with different
 * layers are compared by position, which the axis title says.
 */
export function layerMacsChartSpec(a: CostReport, b: CostReport, labelA: string, labelB: string): TopLevelSpec {
  const values = [
    ...([
      [labelA, a],
      [labelB, b],
    ] as const),
  ].flatMap(([configuration, report]) =>
    report.layers
      .filter((layer) => layer.macs > 0n)
      .map((layer, index) => ({ configuration, index: index + 1, layer: layer.name, macs: chartNumber(layer.macs) })),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    data: { values },
    width: 'container',
    height: 220,
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: 'index',
        type: 'ordinal',
        title: 'layers with MACs, in network order (by position when the two models differ)',
        axis: { labels: false, ticks: false },
      },
      xOffset: { field: 'configuration' },
      y: { field: 'macs', type: 'quantitative', title: 'MACs' },
      color: { field: 'configuration', type: 'nominal', title: null, legend: { orient: 'top' } },
      tooltip: [
        { field: 'configuration', type: 'nominal' },
        { field: 'layer', type: 'nominal' },
        { field: 'macs', type: 'quantitative', format: ',' },
      ],
    },
  };
}
