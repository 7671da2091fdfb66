/**
 * butterflops as a library: count a model, build its network, apply a fusion, analyse it, and
 * get its totals as formulas. The CLI (`src/cli/`) is a thin layer over these functions.
 *
 * A model is a zoo id or a path (resolved on disk by the default {@link ModelSource}), or a
 * {@link ModelDescription} you resolved yourself; pass `source` to resolve ids elsewhere (e.g.
 * `fileModelSource({ dataFolder })`, or `zooSource(files)` over text in memory).
 *
 * Example:
 *   import { countModel, DEFAULT_BFT } from 'butterflops';
 *   countModel({ model: 'mobilenet-v1', parameters: { width: 2 }, fusion: DEFAULT_BFT }).total.macs; // 146404352n
 */
import './io/node-packages.js';
import { buildFusedNetwork, countCost, type CountRequest } from './count/count-request.js';
import { configurationMacs } from './count/configuration-macs.js';
import { defaultModelSource } from './io/file-model-source.js';
import type { CostReport } from './model/cost.js';
import type { ModelDescription, ModelSource } from './model/model-source.js';
import type { Network } from './model/network.js';
import type { CostConfiguration } from './model/result-record.js';

/** A count request whose model may also be a zoo id or a path. */
export interface ModelCountRequest extends Omit<CountRequest, 'model'> {
  /** Zoo id (`mobilenet-v1`), path to an architecture file, or a resolved description. */
  readonly model: string | ModelDescription;
  /** Where ids and paths are resolved (default: the package's zoo and the file system). */
  readonly source?: ModelSource;
}

/** The description of a model reference (ids and paths through `source`). */
export function resolveModel(
  model: string | ModelDescription,
  source: ModelSource = defaultModelSource(),
): ModelDescription {
  return typeof model === 'string' ? source.resolve(model) : model;
}

function coreRequest(request: ModelCountRequest): CountRequest {
  const { source, model, ...rest } = request;
  return { ...rest, model: resolveModel(model, source) };
}

/** The cost report of a model (paper convention and dense pointwise fusion by default). */
export function countModel(request: ModelCountRequest): CostReport {
  return countCost(coreRequest(request));
}

/** The network of a model with its fusion applied. */
export function loadNetwork(request: ModelCountRequest): Network {
  return buildFusedNetwork(coreRequest(request));
}

/** MACs of a configuration under the paper convention (BFT with the paper's settings). */
export function countConfiguration(config: CostConfiguration, source: ModelSource = defaultModelSource()): bigint {
  return configurationMacs(source, config);
}

export { buildFusedNetwork, countCost, type CountRequest } from './count/count-request.js';
export { configurationResolver } from './count/configuration-macs.js';
export { fileModelSource, defaultModelSource } from './io/file-model-source.js';
export { zooSource } from './arch/zoo-source.js';
export { architectureModel } from './arch/architecture-model.js';
export { onnxModelDescription, type OnnxImportOptions } from './onnx/onnx-model.js';
export { ONNX_OP_RULES } from './onnx/ops/index.js';
export type { OpRule, OpContext, Emission } from './onnx/op-rule.js';
export { readOnnxModel, type OnnxWeights } from './io/onnx-file.js';
export { writeOnnxPieces, type PiecesSource } from './io/write-onnx-pieces.js';
export type {
  ModelDescription,
  ModelSource,
  ModelProvenance,
  ModelParameter,
  BuildRequest,
  ParameterValue,
  SourceBytes,
  ByteRange,
} from './model/model-source.js';
export { analyze, sumCosts } from './cost/analyze.js';
export { trainingCost } from './training/training-cost.js';
export { explainTraining, type TrainingExplanation } from './training/approximations.js';
export { BACKWARD_RULES, type BackwardRule } from './training/backward-rules.js';
export { optimizerStepFlops, OPTIMIZERS, type Optimizer } from './training/optimizer-step.js';
export type { TrainingCost, TrainingSelection, LayerTrainingCost } from './model/training.js';
export { symbolicTotal, type SymbolicTotal } from './cost/symbolic-total.js';
export { butterflyEdges } from './cost/butterfly.js';
export { COST_RULES, type CostRegistry } from './cost/registry.js';
export type { CostRule, CostFormulas } from './cost/rule.js';
export { applyFusion } from './fusion/apply-fusion.js';
export { DEFAULT_BFT, type ButterflyFusion, type FusionStrategy, type PointwiseFusion } from './fusion/strategy.js';
export { buildNetwork, type BuildOptions } from './arch/build.js';
export { validateArchitecture } from './arch/validate.js';
export { ARCHITECTURE_SCHEMA } from './arch/schema.js';
export { PAPER_CONVENTION, ALL_OPS_CONVENTION, type CountingConvention } from './model/convention.js';
export type { CostReport, LayerCost, CostTotals, RoleShare, NotCounted } from './model/cost.js';
export type { Layer, LayerKind, LayerRole } from './model/layer.js';
export type { Network, NetworkLayer } from './model/network.js';
export type { Shape } from './model/shape.js';
export { flopsFromMacs } from './model/units.js';
export { UserError } from './errors.js';
export { conventionPreset, CONVENTION_PRESETS } from './conventions/presets.js';
export { PRESET_NAMES, reportedTotal, type ConventionPreset, type PresetName } from './conventions/preset.js';
export { explainConventions, type Explanation } from './conventions/explain.js';
// Runnable ONNX export and latency analysis (pure; running models needs `onnxruntime-node`,
// which the library does not load: see src/runtime/ and the `latency` command).
export {
  exportNetwork,
  DEFAULT_EXPORT_OPTIONS,
  type ExportOptions,
  type ExportedModel,
} from './export/export-network.js';
export { exportModel, exportModelPieces, type ModelExport } from './export/export-model.js';
export type { OnnxPiece, PiecedModel } from './export/onnx-pieces.js';
export { butterflyBlockModel } from './export/butterfly-block-model.js';
export { BUTTERFLY_OPS, type ButterflyOps } from './export/butterfly-nodes.js';
export { nodeTimes, type NodeTime } from './latency/profile-events.js';
export { layerTimes, type LayerTime, type LayerTimes } from './latency/layer-times.js';
export { roofline, parseDeviceProfile, type DeviceProfile, type Roofline } from './latency/device-profile.js';
export { summarize, type Spread } from './latency/statistics.js';
