/**
 * Units. MACs (multiply-accumulates) are what most CNN papers call "FLOPs" or "MAdds".
 * In this project `flops` always means floating-point operations in the hardware sense:
 * one MAC is two FLOPs (a multiply and an add). This is the only place that relation lives.
 */

/** FLOPs of `macs` multiply-accumulates plus `extraOps` single (non-MAC) operations. */
export function flopsFromMacs(macs: bigint, extraOps = 0n): bigint {
  return 2n * macs + extraOps;
}

/** Bytes per element of a float32 activation (the peak-memory figure assumes float32). */
export const FLOAT32_BYTES = 4n;
