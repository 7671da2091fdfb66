/**
 * A device profile for the roofline model: the peak multiply-accumulate rate and the memory
 * bandwidth a runtime reaches on a machine, as a data file (`butterflops calibrate` writes one).
 * Predicted time of a layer = max(MACs / peak, bytes / bandwidth): compute-bound when its
 * arithmetic intensity (MACs per byte) exceeds peak / bandwidth, memory-bound otherwise
 * (Williams, Waterman & Patterson, "Roofline", CACM 2009).
 */
import { UserError } from '../errors.js';

/** A measured device profile. */
export interface DeviceProfile {
  /** Where it was measured (CPU model) and with what. */
  readonly device: string;
  readonly runtime: string;
  readonly threads: number;
  /** MACs per second of a large dense MatMul. */
  readonly peakMacsPerSecond: number;
  /** Bytes per second moved by a large element-wise Add (two reads and one write per element). */
  readonly bandwidthBytesPerSecond: number;
  /** Load average (1, 5, 15 min) while it was measured. */
  readonly loadAverage: readonly number[];
}

/** A layer's roofline numbers. */
export interface Roofline {
  /** MACs per byte moved. */
  readonly intensity: number;
  /** max(MACs / peak, bytes / bandwidth), µs. */
  readonly predictedMicroseconds: number;
  readonly bound: 'compute' | 'memory';
}

/** The roofline of `macs` over `bytes` on `profile`. O(1). Example: 1e9 MACs, 4e6 bytes, 1e11 MAC/s, 1e10 B/s → 10 000 µs, compute-bound. */
export function roofline(macs: bigint, bytes: bigint, profile: DeviceProfile): Roofline {
  const m = Number(macs);
  const b = Number(bytes);
  const compute = m / profile.peakMacsPerSecond;
  const memory = b / profile.bandwidthBytesPerSecond;
  return {
    intensity: b > 0 ? m / b : Infinity,
    predictedMicroseconds: 1e6 * Math.max(compute, memory),
    bound: compute >= memory ? 'compute' : 'memory',
  };
}

/** Checks parsed JSON as a device profile; `file` names it in the UserError. */
export function parseDeviceProfile(value: unknown, file: string): DeviceProfile {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const positive = (key: string): number => {
    const v = record[key];
    if (typeof v !== 'number' || !(v > 0))
      throw new UserError(`device profile needs a positive number "${key}"`, {
        location: { file, path: `/${key}` },
        received: v,
      });
    return v;
  };
  const text = (key: string): string => (typeof record[key] === 'string' ? record[key] : 'unknown');
  const load = Array.isArray(record['loadAverage'])
    ? (record['loadAverage'] as unknown[]).filter((x): x is number => typeof x === 'number')
    : [];
  return {
    device: text('device'),
    runtime: text('runtime'),
    threads: positive('threads'),
    peakMacsPerSecond: positive('peakMacsPerSecond'),
    bandwidthBytesPerSecond: positive('bandwidthBytesPerSecond'),
    loadAverage: load,
  };
}
