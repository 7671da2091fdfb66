/**
 * Hand-made inputs of the plan tests (butterfly-plans, dense-plan, planned-export): a 64 → 64
 * shape on one pixel, an 8×8 butterfly candidate with given MACs and time, and a device of round
 * numbers for the roofline.
 */
import type { DeviceProfile } from '../../src/latency/device-profile.js';
import type { PlanCandidate, PlanShape } from '../../src/search/plan-candidates.js';

/** A 64 → 64 channel-fusion shape on one pixel (one square of size 64), for the layers named. */
export function square64(layers: string[]): PlanShape {
  return { inChannels: 64, outChannels: 64, height: 1, width: 1, batch: 1, m: 64, squares: 1, layers };
}

/** An 8×8 butterfly (grouped-conv form) of the given MACs and time. */
export function butterfly8x8(macs: bigint, ms: number): PlanCandidate {
  return { kind: 'butterfly', radices: [8, 8], form: 'conv', macs, ms };
}

/** A device of round numbers: 10¹² MAC/s, 10⁹ bytes/s. */
export const ROUND_DEVICE: DeviceProfile = {
  device: 'hand-made',
  runtime: 'none',
  threads: 1,
  peakMacsPerSecond: 1e12,
  bandwidthBytesPerSecond: 1e9,
  loadAverage: [],
};
