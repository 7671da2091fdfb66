/**
 * Fixed, locale-independent text for result numbers in tables and reports (byte-stable).
 */
import { exactMillions } from '../text/numbers.js';

/** MACs as exact millions without trailing zeros: 13570496n → "13.570496", 14000000n → "14". */
export const mmacsText = exactMillions;

/** MACs as millions rounded to one decimal, for readable tables: 43184557n → "43.2". */
export function mmacsRounded(macs: bigint): string {
  const tenths = (macs + 50_000n) / 100_000n;
  return `${tenths / 10n}.${tenths % 10n}`;
}

/** An accuracy in percent with two decimals: 54.3 → "54.30". */
export function top1Text(top1: number): string {
  return top1.toFixed(2);
}

/** A gain in points with sign and two decimals: 6.3446 → "+6.34", −0.5 → "-0.50". */
export function gainText(gain: number): string {
  const rounded = Math.round(gain * 100) / 100;
  return `${rounded >= 0 ? '+' : ''}${rounded.toFixed(2)}`;
}

/** A float rounded to 4 decimals for JSON output, so float noise does not reach golden files. */
export function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
