/**
 * The core's front door: a resolved model plus parameters, fusion, convention and cost rules →
 * network → fusion → cost report. Pure: the model arrives as a {@link ModelDescription} (a
 * source in `io/` read it), so nothing here touches files.
 */
import { analyze } from '../cost/analyze.js';
import { COST_RULES, type CostRegistry } from '../cost/registry.js';
import { applyFusion } from '../fusion/apply-fusion.js';
import type { FusionStrategy } from '../fusion/strategy.js';
import { PAPER_CONVENTION, type CountingConvention } from '../model/convention.js';
import type { BuildableCount, CostReport, RebuiltButterfly } from '../model/cost.js';
import { buildableNetwork } from '../fusion/buildable-butterfly.js';
import { butterflySquares } from '../fusion/butterfly-plans.js';
import type { ModelDescription, ParameterValue } from '../model/model-source.js';
import type { Network } from '../model/network.js';
import type { TrainingSelection } from '../model/training.js';
import { trainingCost } from '../training/training-cost.js';

/** What to count and how. */
export interface CountRequest {
  readonly model: ModelDescription;
  /** Model parameters (width, resolution, classes, variant, …); missing ones take their defaults. */
  readonly parameters?: Readonly<Record<string, ParameterValue>>;
  /** Channel fusion (default: dense pointwise). */
  readonly fusion?: FusionStrategy;
  /** Counting convention (default: the papers'). */
  readonly convention?: CountingConvention;
  /** Parameters kept symbolic. */
  readonly free?: readonly string[];
  /** How the user passes a parameter, for messages (default: the name itself, which the CLI shows as its flag). */
  readonly parameterField?: (name: string) => string;
  /**
   * Cost rules per layer kind (default `COST_RULES`). Replace one, e.g.
   * `{ ...COST_RULES, pool: myPoolRule }`, or leave kinds out: layers of a kind without a rule
   * are listed in the report's `notCounted`, never counted as zero silently.
   */
  readonly registry?: Partial<CostRegistry>;
  /**
   * Also count one training step (issue 24): forward and backward MACs per layer with the
   * parameters this selection leaves trainable (`{}`: all of them). Absent: inference only.
   */
  readonly training?: TrainingSelection;
}

/** The network of a request, with its fusion applied. */
export function buildFusedNetwork(request: CountRequest): Network {
  const network = request.model.build({
    ...(request.parameters ? { parameters: request.parameters } : {}),
    ...(request.free ? { free: request.free } : {}),
    ...(request.parameterField ? { parameterField: request.parameterField } : {}),
  });
  return applyFusion(network, request.fusion ?? { kind: 'pointwise' });
}

/**
 * The cost report of a request, with what `export` builds from it (`buildable`: the network
 * whose butterflies are counted as constructed, see `fusion/buildable-butterfly.ts`). O(layers).
 */
export function countCost(request: CountRequest): CostReport {
  const network = buildFusedNetwork(request);
  const convention = request.convention ?? PAPER_CONVENTION;
  const registry = request.registry ?? COST_RULES;
  const report = analyze(network, convention, registry);
  const counted = { ...report, buildable: buildableCount(network, report, convention, registry) };
  return request.training === undefined ? counted : { ...counted, training: trainingCost(network, request.training) };
}

/**
 * What `export` builds from `network` (whose count is `report`): the totals of the buildable
 * network under the same convention and rules, and the butterflies built otherwise than counted.
 * O(layers).
 */
export function buildableCount(
  network: Network,
  report: CostReport,
  convention: CountingConvention,
  registry: Partial<CostRegistry> = COST_RULES,
): BuildableCount {
  const buildable = buildableNetwork(network);
  if (buildable === network) return { total: report.total, rebuilt: [] };
  const rebuilt = network.layers.flatMap((entry, i): RebuiltButterfly[] => {
    const before = entry.layer;
    const after = buildable.layers[i]?.layer;
    if (before.kind !== 'butterfly' || after?.kind !== 'butterfly' || after === before) return [];
    return [{ name: entry.name, size: butterflySquares(before).m, counted: before.logMode, built: after.logMode }];
  });
  return { total: analyze(buildable, convention, registry).total, rebuilt };
}
