/**
 * Builds a tool's cost registry from its per-kind rules for non-MAC operations. MACs and params
 * come from the default rules (`COST_RULES`): every modelled tool counts a convolution as
 * C_out·(C_in/groups)·K_h·K_w·H_out·W_out multiply-accumulates and a linear layer as N_in·N_out
 * when it sees the layer at all. A tool may see a layer 0, 1 or 2 times (thop has no hook for
 * the projections inside `nn.MultiheadAttention`; ptflops counts its attention products in the
 * module hook and again in the patched `torch.bmm`): `MacTimesRules` says how many, per kind.
 */
import { COST_RULES, type CostRegistry } from '../cost/registry.js';
import type { CostRule } from '../cost/rule.js';
import type { CountingConvention } from '../model/convention.js';
import { LAYER_KINDS, type LayerKind, type LayerOf } from '../model/layer.js';
import { shapeRows, type Shape } from '../model/shape.js';

/**
 * Names bound for every layer, usable in a tool's formulas: `X_C, X_H, X_W` the first input,
 * `Z_C, Z_H, Z_W` the second input (the first again when there is one), `Y_C, Y_H, Y_W` the output.
 * `*_H` is bound to the rows (the height times any outer spatial dims of a clip, see `shapeRows`),
 * so these products are element counts at any rank.
 */
export const ELEMENTS = {
  /** Elements of the first input. */
  input: 'X_C * X_H * X_W',
  /** Elements of the second input (a multiply's gate). */
  second: 'Z_C * Z_H * Z_W',
  /** Elements of the output. */
  output: 'Y_C * Y_H * Y_W',
} as const;

/** A tool's count of non-MAC operations for one layer kind, as a formula over `ELEMENTS` names. */
export type ExtraOpsRule<K extends LayerKind> = (layer: LayerOf<K, unknown>) => string;

/** A tool's non-MAC rules; a kind left out counts no extra operations. */
export type ExtraOpsRules = { readonly [K in LayerKind]?: ExtraOpsRule<K> };

/** How many times a tool counts a layer's MACs (0: invisible to it; 2: counted twice). */
export type MacTimesRule<K extends LayerKind> = (layer: LayerOf<K, unknown>) => 0 | 1 | 2;

/** A tool's MAC multiplicities; a kind left out counts its MACs once. */
export type MacTimesRules = { readonly [K in LayerKind]?: MacTimesRule<K> };

function tensorBindings<D>(inputs: readonly Shape<D>[], output: Shape<D>): Record<string, D> {
  const x = inputs[0] ?? output;
  const z = inputs[1] ?? x;
  return {
    X_C: x.channels,
    X_H: shapeRows(x),
    X_W: x.width,
    Z_C: z.channels,
    Z_H: shapeRows(z),
    Z_W: z.width,
    Y_C: output.channels,
    Y_H: shapeRows(output),
    Y_W: output.width,
  };
}

/** The default rule's convention with every extra-op switch off (its extra ops are replaced). */
function withoutExtras(convention: CountingConvention): CountingConvention {
  return {
    ...convention,
    extraBiasAdds: false,
    extraBatchNorm: false,
    extraActivations: false,
    extraPooling: false,
    extraElementwise: false,
  };
}

function timesMacs(times: 0 | 1 | 2, macs: string): string {
  return times === 0 ? '0' : times === 1 ? macs : `2 * (${macs})`;
}

/**
 * The default rule of `kind` with its extra operations replaced by `extraOps` and its MACs
 * counted `macTimes(layer)` times (once when absent).
 */
export function overrideExtraOps<K extends LayerKind>(
  kind: K,
  extraOps: ExtraOpsRule<K>,
  macTimes?: MacTimesRule<K>,
): CostRule<K> {
  const base = COST_RULES[kind] as CostRule<K>;
  return {
    formulas(layer, convention, inputCount) {
      const formulas = base.formulas(layer, withoutExtras(convention), inputCount);
      return { ...formulas, macs: timesMacs(macTimes?.(layer) ?? 1, formulas.macs), extraOps: extraOps(layer) };
    },
    bind(layer, inputs, output) {
      return { ...tensorBindings(inputs, output), ...base.bind(layer, inputs, output) };
    },
  };
}

/**
 * A registry with one rule per layer kind: the default MAC and params rules (MACs counted
 * `macTimes` times, once for a kind not listed), and `rules` for the extra operations (0 for a
 * kind not listed, e.g. concat or a kind added later).
 */
export function toolRegistry(rules: ExtraOpsRules, macTimes: MacTimesRules = {}): CostRegistry {
  const entries = LAYER_KINDS.map((kind) => {
    const rule = rules[kind] as ExtraOpsRule<LayerKind> | undefined;
    const times = macTimes[kind] as MacTimesRule<LayerKind> | undefined;
    return [kind, overrideExtraOps(kind, rule ?? (() => '0'), times)] as const;
  });
  return Object.fromEntries(entries) as unknown as CostRegistry;
}
