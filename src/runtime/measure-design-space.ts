/**
 * `npm run measure`, the design-space part (issue 18, item 3): exports every configuration of
 * `DESIGN_CONFIGURATIONS` (dense, or BFT with base 2, base 4, `--radices sqrt`, or a latency plan
 * made here by `makePlan` under no budget) and times them all interleaved on onnxruntime.
 */
import { analyze } from '../cost/analyze.js';
import { buildFusedNetwork, type CountRequest } from '../count/count-request.js';
import { exportNetwork } from '../export/export-network.js';
import { DEFAULT_BFT, type FusionStrategy } from '../fusion/strategy.js';
import {
  DESIGN_CONFIGURATIONS,
  type DesignConfiguration,
  type DesignPoint,
  type DesignSpaceMeasurements,
} from '../latency/design-space.js';
import { summarize } from '../latency/statistics.js';
import { PAPER_CONVENTION } from '../model/convention.js';
import type { ModelSource } from '../model/model-source.js';
import { loadAverage, machineDescription } from './machine.js';
import { makePlan } from './make-plan.js';
import { openSession, timeInterleaved } from './onnx-session.js';

async function fusionOf(c: DesignConfiguration, base: CountRequest, threads: number): Promise<FusionStrategy> {
  if (c.variant === 'dense') return { kind: 'pointwise' };
  if (c.variant === 'base 2') return { ...DEFAULT_BFT, base: 2 };
  if (c.variant === 'base 4') return DEFAULT_BFT;
  if (c.variant === 'sqrt') return { ...DEFAULT_BFT, plan: { kind: 'rule', rule: { kind: 'sqrt' } } };
  const made = await makePlan(
    c.arch,
    { ...base, fusion: DEFAULT_BFT },
    {
      objective: 'latency',
      forms: ['conv', 'matmul'],
      threads,
      runs: 7,
      warmup: 2,
      label: `${c.arch}-${c.width} plan`,
      // The design space compares BFT variants: its plan replaces every layer (none kept dense).
      dense: false,
    },
  );
  return { ...DEFAULT_BFT, plan: { kind: 'layers', file: `${c.arch}-${c.width} plan`, layers: made.layers } };
}

/** Measures the design space; `progress` gets one line per step. Minutes. */
export async function measureDesignSpace(
  models: ModelSource,
  options: { readonly threads: number; readonly runs: number; readonly warmup: number },
  progress: (line: string) => void,
): Promise<DesignSpaceMeasurements> {
  const loadBefore = loadAverage();
  const sessions = [];
  const macs: bigint[] = [];
  for (const c of DESIGN_CONFIGURATIONS) {
    progress(`preparing ${c.arch} ${c.width} ${c.variant}`);
    const base: CountRequest = {
      model: models.resolve(c.arch),
      parameters: { width: c.width, resolution: 224 },
      convention: PAPER_CONVENTION,
    };
    const request = { ...base, fusion: await fusionOf(c, base, options.threads) };
    const exported = exportNetwork(buildFusedNetwork(request));
    // the exported graph's own count (a base-4 butterfly of a size that is no power of 4 is built mixed-radix)
    macs.push(analyze(exported.network, PAPER_CONVENTION).total.macs);
    sessions.push(
      await openSession({ label: `${c.arch} ${c.width} ${c.variant}`, bytes: exported.bytes }, options.threads),
    );
  }
  const times = await timeInterleaved(sessions, options.runs, options.warmup, (round, total) =>
    progress(`design space: round ${round}/${total}`),
  );
  for (const open of sessions) await open.session.release();
  const round3 = (x: number) => Math.round(x * 1000) / 1000;
  const points = DESIGN_CONFIGURATIONS.map((c, i): DesignPoint => {
    const spread = summarize(times[i] ?? []);
    return {
      ...c,
      macs: String(macs[i] ?? 0n),
      medianMs: round3(spread.median),
      q1Ms: round3(spread.q1),
      q3Ms: round3(spread.q3),
    };
  });
  const machine = machineDescription();
  const loadAfter = loadAverage();
  return {
    machine: `${machine.cpu}, ${machine.cores} logical cores; Node ${machine.node}, onnxruntime-node ${machine.onnxruntime}`,
    loadAverage: loadBefore.map((l, i) => Math.round(((l + (loadAfter[i] ?? l)) / 2) * 100) / 100),
    settings: `${options.threads} intra-op thread(s), ${options.warmup} warm-up + ${options.runs} timed runs, all configurations interleaved, @224, batch 1, weights seeded 1; BFT residual on, official shape policy; plans made by butterflops plan (objective latency, no MAC budget, 7 runs per candidate)`,
    points,
  };
}
