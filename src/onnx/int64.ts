/** A protobufjs int64 as it arrives: a `Long` (when long.js is present) or a number. */
export type Int64Like =
  | number
  | {
      readonly low: number;
      readonly high: number;
      readonly unsigned?: boolean;
      toNumber(): number;
      toString(): string;
    };

/**
 * An int64 as a JavaScript number. Values beyond ±2^53 (such as INT64_MAX, the "to the end"
 * marker of Slice) clamp to ±Number.MAX_SAFE_INTEGER, which every use here treats as unbounded.
 */
export function int64ToNumber(value: Int64Like | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const number = typeof value === 'number' ? value : value.toNumber();
  if (number > Number.MAX_SAFE_INTEGER) return Number.MAX_SAFE_INTEGER;
  if (number < -Number.MAX_SAFE_INTEGER) return -Number.MAX_SAFE_INTEGER;
  return number;
}
