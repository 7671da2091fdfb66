/**
 * Making a butterfly plan for a network (issue 18), shared by `butterflops plan` and the bench:
 * the BFT network's channel-fusion shapes, their candidates (`search/plan-candidates.ts`: the
 * butterflies, and the dense 1×1 conv kept), their times (measured here in onnxruntime, or
 * predicted by the roofline of a device profile, or not needed for `macs`), the exact choice
 * under the network MAC budget, the planned network's exact count and each planned butterfly's
 * criteria.
 */
import { buildFusedNetwork, countCost, type CountRequest } from '../count/count-request.js';
import { UserError } from '../errors.js';
import { planCriteria } from '../graph/plan-criteria.js';
import { roofline, type DeviceProfile } from '../latency/device-profile.js';
import type { LayerChoice } from '../fusion/strategy.js';
import type { ButterflyForm } from '../model/layer.js';
import type { NetworkPlan, PlanObjective, PlannedLayer } from '../model/network-plan.js';
import type { PlanResult } from '../format/plan-format.js';
import {
  butterflyBytes,
  candidateRadices,
  choosePlan,
  denseBytes,
  planMacs,
  planShapes,
  type PlanCandidate,
  type PlanShape,
} from '../search/plan-candidates.js';
import { measurePlanCandidates } from './measure-plan.js';

/** How to make the plan. */
export interface PlanOptions {
  readonly objective: PlanObjective;
  readonly forms: readonly ButterflyForm[];
  /** Network MAC budget. */
  readonly maxMacs?: bigint;
  readonly threads: number;
  readonly runs: number;
  readonly warmup: number;
  readonly cache?: string;
  /** For `roofline`. */
  readonly device?: DeviceProfile;
  /** Whether a layer may stay a dense 1×1 conv where that is faster (fewer MACs for `macs`); default true. */
  readonly dense?: boolean;
  /** Name recorded as the plan's source in the planned network's parameters. */
  readonly label: string;
  readonly progress?: (line: string) => void;
}

/** A made plan: what `formatPlan` shows, and the per-layer plans for `--plan`-style use. */
export interface MadePlan extends PlanResult {
  readonly layers: ReadonlyMap<string, LayerChoice>;
}

