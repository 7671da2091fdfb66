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
import type { CostReport } from '../model/cost.js';
import type { ModelDescription, ParameterValue } from '../model/model-source.js';
import type { Network } from '../model/network.js';

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
  /** How the user passes a parameter, for messages (default `--name`). */
  readonly parameterField?: (name: string) => string;
  /**
   * Cost rules per layer kind (default `COST_RULES`). Replace one, e.g.
   * `{ ...COST_RULES, pool: myPoolRule }`, or leave kinds out: layers of a kind without a rule
   * are listed in the report's `notCounted`, never counted as zero silently.
   */
  readonly registry?: Partial<CostRegistry>;
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

/** The cost report of a request. O(layers). */
export function countCost(request: CountRequest): CostReport {
  return analyze(buildFusedNetwork(request), request.convention ?? PAPER_CONVENTION, request.registry ?? COST_RULES);
}
