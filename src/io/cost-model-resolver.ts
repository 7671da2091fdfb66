import { countConfiguration } from '../count-model.js';
import { UserError } from '../errors.js';
import type { CostConfiguration, ResolveMacs } from '../model/result-record.js';

/**
 * The project's cost model as a {@link ResolveMacs}: MACs under the paper convention (conv and
 * FC multiply-adds; BFT with the paper's settings) for a configuration named in a result CSV.
 * Configurations the cost model refuses (unknown architecture, parameter out of range) give
 * `undefined`, so a row with a published cost keeps it. Reads architecture files, hence `io/`.
 * Results are cached per configuration.
 */
export function costModelResolver(): ResolveMacs {
  const cache = new Map<string, bigint | undefined>();
  return (config: CostConfiguration) => {
    const key = JSON.stringify([config.model, config.width, config.resolution, config.fusion]);
    if (cache.has(key)) return cache.get(key);
    let macs: bigint | undefined;
    try {
      macs = countConfiguration(config);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      macs = undefined;
    }
    cache.set(key, macs);
    return macs;
  };
}