/** Makes the plan of the BFT network of `bft` (its fusion must be `bft`, without a plan). */
export async function makePlan(model: string, bft: CountRequest, options: PlanOptions): Promise<MadePlan> {
  if (bft.fusion?.kind !== 'bft') throw new Error('makePlan needs a BFT request');
  const strategy = bft.fusion;
  const network = buildFusedNetwork(bft);
  const unplanned = countCost(bft);
  const dense = countCost({ ...bft, fusion: { kind: 'pointwise' } });
  const shapes = planShapes(network);
  if (shapes.length === 0)
    throw new UserError('the network has no layer the BFT replaces: nothing to plan', {
      location: { field: '<model>' },
    });
  // Each shape's dense 1×1 conv costs what `count` counts for its layers in the dense network (all alike).
  const denseLayerMacs = new Map(dense.layers.map((l) => [l.name, l.macs]));
  const denseMacsOf = (shape: PlanShape): bigint => {
    const [first, ...rest] = shape.layers.map((name) => denseLayerMacs.get(name));
    if (first === undefined || rest.some((macs) => macs !== first))
      throw new Error(`makePlan: the dense layers of shape ${shape.layers.join(', ')} differ in MACs`);
    return first;
  };
  const withDense = options.dense ?? true;
  const requests = shapes.map((shape) => ({
    shape,
    candidates: candidateRadices(shape.m).flatMap((radices) => options.forms.map((form) => ({ radices, form }))),
  }));

  let times: { readonly denseMs?: number; readonly candidateMs: readonly (number | undefined)[] }[] = requests.map(
    (r) => ({ candidateMs: r.candidates.map(() => undefined) }),
  );
  let measured = 0;
  let cached = 0;
  if (options.objective === 'latency') {
    const result = await measurePlanCandidates(requests, {
      threads: options.threads,
      runs: options.runs,
      warmup: options.warmup,
      shapePolicy: strategy.shapePolicy,
      residual: strategy.residual,
      ...(options.cache !== undefined ? { cache: options.cache } : {}),
      ...(options.progress !== undefined ? { progress: options.progress } : {}),
    });
    times = result;
    measured = result.reduce((sum, r) => sum + r.measured, 0);
    cached = result.reduce((sum, r) => sum + r.candidateMs.length + 1 - r.measured, 0);
  } else if (options.objective === 'roofline') {
    const device = options.device;
    if (device === undefined)
      throw new UserError('the roofline objective needs a device profile', { location: { field: 'device' } });
    const predictedMs = (macs: bigint, bytes: bigint) => roofline(macs, bytes, device).predictedMicroseconds / 1000;
    times = requests.map((r) => ({
      denseMs: predictedMs(denseMacsOf(r.shape), denseBytes(r.shape)),
      candidateMs: r.candidates.map((c) =>
        predictedMs(planMacs(r.shape, c.radices), butterflyBytes(r.shape, c.radices)),
      ),
    }));
  }
  // Measured times are of one image (input 1 × n_in × H × W): a layer on a batch of images takes one per image.
  const perSample = (r: (typeof requests)[number], ms: number | undefined) =>
    ms === undefined || options.objective !== 'latency' ? ms : ms * r.shape.batch;
  const candidates: PlanCandidate[][] = requests.map((r, s) => {
    const butterflies = r.candidates.map((c, i): PlanCandidate => {
      const ms = perSample(r, times[s]?.candidateMs[i]);
      return {
        kind: 'butterfly',
        radices: c.radices,
        form: c.form,
        macs: planMacs(r.shape, c.radices),
        ...(ms !== undefined ? { ms } : {}),
      };
    });
    if (!withDense) return butterflies;
    // Last: a tie (equal MACs for `macs`) goes to a butterfly.
    const ms = perSample(r, times[s]?.denseMs);
    return [...butterflies, { kind: 'dense', macs: denseMacsOf(r.shape), ...(ms !== undefined ? { ms } : {}) }];
  });
  const butterflyMacs = unplanned.layers.filter((l) => l.kind === 'butterfly').reduce((sum, l) => sum + l.macs, 0n);
  const otherMacs = unplanned.total.macs - butterflyMacs;
  if (options.maxMacs !== undefined && options.maxMacs < otherMacs) {
    throw new UserError(`the layers the BFT does not replace alone take ${otherMacs} MACs`, {
      location: { field: 'maxMacs' },
      received: options.maxMacs.toString(),
      expected: `a budget above ${otherMacs}`,
    });
  }
  let choices;
  try {
    choices = choosePlan(
      shapes,
      candidates,
      options.objective,
      options.maxMacs === undefined ? undefined : options.maxMacs - otherMacs,
    );
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new UserError('no plan fits the MAC budget', {
      location: { field: 'maxMacs' },
      received: options.maxMacs?.toString(),
      expected: 'a larger budget (base 2 gives the fewest MACs)',
    });
  }
  const planned: PlannedLayer[] = [];
  const byName = new Map<string, LayerChoice>();
  choices.forEach(({ shape, chosen }, s) => {
    const request = requests[s];
    const denseMs = request === undefined ? undefined : perSample(request, times[s]?.denseMs);
    for (const name of shape.layers) {
      const common = {
        name,
        n: shape.m,
        inChannels: shape.inChannels,
        outChannels: shape.outChannels,
        pixels: shape.batch * shape.height * shape.width,
      };
      const timing = {
        macs: chosen.macs,
        ...(chosen.ms !== undefined && options.objective !== 'macs' ? { ms: chosen.ms } : {}),
        ...(denseMs !== undefined ? { denseMs } : {}),
      };
      if (chosen.kind === 'dense') {
        byName.set(name, { kind: 'dense' });
        planned.push({ ...common, dense: true, ...timing });
      } else {
        byName.set(name, { kind: 'butterfly', plan: { radices: chosen.radices, form: chosen.form } });
        planned.push({ ...common, radices: chosen.radices, form: chosen.form, ...timing });
      }
    }
  });
  const order = new Map(network.layers.map((l, i) => [l.name, i]));
  planned.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  const plannedCount = countCost({
    ...bft,
    fusion: { ...strategy, plan: { kind: 'layers', file: options.label, layers: byName } },
  });
  // The count of the planned network is the sum the choice was made on, and it keeps the budget.
  const chosenMacs = otherMacs + planned.reduce((sum, l) => sum + l.macs, 0n);
  if (plannedCount.total.macs !== chosenMacs)
    throw new Error(`makePlan: the planned network counts ${plannedCount.total.macs} MACs, the plan ${chosenMacs}`);
  if (options.maxMacs !== undefined && plannedCount.total.macs > options.maxMacs)
    throw new Error(`makePlan: the planned network's ${plannedCount.total.macs} MACs exceed the budget`);
  const plan: NetworkPlan = {
    model,
    parameters: bft.parameters as Record<string, number | string | boolean>,
    objective: options.objective,
    ...(options.maxMacs !== undefined ? { maxMacs: options.maxMacs } : {}),
    ...(options.objective === 'latency' ? { threads: options.threads } : {}),
    layers: planned,
  };
  const total = (pick: (l: PlannedLayer) => number | undefined) => planned.reduce((t, l) => t + (pick(l) ?? NaN), 0);
  return {
    plan,
    layers: byName,
    criteria: planned.map((l) => (l.dense ? undefined : planCriteria(l.radices))),
    networkMacs: plannedCount.total.macs,
    unplannedMacs: unplanned.total.macs,
    denseMacs: dense.total.macs,
    ...(options.objective !== 'macs' ? { plannedMs: total((l) => l.ms) } : {}),
    ...(options.objective !== 'macs' ? { denseMs: total((l) => l.denseMs) } : {}),
    measured,
    cached,
  };
}
