/**
 * The cost model as a {@link ResolveMacs}: the MACs of a configuration named in a result CSV
 * (architecture id, width, resolution, fusion), under the paper convention (conv and FC
 * multiply-adds; BFT with the paper's settings).
 */
import { UserError } from '../errors.js';
import { DEFAULT_BFT } from '../fusion/strategy.js';
import type { ModelSource, ParameterValue } from '../model/model-source.js';
import type { CostConfiguration, ResolveMacs } from '../model/result-record.js';
import { countCost } from './count-request.js';

/** MACs of one configuration; models come from `models`. Throws the cost model's UserErrors. */
export function configurationMacs(models: ModelSource, config: CostConfiguration): bigint {
  const parameters: Record<string, ParameterValue> = {};
  if (config.width !== undefined) parameters['width'] = config.width;
  if (config.resolution !== undefined) parameters['resolution'] = config.resolution;
  const fusion = config.fusion === 'bft' ? DEFAULT_BFT : { kind: 'pointwise' as const };
  return countCost({ model: models.resolve(config.model), parameters, fusion }).total.macs;
}

/**
 * A resolver over `models`. Configurations the cost model refuses (unknown architecture,
 * parameter out of range) give `undefined`, so a row with a published cost keeps it. Results
 * are cached per configuration.
 */
export function configurationResolver(models: ModelSource): ResolveMacs {
  const cache = new Map<string, bigint | undefined>();
  return (config) => {
    const key = JSON.stringify([config.model, config.width, config.resolution, config.fusion]);
    if (cache.has(key)) return cache.get(key);
    let macs: bigint | undefined;
    try {
      macs = configurationMacs(models, config);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      macs = undefined;
    }
    cache.set(key, macs);
    return macs;
  };
}
