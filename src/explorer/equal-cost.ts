/**
 * The explorer's equal-cost view: for the current configuration's dense pointwise MACs as the
 * budget, the BFT configuration of each width whose MACs are nearest it, searching only what the
 * model allows. Widths the model cannot be built at (a ViT's width its heads do not divide) are
 * left out with the model's own reason; a graph whose shapes are fixed (an ONNX export whose
 * Reshape nodes hold constant sizes) is not searched over the resolution at all, and the view
 * says so. The resolution is solved as `butterflops match` solves it (`macsOfResolution`,
 * `solveResolution`). Pure (no DOM).
 */
import { countCost } from '../count/count-request.js';
import { UserError } from '../errors.js';
import type { ModelDescription } from '../model/model-source.js';
import { macsOfResolution, solveResolution, type MatchCandidate } from '../search/match.js';
import { conventionOf, fusionOf, type ExplorerState } from './explorer-state.js';
import { requestOf } from './explorer-views.js';

/** The largest resolution the search tries (as `butterflops match`). */
export const RESOLUTION_LIMIT = 1024;

/** How far (in pixels) the probe of a fixed-shape graph moves the resolution. */
const PROBE_STEP = 32;

/** What the equal-cost search may vary for a model in a state. */
export type EqualCostScope =
  | {
      readonly kind: 'search';
      /** Widths to solve the resolution for; `[undefined]` for a model without a width parameter. */
      readonly widths: readonly (number | undefined)[];
    }
  | {
      /** The model has no resolution parameter: nothing to solve. */
      readonly kind: 'no-resolution';
      readonly reason: string;
    }
  | {
      /** The graph accepts only its own resolution: nothing to solve. */
      readonly kind: 'fixed-resolution';
      readonly resolution: number;
      readonly reason: string;
    };

/** One width's outcome: the BFT configuration nearest the budget, or why the width is left out. */
export type EqualCostRow =
  | { readonly kind: 'solved'; readonly candidate: MatchCandidate }
  | { readonly kind: 'skipped'; readonly width: number | undefined; readonly reason: string };

const parametersWith = (state: ExplorerState, changes: Record<string, number | undefined>) => {
  const parameters = { ...state.parameters };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete parameters[name];
    else parameters[name] = value;
  }
  return parameters;
};

/** The BFT MACs of the state at `resolution`, or the model's reason it cannot be built there. */
function bftAt(model: ModelDescription, state: ExplorerState, resolution: number): bigint | string {
  try {
    return countCost(requestOf(model, { ...state, parameters: parametersWith(state, { resolution }) }, 'bft')).total
      .macs;
  } catch (error) {
    if (error instanceof UserError) return error.message;
    throw error;
  }
}

/**
 * What the search may vary: the widths to try (the model's published widths and the current one,
 * in increasing order), unless the model has no resolution parameter or its graph accepts only
 * the current resolution (probed at ±32 pixels: both refused means fixed). `resolution` is the
 * current configuration's. O(2) counts.
 */
export function equalCostScope(model: ModelDescription, state: ExplorerState, resolution: number): EqualCostScope {
  const names = model.parameters.map((parameter) => parameter.name);
  if (!names.includes('resolution'))
    return { kind: 'no-resolution', reason: `${model.title} has no resolution parameter to vary` };
  const probes = [resolution + PROBE_STEP, resolution - PROBE_STEP].filter((r) => r >= 1 && r <= RESOLUTION_LIMIT);
  const refused = probes.map((r) => ({ resolution: r, result: bftAt(model, state, r) }));
  const accepted = refused.some(({ result }) => typeof result === 'bigint');
  if (!accepted && refused[0] !== undefined) {
    return {
      kind: 'fixed-resolution',
      resolution,
      reason: `at ${refused[0].resolution} pixels: ${String(refused[0].result)}`,
    };
  }
  const widthParameter = model.parameters.find((parameter) => parameter.name === 'width');
  if (widthParameter === undefined) return { kind: 'search', widths: [undefined] };
  const current = Number(state.parameters['width'] ?? widthParameter.default);
  const widths = [...new Set([...widthParameter.values.map(Number), current])]
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  return { kind: 'search', widths };
}

/**
 * For one width, the BFT resolution whose MACs are nearest `baselineMacs`, or the model's reason
 * it cannot be built at that width (checked at the current `resolution`), or that the solved
 * resolution is one the graph refuses. O(log 1024) exact evaluations.
 */
export function equalCostRow(
  model: ModelDescription,
  state: ExplorerState,
  baselineMacs: bigint,
  width: number | undefined,
  resolution: number,
): EqualCostRow {
  const atWidth: ExplorerState = { ...state, parameters: parametersWith(state, { width }) };
  const check = bftAt(model, atWidth, resolution);
  if (typeof check === 'string') return { kind: 'skipped', width, reason: check };
  const { width: _width, resolution: _resolution, ...others } = state.parameters;
  const request = {
    model,
    parameters: others,
    fusion: fusionOf(state, 'bft'),
    convention: conventionOf(state),
    budgetMacs: baselineMacs,
  };
  try {
    return {
      kind: 'solved',
      candidate: solveResolution(request, width, 1, RESOLUTION_LIMIT, macsOfResolution(request, width)),
    };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return {
      kind: 'skipped',
      width,
      reason: `the resolution nearest the budget is refused: ${error.message}`,
    };
  }
}

/** The BFT configuration at exactly (width, resolution), compared with the baseline. One count. */
export function fixedCandidate(
  model: ModelDescription,
  state: ExplorerState,
  baselineMacs: bigint,
  width: number | undefined,
  resolution: number,
): MatchCandidate {
  const report = countCost(
    requestOf(model, { ...state, parameters: parametersWith(state, { width, resolution }) }, 'bft'),
  );
  return {
    width,
    resolution,
    macs: report.total.macs,
    params: report.total.params,
    peakActivationBytes: report.peakActivationBytes,
    deviationPercent: (Number(report.total.macs) / Number(baselineMacs) - 1) * 100,
  };
}
