/**
 * The library's front door: model id or file → network → fusion → cost report.
 * Reading files happens here (through `io/`); everything below is pure.
 */
import { buildNetwork } from './arch/build.js';
import type { ParameterValue } from './arch/parameters.js';
import { validateArchitecture } from './arch/validate.js';
import { analyze } from './cost/analyze.js';
import { COST_RULES, type CostRegistry } from './cost/registry.js';
import { applyFusion } from './fusion/apply-fusion.js';
import { DEFAULT_BFT, type FusionStrategy } from './fusion/strategy.js';
import { readArchitectureSource } from './io/architecture-files.js';
import type { ArchitectureFile } from './arch/file-format.js';
import { PAPER_CONVENTION, type CountingConvention } from './model/convention.js';
import type { CostReport } from './model/cost.js';
import type { Network } from './model/network.js';
import type { CostConfiguration } from './model/result-record.js';

export interface CountRequest {
  /** Zoo id (`mobilenet-v1`) or path to an architecture file. */
  readonly model: string;
  readonly parameters?: Readonly<Record<string, ParameterValue>>;
  readonly fusion?: FusionStrategy;
  readonly convention?: CountingConvention;
  /** Parameters kept symbolic. */
  readonly free?: readonly string[];
  /** How the user passes a parameter, for messages (default `--name`). */
  readonly parameterField?: (name: string) => string;
  /** Cost rules per layer kind (default `COST_RULES`); override one, e.g. `{ ...COST_RULES, pool: mine }`. */
  readonly registry?: CostRegistry;
}

const architectureCache = new Map<string, { arch: ArchitectureFile; locate: (pointer: string) => object }>();

/** Reads and validates an architecture (cached per id/path for the life of the process). */
export function loadArchitecture(model: string): { arch: ArchitectureFile; locate: (pointer: string) => object } {
  let entry = architectureCache.get(model);
  if (entry === undefined) {
    const source = readArchitectureSource(model);
    entry = { arch: validateArchitecture(source), locate: (pointer) => source.locate(pointer) };
    architectureCache.set(model, entry);
  }
  return entry;
}

/** Builds the network of a request, with its fusion applied. */
export function loadNetwork(request: CountRequest): Network {
  const { arch, locate } = loadArchitecture(request.model);
  const convention = request.convention ?? PAPER_CONVENTION;
  const network = buildNetwork(arch, {
    classes: convention.classes,
    ...(request.parameters ? { parameters: request.parameters } : {}),
    ...(request.free ? { free: request.free } : {}),
    ...(request.parameterField ? { parameterField: request.parameterField } : {}),
    locate,
  });
  return applyFusion(network, request.fusion ?? { kind: 'pointwise' });
}

/** The cost report of a request (paper convention and pointwise fusion by default). */
export function countModel(request: CountRequest): CostReport {
  return analyze(loadNetwork(request), request.convention ?? PAPER_CONVENTION, request.registry ?? COST_RULES);
}

/** MACs of a configuration under the paper convention (BFT with the paper's settings). */
export function countConfiguration(config: CostConfiguration): bigint {
  const parameters: Record<string, ParameterValue> = {};
  if (config.width !== undefined) parameters['width'] = config.width;
  if (config.resolution !== undefined) parameters['resolution'] = config.resolution;
  return countModel({ model: config.model, parameters, fusion: config.fusion === 'bft' ? DEFAULT_BFT : { kind: 'pointwise' } }).total.macs;
}
