/**
 * Operators that select elements: TopK, NonMaxSuppression, NonZero → `elementwise` layers of 0
 * operations (data movement: a comparison is not arithmetic in any preset — torch.profiler,
 * fvcore, ptflops and thop count none for topk, nms or nonzero). TopK's output size is fixed by
 * k; NonMaxSuppression's and NonZero's depend on the data: they are taken at the bound the graph
 * sets (NonMaxSuppression: max_output_boxes_per_class × batches × classes, at most the boxes
 * given; NonZero: the input's element count) or the one `--bound name=N` gives, and every value
 * computed from them carries that record (`TensorValue.dataDependent`).
 */
import type { DataDependentBound } from '../../model/network.js';
import type { OpContext, OpRule } from '../op-rule.js';
import { normalizeAxis } from '../shape-math.js';
import { constantData, elementCount, isActivation, type TensorValue } from '../tensor-value.js';

const INT64 = 7;

/** Emits a 0-operation selection layer (or returns a constant's dims when nothing is an activation). */
function select(
  context: OpContext,
  inputs: readonly TensorValue[],
  dims: readonly number[],
  elemType: number,
  dataDependent?: DataDependentBound,
): TensorValue {
  const reads = inputs.filter(isActivation);
  if (reads.length === 0) return { dims, elemType, ...(dataDependent ? { dataDependent } : {}) };
  return context.emit({
    layer: { kind: 'elementwise', op: context.node.opType, group: 'elementwise', opsPerElement: 0, params: 0 },
    reads,
    dims,
    elemType,
    ...(dataDependent ? { dataDependent } : {}),
  });
}

/** A bound given with `--bound` for this node wins over the graph's own. */
function bounded(context: OpContext, bound: number, reason: string): DataDependentBound {
  const given = context.givenBound(bound);
  return {
    node: context.node.name,
    op: context.node.opType,
    bound: given ?? bound,
    reason: given !== undefined ? `--bound ${context.node.name}=${given}` : reason,
  };
}

/** TopK(X, K): values and indices with `axis` of length k (k ≤ the axis; a data-dependent axis caps it). */
const topKRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input X');
    const k = context.opset >= 10 ? (context.constant(1, 'K')[0] ?? 0) : context.int('k');
    const axis =
      normalizeAxis(context.int('axis', -1), x.dims.length) ??
      context.fail(`axis ${context.int('axis', -1)} is out of range for rank ${x.dims.length}`);
    const length = x.dims[axis] ?? 0;
    if (!Number.isInteger(k) || k < 0 || (k > length && x.dataDependent === undefined))
      context.fail(`k = ${k} for an axis of ${length}`, `0 ≤ k ≤ ${length}`);
    const dims = x.dims.map((d, i) => (i === axis ? Math.min(k, length) : d));
    const values = select(context, [x], dims, x.elemType);
    return [values, { ...values, elemType: INT64 }];
  },
};

/**
 * NonMaxSuppression(boxes B × N × 4, scores B × C × N, max_output_boxes_per_class, …): selected
 * indices K × 3 with K ≤ B · C · min(max_output_boxes_per_class, N) (0 when the maximum is omitted).
 */
const nonMaxSuppressionRule: OpRule = {
  infer(context) {
    const boxes = context.input(0, 'boxes');
    const scores = context.input(1, 'scores');
    const [batches = 0, count = 0] = boxes.dims;
    const classes = scores.dims[1] ?? 0;
    if (boxes.dims.length !== 3 || boxes.dims[2] !== 4 || scores.dims.length !== 3 || scores.dims[2] !== count)
      context.fail(
        `boxes [${boxes.dims.join(', ')}] and scores [${scores.dims.join(', ')}]`,
        'boxes B × N × 4 and scores B × C × N',
      );
    const maximum = context.inputs[2] === undefined ? 0 : (context.constant(2, 'max_output_boxes_per_class')[0] ?? 0);
    const perClass = Math.min(Math.max(maximum, 0), count);
    const reason =
      `max_output_boxes_per_class ${maximum >= Number.MAX_SAFE_INTEGER ? 'unlimited' : maximum}` +
      `${maximum > count ? ` (${count} boxes)` : ''} × ${batches} batch × ${classes} classes`;
    const bound = bounded(context, batches * classes * perClass, reason);
    return [select(context, [boxes, scores], [bound.bound, 3], INT64, bound)];
  },
};

/** NonZero(X): the indices of its non-zero elements, rank × count; a known constant folds exactly. */
const nonZeroRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input X');
    const data = isActivation(x) ? undefined : constantData(x);
    if (data !== undefined) {
      const strides = x.dims.map((_d, i) => elementCount(x.dims.slice(i + 1)));
      const found = data.flatMap((v, flat) => (v !== 0 ? [flat] : []));
      const rows = x.dims.map((d, axis) => found.map((flat) => Math.floor(flat / (strides[axis] ?? 1)) % d));
      return [{ dims: [x.dims.length, found.length], elemType: INT64, data: rows.flat() }];
    }
    const bound = bounded(context, elementCount(x.dims), `${elementCount(x.dims)} elements of its input`);
    return [select(context, [x], [x.dims.length, bound.bound], INT64, bound)];
  },
};

/** The selection rules, by ONNX op type. */
export const SELECTION_RULES: Readonly<Record<string, OpRule>> = {
  TopK: topKRule,
  NonMaxSuppression: nonMaxSuppressionRule,
  NonZero: nonZeroRule,
};
