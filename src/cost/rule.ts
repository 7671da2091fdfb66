import type { CountingConvention } from '../model/convention.js';
import type { LayerKind, LayerOf } from '../model/layer.js';
import type { Shape } from '../model/shape.js';

/** The three formulas of a layer, as mathjs expressions over the names `bind` returns. */
export interface CostFormulas {
  /** Multiply-accumulates per sample. */
  readonly macs: string;
  /** Trainable parameters under the convention's params rule. */
  readonly params: string;
  /** Non-MAC operations the convention asks for ('0' when none). */
  readonly extraOps: string;
  /**
   * 'exact' (default): every formula evaluates to an integer on rationals.
   * 'nearest': the MAC/params formulas use a real logarithm; the count is rounded to the
   * nearest integer (only the `real` butterfly log mode does this).
   */
  readonly rounding?: 'exact' | 'nearest';
}

/**
 * How one layer kind is counted. The formulas depend only on the layer's non-numeric fields
 * (bias, activation function, butterfly mode) and the convention; `bind` names the numbers.
 * Because `bind` is generic in the dimension type, the same rule yields the exact count of a
 * concrete layer (`D = number`) and a symbolic term of a symbolic one (`D = string`).
 */
export interface CostRule<K extends LayerKind> {
  formulas(layer: LayerOf<K, unknown>, convention: CountingConvention, inputCount: number): CostFormulas;
  bind<D>(layer: LayerOf<K, D>, inputs: readonly Shape<D>[], output: Shape<D>): Readonly<Record<string, D>>;
}

/** The first input shape; every layer has at least one (checked when the network is built). */
export function firstInput<D>(inputs: readonly Shape<D>[]): Shape<D> {
  const input = inputs[0];
  if (input === undefined) throw new Error('layer without input');
  return input;
}

/** Formula of the output element count, shared by the element-wise rules. */
export const OUTPUT_ELEMENTS = 'C * H * W';

/** Binds C, H, W to the output shape. */
export function bindOutput<D>(output: Shape<D>): Readonly<Record<string, D>> {
  return { C: output.channels, H: output.height, W: output.width };
}
