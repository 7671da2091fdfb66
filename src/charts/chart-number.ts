/**
 * Where exact counts become floating-point numbers for chart coordinates (other places that
 * compute ratios or percentages from counts convert on their own, each for display only).
 */

/**
 * `count / divisor` as a number for a chart axis, e.g. MACs → million MACs with divisor 10⁶.
 * Throws a RangeError when `count` is beyond 2^53 (it could no longer be converted exactly);
 * the division itself may round in the last bit, which no chart can show.
 */
export function chartNumber(count: bigint, divisor: bigint = 1n): number {
  const value = Number(count);
  if (!Number.isSafeInteger(value)) throw new RangeError(`count ${count} is too large to plot exactly`);
  return value / Number(divisor);
}
