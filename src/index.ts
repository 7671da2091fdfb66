/**
 * butterflops as a library: count a model, build its network, apply a fusion, analyse it, and
 * get its totals as formulas. The CLI (`src/cli/`) is a thin layer over these functions.
 *
 * Example:
 *   import { countModel, DEFAULT_BFT } from 'butterflops';
 *   countModel({ model: 'mobilenet-v1', parameters: { width: 2 }, fusion: DEFAULT_BFT }).total.macs; // 146404352n
 */
export { countModel, countConfiguration, loadNetwork, loadArchitecture, type CountRequest } from './count-model.js';
export { analyze, sumCosts } from './cost/analyze.js';
export { symbolicTotal, type SymbolicTotal } from './cost/symbolic-total.js';
export { butterflyEdges } from './cost/butterfly.js';
export { COST_RULES, type CostRegistry } from './cost/registry.js';
export { applyFusion } from './fusion/apply-fusion.js';
export { DEFAULT_BFT, type ButterflyFusion, type FusionStrategy, type PointwiseFusion } from './fusion/strategy.js';
export { buildNetwork, type BuildOptions } from './arch/build.js';
export { validateArchitecture } from './arch/validate.js';
export { ARCHITECTURE_SCHEMA } from './arch/schema.js';
export { PAPER_CONVENTION, ALL_OPS_CONVENTION, type CountingConvention } from './model/convention.js';
export type { CostReport, LayerCost, CostTotals, RoleShare } from './model/cost.js';
export type { Layer, LayerKind, LayerRole } from './model/layer.js';
export type { Network, NetworkLayer } from './model/network.js';
export type { Shape } from './model/shape.js';
export { flopsFromMacs } from './model/units.js';
export { UserError } from './errors.js';
export { conventionPreset, CONVENTION_PRESETS } from './conventions/presets.js';
export { PRESET_NAMES, reportedTotal, type ConventionPreset, type PresetName } from './conventions/preset.js';
export { explainConventions, type Explanation } from './conventions/explain.js';
