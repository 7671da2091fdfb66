/**
 * Test helpers for comparing exact counts with printed figures. A printed "300" (millions)
 * stands for every count that rounds to it: [299.5M, 300.5M).
 */
import { countModel } from '../../src/index.js';
import { DEFAULT_BFT } from '../../src/fusion/strategy.js';
import { PAPER_CONVENTION, type CountingConvention } from '../../src/model/convention.js';
import type { CostTotals } from '../../src/model/cost.js';

/** Whether `count` rounds (half up) to `printed` millions, with as many decimals as printed. */
export function roundsToMillions(count: bigint, printed: string): boolean {
  const decimals = printed.includes('.') ? printed.split('.')[1]!.length : 0;
  const unit = 10n ** BigInt(6 - decimals);
  const target = BigInt(printed.replace('.', ''));
  // count / unit rounded half up == target  ⇔  (target − ½)·unit ≤ count < (target + ½)·unit
  return 2n * count >= (2n * target - 1n) * unit && 2n * count < (2n * target + 1n) * unit;
}

/**
 * Whether `count` is within one unit of the printed figure's last digit (|count − printed| <
 * unit): accepts a figure that was rounded or truncated. Papers do both (MobileNetV1's 568.7M
 * is printed 569, MobileNetV2's 300.8M is printed 300), so tests that use this say which.
 */
export function withinLastDigit(count: bigint, printed: string): boolean {
  const decimals = printed.includes('.') ? printed.split('.')[1]!.length : 0;
  const unit = 10n ** BigInt(6 - decimals);
  const difference = count - BigInt(printed.replace('.', '')) * unit;
  return difference < unit && difference > -unit;
}

/** Deviation of `count` from `printed` millions in percent (for messages). */
export function deviationPercent(count: bigint, printed: number): number {
  return (Number(count) / 1e6 / printed - 1) * 100;
}

/** Totals of a zoo model (paper convention, pointwise unless `bft`). */
export function totals(
  model: string,
  parameters: Record<string, number | string> = {},
  options: { bft?: boolean; convention?: CountingConvention; classes?: number } = {},
): CostTotals {
  return countModel({
    model,
    parameters: options.classes === undefined ? parameters : { ...parameters, classes: options.classes },
    fusion: options.bft ? DEFAULT_BFT : { kind: 'pointwise' },
    convention: options.convention ?? PAPER_CONVENTION,
  }).total;
}

/** TF-slim's setting: 1001 classes (a model parameter); conv weights + FC weights and bias, no BN. */
export const TF_SLIM: { readonly convention: CountingConvention; readonly classes: number } = {
  convention: { ...PAPER_CONVENTION, paramsRule: 'tf-slim' },
  classes: 1001,
};
