import type { CountingConvention } from '../model/convention.js';
import type { LayerKind, LayerOf } from '../model/layer.js';
import { shapeRows, type Shape } from '../model/shape.js';

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

/**
 * Formula of the output element count, shared by the element-wise rules: `H` is bound to the
 * rows (the height times any outer spatial dims, see `shapeRows`), so it counts a clip's
 * C × T × H × W elements too.
 */
export const OUTPUT_ELEMENTS = 'C * H * W';

/** Binds C, H (the rows: height × outer spatial dims), W to the output shape. */
export function bindOutput<D>(output: Shape<D>): Readonly<Record<string, D>> {
  return { C: output.channels, H: shapeRows(output), W: output.width };
}

/**
 * Formula names of the outer spatial axes of a window layer (conv, pool) with `count` of them:
 * `T` for one (a clip's time axis), `T1`, `T2`, … for more; none for a 2-D layer.
 */
export function outerAxisNames(count: number): string[] {
  return count === 1 ? ['T'] : Array.from({ length: count }, (_, i) => `T${i + 1}`);
}

/**
 * Binds `<axis><suffix>` for each outer axis name to the values (`T_out` to a clip's output
 * length, …). `values` has one entry per name; a missing one is a layer record whose kernel
 * and shapes disagree, a bug.
 */
export function bindOuter<D>(
  names: readonly string[],
  suffix: string,
  values: readonly D[] | undefined,
): Record<string, D> {
  const bound: Record<string, D> = {};
  names.forEach((name, i) => {
    const value = values?.[i];
    if (value === undefined) throw new Error(`no value for ${name}${suffix}: outer dims and kernel disagree`);
    bound[`${name}${suffix}`] = value;
  });
  return bound;
}
