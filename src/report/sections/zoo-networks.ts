import { buildNetwork } from '../../arch/build.js';
import { validateArchitecture } from '../../arch/validate.js';
import { analyze } from '../../cost/analyze.js';
import { applyFusion } from '../../fusion/apply-fusion.js';
import { DEFAULT_BFT } from '../../fusion/strategy.js';
import { parseStructuredText } from '../../arch/structured-text.js';
import { PAPER_CONVENTION } from '../../model/convention.js';
import type { CostReport } from '../../model/cost.js';
import type { ReportInputs } from './report-section.js';
import { byKey } from '../../text/compare.js';

/** A zoo model at its default parameters, counted with dense 1×1 convs and with the paper's BFT. */
export interface ZooPair {
  readonly id: string;
  readonly title: string;
  readonly pointwise: CostReport;
  readonly bft: CostReport;
}

/**
 * Every architecture file under `data/architectures/` in the report inputs (sorted by id),
 * built at its defaults and counted under the paper convention, pointwise and BFT (k = 4).
 * Pure: reads only `inputs.dataFiles`.
 */
export function zooPairs(inputs: ReportInputs, parameters: Readonly<Record<string, Readonly<Record<string, number | string>>>> = {}): ZooPair[] {
  const pairs: ZooPair[] = [];
  for (const [path, text] of inputs.dataFiles) {
    const match = /^data\/architectures\/([^/]+)\.(json|ya?ml)$/.exec(path);
    if (!match) continue;
    const source = parseStructuredText(text, path);
    const arch = validateArchitecture(source);
    const network = buildNetwork(arch, { classes: PAPER_CONVENTION.classes, parameters: parameters[arch.name] ?? {}, locate: (p) => source.locate(p) });
    pairs.push({
      id: arch.name,
      title: arch.title ?? arch.name,
      pointwise: analyze(network, PAPER_CONVENTION),
      bft: analyze(applyFusion(network, DEFAULT_BFT), PAPER_CONVENTION),
    });
  }
  return pairs.sort(byKey((pair) => pair.id));
}
