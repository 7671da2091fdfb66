import { analyze } from '../../cost/analyze.js';
import { applyFusion } from '../../fusion/apply-fusion.js';
import { DEFAULT_BFT } from '../../fusion/strategy.js';
import { PAPER_CONVENTION } from '../../model/convention.js';
import type { CostReport } from '../../model/cost.js';
import type { ModelSource, ParameterValue } from '../../model/model-source.js';

/** A zoo model at its default parameters, counted with dense 1×1 convs and with the paper's BFT. */
export interface ZooPair {
  readonly id: string;
  readonly title: string;
  readonly pointwise: CostReport;
  readonly bft: CostReport;
}

/**
 * Every model of `models` (sorted by id; `ids` picks some), built at its defaults (or at
 * `parameters[id]`) and counted under the paper convention, pointwise and BFT (k = 4).
 */
export function zooPairs(
  models: ModelSource,
  parameters: Readonly<Record<string, Readonly<Record<string, ParameterValue>>>> = {},
  ids: readonly string[] = models.list(),
): ZooPair[] {
  return [...ids].sort().map((id) => {
    const model = models.resolve(id);
    const network = model.build({ parameters: parameters[id] ?? {} });
    return {
      id: model.id,
      title: model.title,
      pointwise: analyze(network, PAPER_CONVENTION),
      bft: analyze(applyFusion(network, DEFAULT_BFT), PAPER_CONVENTION),
    };
  });
}
