/**
 * FLOP-matched search (the paper's way of comparing at equal cost): the width × resolution
 * configurations whose MACs fall within a tolerance of a budget, closest first, and for a width
 * the resolution whose cost is nearest a budget, solved on the exact symbolic total. A model
 * without a width parameter (ResNets, imported ONNX graphs) is swept over the resolution alone;
 * its candidates have no width.
 */
import { buildFusedNetwork, countCost } from '../count/count-request.js';
import { symbolicTotal } from '../cost/symbolic-total.js';
import { evaluateExact, fractionToBigInt } from '../expr/math.js';
import type { FusionStrategy } from '../fusion/strategy.js';
import { PAPER_CONVENTION, type CountingConvention } from '../model/convention.js';
import type { ModelDescription, ParameterValue } from '../model/model-source.js';
import { UserError } from '../errors.js';

/** What to search. */
export interface MatchRequest {
  readonly model: ModelDescription;
  /** Budget in MACs. */
  readonly budgetMacs: bigint;
  readonly fusion: FusionStrategy;
  /** Relative tolerance, e.g. 0.1 for ±10 %. */
  readonly tolerance: number;
  /** Widths to sweep (ignored for a model without a width parameter). */
  readonly widths: readonly number[];
  readonly resolutions: readonly number[];
  /** Other model parameters (variant, …). */
  readonly parameters?: Readonly<Record<string, ParameterValue>>;
  readonly convention?: CountingConvention;
}

/** One configuration with its costs. */
export interface MatchCandidate {
  /** The width multiplier; undefined for a model without a width parameter. */
  readonly width: number | undefined;
  readonly resolution: number;
  readonly macs: bigint;
  readonly params: bigint;
  readonly peakActivationBytes: bigint;
  /** (macs / budget − 1) · 100; for the BFT side of an equal-cost pair the budget is the baseline's MACs. */
  readonly deviationPercent: number;
  /**
   * Set when the resolution is a bound of the search and the target lies beyond it: `highest`
   * (the largest resolution searched, {@link MAX_RESOLUTION} by default, is still below the
   * target) or `lowest` (the smallest is already above it).
   */
  readonly limit?: 'highest' | 'lowest';
}

/** The largest resolution `solveResolution` tries by default (a larger image is seldom meant). */
export const MAX_RESOLUTION = 1024;

/** A search request without its grids. */
type SolveRequest = Omit<MatchRequest, 'widths' | 'resolutions' | 'tolerance'>;

/** The model's parameters at (width, resolution): width only when the model has one. */
function parametersAt(
  request: SolveRequest,
  width: number | undefined,
  resolution?: number,
): Record<string, ParameterValue> {
  return {
    ...request.parameters,
    ...(width !== undefined ? { width } : {}),
    ...(resolution !== undefined ? { resolution } : {}),
  };
}

function candidate(request: SolveRequest, width: number | undefined, resolution: number): MatchCandidate {
  const report = countCost({
    model: request.model,
    parameters: parametersAt(request, width, resolution),
    fusion: request.fusion,
    convention: request.convention ?? PAPER_CONVENTION,
  });
  return {
    width,
    resolution,
    macs: report.total.macs,
    params: report.total.params,
    peakActivationBytes: report.peakActivationBytes,
    deviationPercent: (Number(report.total.macs) / Number(request.budgetMacs) - 1) * 100,
  };
}

/**
 * The widths a match sweeps for this model: `widths`, or [undefined] when the model has no
 * width parameter. A model without a resolution parameter is a `UserError` (the search varies it).
 */
export function sweepWidths(model: ModelDescription, widths: readonly number[]): readonly (number | undefined)[] {
  const names = model.parameters.map((parameter) => parameter.name);
  if (!names.includes('resolution')) {
    throw new UserError(`a match sweeps the resolution, but model ${model.id} has no parameter "resolution"`, {
      expected: `a model with a resolution parameter (${model.id} has ${names.length > 0 ? names.join(', ') : 'none'})`,
    });
  }
  return names.includes('width') ? widths : [undefined];
}

/**
 * Grid configurations within the tolerance, closest to the budget first (ties: smaller width,
 * then smaller resolution). O(|widths| · |resolutions|) counts.
 */
export function matchBudget(request: MatchRequest): MatchCandidate[] {
  const found: MatchCandidate[] = [];
  for (const width of sweepWidths(request.model, request.widths)) {
    for (const resolution of request.resolutions) {
      const c = candidate(request, width, resolution);
      if (Math.abs(c.deviationPercent) <= request.tolerance * 100) found.push(c);
    }
  }
  return found.sort(
    (a, b) =>
      Math.abs(a.deviationPercent) - Math.abs(b.deviationPercent) ||
      (a.width ?? 0) - (b.width ?? 0) ||
      a.resolution - b.resolution,
  );
}

