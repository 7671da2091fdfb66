/**
 * The latency command's core: time whole networks (interleaved, warm-up, fixed threads), then
 * profile each once more to split its time by layer, with the machine and its load around it.
 */
import type { DeviceProfile } from '../latency/device-profile.js';
import { layerTimes, withRoofline } from '../latency/layer-times.js';
import type { LatencyResult, LatencySettings, ModelLatency } from '../latency/latency-result.js';
import { nodeTimes } from '../latency/profile-events.js';
import { summarize } from '../latency/statistics.js';
import type { CostReport } from '../model/cost.js';
import type { Network } from '../model/network.js';
import { loadAverage, machineDescription } from './machine.js';
import { openSession, profileRuns, timeInterleaved } from './onnx-session.js';

/** A model to measure: its ONNX bytes and the network (and counts) its graph realises. */
export interface LatencyModel {
  readonly label: string;
  readonly bytes: Uint8Array;
  readonly network: Network;
  readonly report: CostReport;
}

/** Measures every model with `settings`; `progress` receives one line per step; `device` adds roofline predictions. */
export async function measureLatency(
  models: readonly LatencyModel[],
  settings: Omit<LatencySettings, 'interleaved'>,
  progress?: (line: string) => void,
  device?: DeviceProfile,
): Promise<LatencyResult> {
  const loadBefore = loadAverage();
  // The image's dims come from the network wherever the graph leaves them named (dynamic).
  const runnable = models.map((model) => {
    const { channels, height, width } = model.network.input;
    return { ...model, inputDims: [1, channels, height, width] };
  });
  const sessions = [];
  for (const model of runnable) sessions.push(await openSession(model, settings.threads));
  const times = await timeInterleaved(sessions, settings.runs, settings.warmup, (round, total) =>
    progress?.(`timing: round ${round}/${total}`),
  );
  for (const open of sessions) await open.session.release();
  const results: ModelLatency[] = [];
  for (const [i, model] of models.entries()) {
    let layers;
    if (settings.profiledRuns > 0) {
      progress?.(`profiling ${model.label}`);
      const { events, skipRuns } = await profileRuns(runnable[i] ?? model, settings.threads, settings.profiledRuns);
      layers = layerTimes(model.network, model.report, nodeTimes(events, skipRuns));
      if (device !== undefined) layers = withRoofline(layers, device);
    }
    results.push({
      label: model.label,
      macs: model.report.total.macs,
      params: model.report.total.params,
      milliseconds: summarize(times[i] ?? []),
      ...(layers !== undefined ? { layers } : {}),
    });
  }
  return {
    machine: { ...machineDescription(), loadBefore, loadAfter: loadAverage() },
    settings: { ...settings, interleaved: models.length > 1 },
    models: results,
    ...(device !== undefined ? { device } : {}),
  };
}
