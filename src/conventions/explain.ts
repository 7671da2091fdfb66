/**
 * The reconciliation behind `butterflops explain`: one network counted under several presets,
 * every layer's count sorted into an operation category, so that each tool's total is the sum
 * of its column and the rows show which operations make the totals differ. Pure.
 */
import { analyze } from '../cost/analyze.js';
import type { ReportedUnit } from '../model/convention.js';
import type { Layer, LayerRole } from '../model/layer.js';
import type { Network } from '../model/network.js';
import { reportedTotal, type ConventionPreset, type PresetName } from './preset.js';
import { attentionProjection, transformerOp } from './transformer-ops.js';

/** Operation categories, in the order `explain` lists them. */
export const EXPLAIN_CATEGORIES = [
  'conv MACs',
  'linear MACs',
  'attention projection MACs',
  'attention MACs',
  'butterfly MACs',
  'conv bias',
  'linear bias',
  'attention bias/scaling',
  'batch norm',
  'layer norm',
  'relu',
  'relu6',
  'hardswish',
  'hardsigmoid',
  'sigmoid',
  'gelu',
  'softmax',
  'max pool',
  'average pool',
  'global average pool',
  'global max pool',
  'residual add',
  'gate multiply',
  'butterfly residual',
  'other',
] as const;
/** One of `EXPLAIN_CATEGORIES`. */
export type ExplainCategory = (typeof EXPLAIN_CATEGORIES)[number];

/**
 * The categories of a layer's multiply-accumulates and of its other operations (`undefined`
 * where the layer has none of that sort under any tool). Transformer layers: a conv2d or linear
 * record with the `attention-projection` role (or an `nn.MultiheadAttention` PyTorch form) is an
 * attention projection (its extras: bias, and ptflops' q scaling), a conv2d that is a token-wise
 * `nn.Linear` counts as linear, every matmul (a product of two activations) is attention, and
 * LayerNorm, GELU and softmax records have their own rows.
 */
export function layerCategories(
  layer: Layer,
  role?: LayerRole,
): { readonly macs?: ExplainCategory; readonly extra?: ExplainCategory } {
  switch (layer.kind) {
    case 'conv2d':
    case 'linear': {
      if (role === 'attention-projection' || attentionProjection(layer) !== undefined)
        return { macs: 'attention projection MACs', extra: 'attention bias/scaling' };
      const linear = layer.kind === 'linear' || layer.pytorch === 'nn.Linear';
      return {
        macs: linear ? 'linear MACs' : 'conv MACs',
        ...(layer.bias ? { extra: linear ? 'linear bias' : 'conv bias' } : {}),
      };
    }
    case 'matmul':
      return { macs: 'attention MACs' };
    case 'elementwise':
      return { extra: transformerOp(layer) ?? 'other' };
    case 'butterfly':
      return { macs: 'butterfly MACs', ...(layer.residual ? { extra: 'butterfly residual' } : {}) };
    case 'batchnorm':
      return { extra: 'batch norm' };
    case 'activation':
      return { extra: layer.fn };
    case 'pool':
      return { extra: layer.op === 'max' ? 'max pool' : 'average pool' };
    case 'global-pool':
      return { extra: layer.op === 'max' ? 'global max pool' : 'global average pool' };
    case 'add':
      return { extra: 'residual add' };
    case 'multiply':
      return { extra: 'gate multiply' };
    case 'concat':
    case 'split':
    case 'shuffle':
      return {};
    default:
      return { extra: 'other' };
  }
}

/** One tool's column. */
export interface ExplainColumn {
  readonly preset: PresetName;
  readonly tool: string;
  readonly version: string;
  /** The unit of every count in this column (`FLOP`: MACs count 2). */
  readonly unit: ReportedUnit;
  /** The tool's printed total: the sum of the column. */
  readonly reported: bigint;
}

/** One operation category: how many layers it has and what each tool counts for them. */
export interface ExplainRow {
  readonly category: ExplainCategory;
  readonly layers: number;
  /** One count per column, in that column's unit. */
  readonly counts: readonly bigint[];
  /** Each tool's rule for this category, per column ('' where the preset does not say). */
  readonly rules: readonly string[];
}

/** The whole reconciliation. */
export interface Explanation {
  readonly model: string;
  readonly parameters: Network['parameters'];
  readonly columns: readonly ExplainColumn[];
  /** Categories the network has, in `EXPLAIN_CATEGORIES` order. */
  readonly rows: readonly ExplainRow[];
}

/**
 * Counts `network` under each preset and folds every layer into its categories: MACs into the
 * MAC row of its kind (× 2 for a FLOP-unit tool), other operations into the layer's category.
 * Each column therefore sums to that tool's `reported` total (checked here). O(presets · layers).
 * Example: on ResNet-50 (v1.5) ptflops' 4,132,436,968 exceeds fvcore's 4,111,512,576 by relu
 * 19,217,408 (nn.ReLU counted twice), max pool 1,605,632, global pool 100,352 and FC bias 1,000.
 */
export function explainConventions(network: Network, presets: readonly ConventionPreset[]): Explanation {
  const counts = new Map<ExplainCategory, bigint[]>();
  const layerCounts = new Map<ExplainCategory, number>();
  for (const node of network.layers) {
    const { macs, extra } = layerCategories(node.layer, node.role);
    for (const category of [macs, extra]) {
      if (category !== undefined) layerCounts.set(category, (layerCounts.get(category) ?? 0) + 1);
    }
  }
  const columns = presets.map((preset, column) => {
    const report = analyze(network, preset.convention, preset.registry);
    const macFactor = preset.reportedUnit === 'FLOP' ? 2n : 1n;
    const add = (category: ExplainCategory, value: bigint) => {
      const row = counts.get(category) ?? presets.map(() => 0n);
      row[column] = (row[column] ?? 0n) + value;
      counts.set(category, row);
    };
    report.layers.forEach((cost, i) => {
      const node = network.layers[i];
      if (node === undefined) return;
      const { macs, extra } = layerCategories(node.layer, node.role);
      if (cost.macs !== 0n) add(macs ?? 'other', macFactor * cost.macs);
      if (cost.extraOps !== 0n) add(extra ?? 'other', cost.extraOps);
    });
    const { reported, reportedUnit } = reportedTotal(report.convention, report.total);
    return { preset: preset.name, tool: preset.tool, version: preset.version, unit: reportedUnit, reported };
  });
  const rows = EXPLAIN_CATEGORIES.filter((category) => layerCounts.has(category) || counts.has(category)).map(
    (category) => ({
      category,
      layers: layerCounts.get(category) ?? 0,
      counts: counts.get(category) ?? presets.map(() => 0n),
      rules: presets.map((preset) => preset.rules[category] ?? ''),
    }),
  );
  columns.forEach((column, i) => {
    const sum = rows.reduce((total, row) => total + (row.counts[i] ?? 0n), 0n);
    if (sum !== column.reported)
      throw new Error(`explain: the ${column.preset} column sums to ${sum}, not its total ${column.reported}`);
  });
  return { model: network.model, parameters: network.parameters, columns, rows };
}