/**
 * MACs as an exact function of the resolution for one width: the symbolic total of the network
 * built with `resolution` free, evaluated exactly. Counted concretely instead where there is no
 * exact formula: the real-log BFT mode (its count is rounded per layer), and models that cannot
 * be built with the resolution free (an imported ONNX graph: a `UserError` says so). Any other
 * failure is a bug and is thrown.
 */
export function macsOfResolution(request: SolveRequest, width: number | undefined): (resolution: number) => bigint {
  const convention = request.convention ?? PAPER_CONVENTION;
  const concrete = (resolution: number): bigint => candidate(request, width, resolution).macs;
  if (request.fusion.kind === 'bft' && request.fusion.logMode === 'real') return concrete;
  let expression: string;
  try {
    const network = buildFusedNetwork({
      model: request.model,
      parameters: parametersAt(request, width),
      fusion: request.fusion,
      convention,
      free: ['resolution'],
    });
    expression = symbolicTotal(network, convention).expression;
  } catch (error) {
    if (error instanceof UserError) return concrete;
    throw error;
  }
  return (resolution) => {
    const value = fractionToBigInt(evaluateExact(expression, { resolution }));
    if (value === undefined)
      throw new Error(`the MAC formula of ${request.model.id} is not an integer at resolution ${resolution}`);
    return value;
  };
}

/**
 * The integer resolution in [low, high] whose MACs are nearest the budget, for one width:
 * bisection for the largest r with f(r) ≤ budget (MACs grow with the resolution), then the
 * nearer of r and r + 1. A resolution the model cannot be built at (an imported graph whose
 * kernels do not fit a tiny image: a `UserError`) counts as below the budget, so the search moves
 * above it. O(log(high − low)) exact evaluations of `f`: by default an exact concrete count per
 * resolution; pass `macsOfResolution(request, width)` to evaluate the symbolic total instead
 * (same values, built once per width, then each step is one exact evaluation of a formula
 * instead of a network build).
 */
export function solveResolution(
  request: SolveRequest,
  width: number | undefined,
  low = 1,
  high = MAX_RESOLUTION,
  f: (resolution: number) => bigint = (resolution) => candidate(request, width, resolution).macs,
): MatchCandidate {
  const macs = (resolution: number): bigint | undefined => {
    try {
      return f(resolution);
    } catch (error) {
      if (error instanceof UserError) return undefined;
      throw error;
    }
  };
  const within = (value: bigint | undefined): boolean => value === undefined || value <= request.budgetMacs;
  let lo = low;
  let hi = high;
  // When even `low` is over the budget, `lo` stays at `low` and the nearest check below decides.
  if (within(macs(lo))) {
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (within(macs(mid))) lo = mid;
      else hi = mid - 1;
    }
  }
  let best = lo;
  if (lo < high) {
    const atLo = macs(lo);
    const atNext = macs(lo + 1);
    if (
      atLo === undefined ||
      atLo > request.budgetMacs ||
      (atNext !== undefined && atNext - request.budgetMacs < request.budgetMacs - atLo)
    )
      best = lo + 1;
  }
  const found = candidate(request, width, best);
  if (best === high && found.macs < request.budgetMacs) return { ...found, limit: 'highest' };
  if (best === low && found.macs > request.budgetMacs) return { ...found, limit: 'lowest' };
  return found;
}

/** A baseline configuration and, per BFT width, the BFT configuration of equal cost. */
export interface EqualCostPair {
  readonly baseline: MatchCandidate;
  readonly bft: readonly MatchCandidate[];
}

/**
 * For each baseline (pointwise) grid configuration within the tolerance of the budget, the BFT
 * configuration of each width whose MACs are nearest the baseline's (resolution solved exactly).
 */
export function equalCostPairs(request: MatchRequest, bft: FusionStrategy): EqualCostPair[] {
  const baselines = matchBudget({ ...request, fusion: { kind: 'pointwise' } });
  const bftRequest = { ...request, fusion: bft };
  const widths = sweepWidths(request.model, request.widths);
  const costOf = new Map(widths.map((width) => [width, macsOfResolution(bftRequest, width)]));
  return baselines.map((baseline) => ({
    baseline,
    bft: widths.map((width) =>
      solveResolution({ ...bftRequest, budgetMacs: baseline.macs }, width, 1, MAX_RESOLUTION, costOf.get(width)),
    ),
  }));
}
