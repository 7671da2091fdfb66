/**
 * Resize (opset ≥ 10) and Upsample → `elementwise` (op Resize): output dims are `sizes` when
 * given, else ⌊dim · scale⌋ per axis. Operations per output element, when counted: nearest 0;
 * (bi)linear 2·2^a − 1 (2^a weighted taps summed, a = number of resized axes); cubic
 * 2·4^a − 1 (4^a taps per axis combination).
 */
import type { OpRule } from '../op-rule.js';
import { emitElementwise } from './activation.js';

const resizeRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input X');
    const rank = x.dims.length;
    const op = context.node.opType;
    let scales: readonly number[] | undefined;
    let sizes: readonly number[] | undefined;
    if (op === 'Upsample' && context.opset < 9)
      scales = context.node.attributes.get('scales')?.type === 'floats' ? context.ints('scales') : undefined;
    else if (op === 'Upsample' || context.opset < 11) scales = context.constant(1, 'scales');
    else {
      if (context.inputs[3] !== undefined) sizes = context.constant(3, 'sizes');
      else if (context.inputs[2] !== undefined) scales = context.constant(2, 'scales');
    }
    const axes =
      context.opset >= 18 && context.has('axes')
        ? context.ints('axes').map((a) => (a < 0 ? a + rank : a))
        : x.dims.map((_d, i) => i);
    const dims = [...x.dims];
    const given = sizes ?? scales;
    if (given === undefined || given.length !== axes.length) {
      return context.fail(
        `${sizes ? 'sizes' : 'scales'} has ${given?.length ?? 0} entries`,
        `one per axis (${axes.length}), from constant inputs`,
      );
    }
    axes.forEach((axis, i) => {
      const value = given[i] ?? 1;
      dims[axis] = sizes ? value : Math.floor((x.dims[axis] ?? 1) * value);
    });
    const resized = axes.filter((axis) => dims[axis] !== x.dims[axis]).length;
    const mode = context.string('mode', 'nearest');
    const taps = mode === 'linear' || mode === 'bilinear' ? 2 ** resized : mode === 'cubic' ? 4 ** resized : 0;
    return [emitElementwise(context, x, 'Resize', 'elementwise', taps === 0 ? 0 : 2 * taps - 1, 0, dims)];
  },
};

/** The resize rules, by ONNX op type. */
export const RESIZE_RULES: Readonly<Record<string, OpRule>> = { Resize: resizeRule, Upsample: resizeRule };
