/**
 * `butterflops measure`: exports every configuration (paper BFT settings), times them all
 * interleaved on onnxruntime, profiles two of them by role, and returns the measurements file's
 * content. Slow (minutes); run explicitly, never by the report or the tests.
 */
import { analyze } from '../cost/analyze.js';
import { exportModel } from '../export/export-model.js';
import { DEFAULT_BFT } from '../fusion/strategy.js';
import { layerTimes } from '../latency/layer-times.js';
import type { LatencyMeasurements, MeasuredConfiguration, RoleTimes } from '../latency/measurements.js';
import { nodeTimes } from '../latency/profile-events.js';
import { summarize } from '../latency/statistics.js';
import { PAPER_CONVENTION } from '../model/convention.js';
import type { ModelSource } from '../model/model-source.js';
import { loadAverage, machineDescription } from './machine.js';
import { openSession, profileRuns, timeInterleaved, type RunnableModel } from './onnx-session.js';

type Configuration = { arch: string; width?: number; resolution?: number; fusion: 'pointwise' | 'bft' };

function exported(models: ModelSource, c: Configuration) {
  const parameters = {
    ...(c.width !== undefined ? { width: c.width } : {}),
    ...(c.resolution !== undefined ? { resolution: c.resolution } : {}),
  };
  return exportModel({
    model: models.resolve(c.arch),
    parameters,
    fusion: c.fusion === 'bft' ? DEFAULT_BFT : { kind: 'pointwise' },
  });
}

/**
 * Measures `configurations` (`runs` interleaved rounds after `warmup`, `threads` threads) and the
 * role times of `profiled` (label → configuration). `progress` gets one line per step.
 */
export async function measureConfigurations(
  models: ModelSource,
  configurations: readonly Configuration[],
  profiled: readonly (readonly [string, Configuration])[],
  options: { readonly threads: number; readonly runs: number; readonly warmup: number },
  progress: (line: string) => void,
): Promise<LatencyMeasurements> {
  const loadBefore = loadAverage();
  const sessions = [];
  const macs: bigint[] = [];
  for (const c of configurations) {
    progress(`exporting ${c.arch} ${c.width ?? ''} @${c.resolution ?? ''} ${c.fusion}`);
    const result = exported(models, c);
    macs.push(result.realised.macs);
    sessions.push(await openSession({ label: c.arch, bytes: result.exported.bytes }, options.threads));
  }
  const times = await timeInterleaved(sessions, options.runs, options.warmup, (round, total) =>
    progress(`timing: round ${round}/${total}`),
  );
  for (const open of sessions) await open.session.release();
  const measured = configurations.map((c, i): MeasuredConfiguration => {
    const spread = summarize(times[i] ?? []);
    const round3 = (x: number) => Math.round(x * 1000) / 1000;
    return {
      ...c,
      macs: String(macs[i] ?? 0n),
      medianMs: round3(spread.median),
      q1Ms: round3(spread.q1),
      q3Ms: round3(spread.q3),
    };
  });
  const roleTimes: RoleTimes[] = [];
  for (const [label, c] of profiled) {
    progress(`profiling ${label}`);
    const result = exported(models, c);
    const model: RunnableModel = { label, bytes: result.exported.bytes };
    const { events, skipRuns } = await profileRuns(model, options.threads, 5);
    const layers = layerTimes(
      result.exported.network,
      analyze(result.exported.network, PAPER_CONVENTION),
      nodeTimes(events, skipRuns),
    );
    const roles: Record<string, number> = {};
    for (const l of layers.layers) roles[l.role] = (roles[l.role] ?? 0) + l.microseconds;
    roles['runtime'] = layers.unattributed.reduce((sum, n) => sum + n.microseconds, 0);
    roleTimes.push({ label, roles: Object.fromEntries(Object.entries(roles).map(([k, v]) => [k, Math.round(v)])) });
  }
  const machine = machineDescription();
  const loadAfter = loadAverage();
  return {
    machine: `${machine.cpu}, ${machine.cores} logical cores; Node ${machine.node}, onnxruntime-node ${machine.onnxruntime}`,
    loadAverage: loadBefore.map((l, i) => Math.round(((l + (loadAfter[i] ?? l)) / 2) * 100) / 100),
    settings: `${options.threads} intra-op thread(s), ${options.warmup} warm-up + ${options.runs} timed runs, all configurations interleaved; BFT with the paper's settings (base 4, residual), weights seeded 1, batch 1`,
    configurations: measured,
    roleTimes,
  };
}
