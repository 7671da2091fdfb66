/**
 * The vocabulary of a latency measurement: the machine and its load, the settings, and per model
 * the spread of whole-network times and the per-layer profile. Data only.
 */
import type { DeviceProfile } from './device-profile.js';
import type { LayerTimes } from './layer-times.js';
import type { Spread } from './statistics.js';

/** The machine a measurement ran on, and its load average (1, 5, 15 min) before and after. */
export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly platform: string;
  readonly node: string;
  readonly onnxruntime: string;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
}

/** How the runs were made. */
export interface LatencySettings {
  /** Intra-op threads of every session (inter-op: 1, sequential execution). */
  readonly threads: number;
  /** Timed runs per model, after `warmup` untimed ones. */
  readonly runs: number;
  readonly warmup: number;
  /** With several models, run i of every model is made before run i + 1 of any (interleaved). */
  readonly interleaved: boolean;
  /** Runs of the separate profiling session (0: no per-layer profile). */
  readonly profiledRuns: number;
}

/** One model's measurement. */
export interface ModelLatency {
  /** How the user named it (`mobilenet-v1 --fusion bft`, `net.onnx`). */
  readonly label: string;
  readonly macs: bigint;
  readonly params: bigint;
  /** Whole-network time per inference, ms. */
  readonly milliseconds: Spread;
  /** Per-layer times from the profiler (absent when not profiled). */
  readonly layers?: LayerTimes;
}

/** A latency measurement of one or more models. */
export interface LatencyResult {
  readonly machine: MachineInfo;
  readonly settings: LatencySettings;
  readonly models: readonly ModelLatency[];
  /** The device profile the per-layer roofline predictions use, when one was given. */
  readonly device?: DeviceProfile;
}
