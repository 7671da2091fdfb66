/**
 * Operators that move or re-view data without arithmetic. On an activation they emit no layer
 * (a view: same tensor, new dims) except Concat → `concat`, Split and a channel Slice → `split`,
 * and the channel shuffle pattern Reshape(N, g, C/g, H, W) → Transpose(0, 2, 1, 3, 4) →
 * Reshape(N, C, H, W) → `shuffle`. On constants they fold: shape arithmetic such as
 * Shape → Gather → Div → Concat → Reshape costs nothing.
 */
import type { OpContext, OpRule } from '../op-rule.js';
import { normalizeAxis, rowMajorStrides } from '../shape-math.js';
import { constantData, elementCount, isActivation, readTensorData, type TensorValue } from '../tensor-value.js';

const INT64 = 7;
const MAX_FOLD = 4096;

/** A view of `value` with new dims (an activation keeps its tensor; a constant its data). */
function view(value: TensorValue, dims: readonly number[], data?: readonly number[]): TensorValue {
  const base: TensorValue = { dims, elemType: value.elemType };
  if (value.tensor !== undefined) return { ...base, tensor: value.tensor };
  const known = data ?? constantData(value);
  return known !== undefined && known.length === elementCount(dims) ? { ...base, data: known } : base;
}

function axisOf(context: OpContext, axis: number, rank: number): number {
  const normal = normalizeAxis(axis, rank);
  return normal ?? context.fail(`axis ${axis} is out of range for rank ${rank}`, `an axis in [−${rank}, ${rank - 1}]`);
}

/** Reshape: 0 copies the input dim (unless allowzero), −1 is inferred from the element count. */
const reshapeRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input data');
    const target = context.opset >= 5 ? context.constant(1, 'shape') : context.ints('shape');
    const allowZero = context.int('allowzero', 0) !== 0;
    const dims = target.map((d, i) =>
      d === 0 && !allowZero ? (x.dims[i] ?? context.fail(`shape[${i}] = 0 copies a dim the input does not have`)) : d,
    );
    const known = dims.filter((d) => d !== -1);
    const total = elementCount(x.dims);
    if (dims.filter((d) => d === -1).length > 1)
      context.fail(`shape [${target.join(', ')}] has more than one −1`, 'at most one inferred dim');
    const rest = elementCount(known);
    const resolved = dims.map((d) => (d === -1 ? (rest === 0 ? 0 : total / rest) : d));
    if (elementCount(resolved) !== total || resolved.some((d) => !Number.isInteger(d) || d < 0)) {
      context.fail(
        `cannot reshape [${x.dims.join(', ')}] (${total} elements) to [${target.join(', ')}]`,
        'a target shape with the same number of elements',
      );
    }
    return [shuffleAwareReshape(context, x, resolved)];
  },
};

/**
 * Reshape with the channel-shuffle pattern: N×C×H×W → N×g×(C/g)×H×W marks the value `grouped`;
 * a Transpose(0, 2, 1, 3, 4) makes it `transposed`; reshaping that back to N×C×H×W emits a
 * `shuffle` of g groups reading the original tensor.
 */
function shuffleAwareReshape(context: OpContext, x: TensorValue, dims: readonly number[]): TensorValue {
  if (!isActivation(x)) return view(x, dims);
  const [n, c, h, w] = x.dims;
  if (
    x.dims.length === 4 &&
    dims.length === 5 &&
    dims[0] === n &&
    (dims[1] ?? 0) * (dims[2] ?? 0) === c &&
    dims[3] === h &&
    dims[4] === w
  ) {
    return { ...view(x, dims), shuffle: { stage: 'grouped', groups: dims[1] ?? 1, source: x } };
  }
  const shuffle = x.shuffle;
  if (
    shuffle?.stage === 'transposed' &&
    dims.length === 4 &&
    elementCount(dims) === elementCount(shuffle.source.dims) &&
    dims.every((d, i) => d === shuffle.source.dims[i])
  ) {
    return context.emit({
      layer: { kind: 'shuffle', groups: shuffle.groups },
      reads: [shuffle.source],
      dims,
      elemType: x.elemType,
    });
  }
  return view(x, dims);
}

/** Flatten: [∏ dims before axis, ∏ dims from axis]. */
const flattenRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input');
    const rank = x.dims.length;
    const raw = context.int('axis', 1);
    const axis = raw < 0 ? raw + rank : raw;
    if (axis < 0 || axis > rank)
      context.fail(`axis ${raw} is out of range for rank ${rank}`, `an axis in [−${rank}, ${rank}]`);
    return [view(x, [elementCount(x.dims.slice(0, axis)), elementCount(x.dims.slice(axis))])];
  },
};

/** Transpose: output dim i is input dim perm[i] (default: reversed). */
const transposeRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input data');
    const rank = x.dims.length;
    const perm = context.ints(
      'perm',
      x.dims.map((_d, i) => rank - 1 - i),
    );
    if (perm.length !== rank || [...perm].sort((a, b) => a - b).some((p, i) => p !== i)) {
      context.fail(`perm ${JSON.stringify(perm)} is not a permutation of ${rank} axes`);
    }
    const dims = perm.map((p) => x.dims[p] ?? 1);
    if (x.shuffle?.stage === 'grouped' && perm.join() === '0,2,1,3,4') {
      return [{ ...view(x, dims), shuffle: { ...x.shuffle, stage: 'transposed' } }];
    }
    const data = constantData(x);
    if (!isActivation(x) && data !== undefined) {
      const inStrides = rowMajorStrides(x.dims);
      const outStrides = rowMajorStrides(dims);
      const out = new Array<number>(data.length);
      for (let i = 0; i < data.length; i++) {
        let source = 0;
        for (let axis = 0; axis < rank; axis++) {
          source += (Math.floor(i / (outStrides[axis] ?? 1)) % (dims[axis] ?? 1)) * (inStrides[perm[axis] ?? 0] ?? 1);
        }
        out[i] = data[source] ?? 0;
      }
      return [view(x, dims, out)];
    }
    return [view(x, dims)];
  },
};

/** Axes from the attribute (before `inputSince`) or from input 1. */
function axesOf(context: OpContext, inputSince: number): readonly number[] | undefined {
  if (context.opset >= inputSince) return context.inputs[1] === undefined ? undefined : context.constant(1, 'axes');
  return context.has('axes') ? context.ints('axes') : undefined;
}

/** Squeeze: removes the given size-1 axes (all size-1 axes when none are given). */
const squeezeRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input data');
    const axes = axesOf(context, 13);
    const drop = new Set(
      axes === undefined
        ? x.dims.flatMap((d, i) => (d === 1 ? [i] : []))
        : axes.map((a) => axisOf(context, a, x.dims.length)),
    );
    for (const axis of drop)
      if (x.dims[axis] !== 1) context.fail(`axis ${axis} has size ${x.dims[axis]}`, 'size 1 on every squeezed axis');
    return [
      view(
        x,
        x.dims.filter((_d, i) => !drop.has(i)),
      ),
    ];
  },
};

/** Unsqueeze: inserts size-1 axes at the given positions of the output. */
const unsqueezeRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input data');
    const axes = axesOf(context, 13) ?? context.fail('no axes', 'the axes to insert');
    const rank = x.dims.length + axes.length;
    const inserted = new Set(axes.map((a) => axisOf(context, a, rank)));
    const dims: number[] = [];
    let next = 0;
    for (let i = 0; i < rank; i++) dims.push(inserted.has(i) ? 1 : (x.dims[next++] ?? 1));
    return [view(x, dims)];
  },
};

/** Concat along `axis`: the other dims must agree. */
const concatRule: OpRule = {
  infer(context) {
    const inputs = context.node.inputs.map((_n, i) => context.input(i, `input ${i}`));
    const first = inputs[0] ?? context.fail('no inputs', 'at least one input');
    const rank = first.dims.length;
    const axis = axisOf(context, context.int('axis'), rank);
    for (const value of inputs) {
      if (value.dims.length !== rank || value.dims.some((d, i) => i !== axis && d !== first.dims[i])) {
        context.fail(
          `inputs of shapes ${inputs.map((v) => `[${v.dims.join(', ')}]`).join(', ')} differ off axis ${axis}`,
          `equal dims except along axis ${axis}`,
        );
      }
    }
    const dims = first.dims.map((d, i) => (i === axis ? inputs.reduce((sum, v) => sum + (v.dims[i] ?? 0), 0) : d));
    const activations = inputs.filter(isActivation);
    // Images stacked along N (RAFT's two frames): the batch axis, not more channels.
    const stacksImages = axis === 0 && rank >= 4 && (dims[0] ?? 0) % context.samples === 0;
    if (activations.length > 0)
      return [
        context.emit({
          layer: { kind: 'concat' },
          reads: activations,
          dims,
          elemType: first.elemType,
          ...(stacksImages ? { batchAxis: true } : {}),
        }),
      ];
    const data = inputs.map(constantData);
    if (rank === 1 && data.every((d) => d !== undefined))
      return [{ dims, elemType: first.elemType, data: data.flatMap((d) => d ?? []) }];
    return [{ dims, elemType: first.elemType }];
  },
};

/** Split along `axis` into the `split` sizes (attribute before opset 13, input after), num_outputs or equal parts. */
const splitRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input');
    const rank = x.dims.length;
    const axis = axisOf(context, context.int('axis', 0), rank);
    const length = x.dims[axis] ?? 1;
    const parts = context.node.outputs.length;
    let sizes: readonly number[];
    if (context.opset >= 13 && context.inputs[1] !== undefined) sizes = context.constant(1, 'split');
    else if (context.opset < 13 && context.has('split')) sizes = context.ints('split');
    else {
      const chunk = Math.ceil(length / parts);
      sizes = Array.from({ length: parts }, (_v, i) => Math.max(0, Math.min(chunk, length - i * chunk)));
    }
    if (sizes.length !== parts || sizes.reduce((a, b) => a + b, 0) !== length || sizes.some((s) => s < 0)) {
      context.fail(
        `split sizes [${sizes.join(', ')}] for ${parts} outputs of an axis of ${length}`,
        `${parts} non-negative sizes adding up to ${length}`,
      );
    }
    const partDims = sizes.map((size) => x.dims.map((d, i) => (i === axis ? size : d)));
    if (!isActivation(x)) {
      const data = constantData(x);
      let offset = 0;
      return partDims.map((dims, i) => {
        const size = sizes[i] ?? 0;
        const part = rank === 1 && data !== undefined ? data.slice(offset, offset + size) : undefined;
        offset += size;
        return part === undefined ? { dims, elemType: x.elemType } : { dims, elemType: x.elemType, data: part };
      });
    }
    const whole = context.emit({ layer: { kind: 'split', sizes }, reads: [x], dims: x.dims, elemType: x.elemType });
    return partDims.map((dims) => view(whole, dims));
  },
};

/**
 * Slice: per axis, start and end clamp to [0, dim] (negative values count from the end; for a
 * negative step to [−1, dim − 1]); the length is ⌈(end − start) / step⌉ when positive.
 */
const sliceRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input data');
    const rank = x.dims.length;
    const fromInputs = context.opset >= 10;
    const starts = fromInputs ? context.constant(1, 'starts') : context.ints('starts');
    const ends = fromInputs ? context.constant(2, 'ends') : context.ints('ends');
    const axes =
      (fromInputs
        ? context.inputs[3] === undefined
          ? undefined
          : context.constant(3, 'axes')
        : context.has('axes')
          ? context.ints('axes')
          : undefined) ?? starts.map((_s, i) => i);
    const steps = fromInputs && context.inputs[4] !== undefined ? context.constant(4, 'steps') : starts.map(() => 1);
    if (ends.length !== starts.length || axes.length !== starts.length || steps.length !== starts.length) {
      context.fail('starts, ends, axes and steps differ in length', 'one entry per sliced axis');
    }
    const dims = [...x.dims];
    const ranges = x.dims.map((d) => ({ start: 0, step: 1, length: d }));
    starts.forEach((rawStart, i) => {
      const axis = axisOf(context, axes[i] ?? 0, rank);
      const dim = x.dims[axis] ?? 1;
      const step = steps[i] ?? 1;
      if (step === 0) context.fail('a step is 0', 'non-zero steps');
      const clamp = (v: number) => {
        const value = v < 0 ? v + dim : v;
        return step > 0 ? Math.min(Math.max(value, 0), dim) : Math.min(Math.max(value, -1), dim - 1);
      };
      const start = clamp(rawStart);
      const end = clamp(ends[i] ?? dim);
      const length = Math.max(0, Math.ceil((end - start) / step));
      dims[axis] = length;
      ranges[axis] = { start, step, length };
    });
    if (isActivation(x)) {
      const changed = dims.flatMap((d, i) => (d !== x.dims[i] || (ranges[i]?.start ?? 0) !== 0 ? [i] : []));
      if (changed.length === 1 && changed[0] === 1 && rank >= 2) {
        return [
          context.emit({ layer: { kind: 'split', sizes: [dims[1] ?? 0] }, reads: [x], dims, elemType: x.elemType }),
        ];
      }
      return [view(x, dims)];
    }
    const data = constantData(x);
    if (data === undefined) return [{ dims, elemType: x.elemType }];
    const inStrides = rowMajorStrides(x.dims);
    const outStrides = rowMajorStrides(dims);
    const out: number[] = [];
    for (let i = 0; i < elementCount(dims); i++) {
      let source = 0;
      for (let axis = 0; axis < rank; axis++) {
        const coordinate = Math.floor(i / (outStrides[axis] ?? 1)) % (dims[axis] ?? 1);
        const range = ranges[axis] ?? { start: 0, step: 1 };
        source += (range.start + coordinate * range.step) * (inStrides[axis] ?? 1);
      }
      out.push(data[source] ?? 0);
    }
    return [{ dims, elemType: x.elemType, data: out }];
  },
};

/** Gather along `axis`: dims = data[:axis] + indices + data[axis+1:]; negative indices count from the end. */
const gatherRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input data');
    const indices = context.input(1, 'indices');
    const rank = x.dims.length;
    const axis = axisOf(context, context.int('axis', 0), rank);
    const dims = [...x.dims.slice(0, axis), ...indices.dims, ...x.dims.slice(axis + 1)];
    const data = constantData(x);
    const index = constantData(indices);
    if (isActivation(x) || isActivation(indices)) return [isActivation(x) ? view(x, dims) : view(indices, dims)];
    if (rank === 1 && data !== undefined && index !== undefined) {
      const length = x.dims[0] ?? 0;
      const out = index.map((i) => {
        const at = i < 0 ? i + length : i;
        if (at < 0 || at >= length) context.fail(`index ${i} is out of range for a dim of ${length}`);
        return data[at] ?? 0;
      });
      return [{ dims, elemType: x.elemType, data: out }];
    }
    return [{ dims, elemType: x.elemType }];
  },
};

/** Shape: the input's dims as an int64 vector (optionally dims[start:end], opset 15). */
const shapeRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input data');
    const rank = x.dims.length;
    const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + rank : v, 0), rank);
    const start = clamp(context.int('start', 0));
    const end = clamp(context.int('end', rank));
    const data = x.dims.slice(start, Math.max(start, end));
    return [{ dims: [data.length], elemType: INT64, data }];
  },
};

/** Size: the element count as an int64 scalar. */
const sizeRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input data');
    return [{ dims: [], elemType: INT64, data: [elementCount(x.dims)] }];
  },
};

/** Constant: value (a tensor), value_float(s), value_int(s). */
const constantRule: OpRule = {
  infer(context) {
    const attribute = context.node.attributes.get('value');
    if (attribute?.type === 'tensor') {
      const tensor = attribute.value;
      const data = readTensorData(tensor);
      return [
        { dims: tensor.dims, elemType: tensor.dataType, ...(data !== undefined ? { data } : {}), initializer: tensor },
      ];
    }
    for (const [name, elemType, scalar] of [
      ['value_float', 1, true],
      ['value_floats', 1, false],
      ['value_int', INT64, true],
      ['value_ints', INT64, false],
    ] as const) {
      const value = context.node.attributes.get(name);
      if (value === undefined) continue;
      const data =
        value.type === 'float' || value.type === 'int'
          ? [value.value]
          : value.type === 'floats' || value.type === 'ints'
            ? [...value.value]
            : [];
      return [{ dims: scalar ? [] : [data.length], elemType, data }];
    }
    return context.fail('no supported value attribute', 'value, value_float(s) or value_int(s)');
  },
};

/** ConstantOfShape: a tensor of the given dims filled with `value` (default 0). */
const constantOfShapeRule: OpRule = {
  infer(context) {
    const dims = context.constant(0, 'input shape');
    const attribute = context.node.attributes.get('value');
    const tensor = attribute?.type === 'tensor' ? attribute.value : undefined;
    const fill = tensor !== undefined ? (readTensorData(tensor)?.[0] ?? 0) : 0;
    const count = elementCount(dims);
    return [
      {
        dims,
        elemType: tensor?.dataType ?? 1,
        ...(count <= MAX_FOLD ? { data: new Array<number>(count).fill(fill) } : {}),
      },
    ];
  },
};

/** Range(start, limit, delta): ⌈(limit − start) / delta⌉ elements. */
const rangeRule: OpRule = {
  infer(context) {
    const [start = 0] = context.constant(0, 'start');
    const [limit = 0] = context.constant(1, 'limit');
    const [delta = 1] = context.constant(2, 'delta');
    const count = Math.max(0, Math.ceil((limit - start) / delta));
    const data = count <= MAX_FOLD ? Array.from({ length: count }, (_v, i) => start + i * delta) : undefined;
    return [{ dims: [count], elemType: context.input(0, 'start').elemType, ...(data ? { data } : {}) }];
  },
};

/** Identity, Dropout (inference: identity; the mask output is not produced), Cast. */
const passThroughRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input');
    if (context.node.opType !== 'Cast') return [x];
    const to = context.int('to');
    const data = constantData(x);
    const integer = [2, 3, 4, 5, 6, 7, 12, 13].includes(to);
    const bool = to === 9;
    return [
      {
        ...view(
          x,
          x.dims,
          data?.map((v) => (bool ? (v !== 0 ? 1 : 0) : integer ? Math.trunc(v) : v)),
        ),
        elemType: to,
      },
    ];
  },
};

/** Pad: adds pads[i] before and pads[i + rank] after axis i (attribute before opset 11, input after). */
const padRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input data');
    const rank = x.dims.length;
    const pads = context.opset >= 11 ? context.constant(1, 'pads') : context.ints('pads');
    const axes =
      context.opset >= 18 && context.inputs[3] !== undefined
        ? context.constant(3, 'axes').map((a) => axisOf(context, a, rank))
        : x.dims.map((_d, i) => i);
    if (pads.length !== 2 * axes.length)
      context.fail(`pads has ${pads.length} entries`, `${2 * axes.length} (begin and end per axis)`);
    const dims = [...x.dims];
    axes.forEach((axis, i) => {
      dims[axis] = (dims[axis] ?? 0) + (pads[i] ?? 0) + (pads[i + axes.length] ?? 0);
    });
    return [view(x, dims)];
  },
};

/** Expand: broadcast to the given shape. */
const expandRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input');
    const shape = context.constant(1, 'shape');
    const rank = Math.max(shape.length, x.dims.length);
    const dims: number[] = [];
    for (let i = 0; i < rank; i++) {
      const a = x.dims[x.dims.length - rank + i] ?? 1;
      const b = shape[shape.length - rank + i] ?? 1;
      if (a !== b && a !== 1 && b !== 1)
        context.fail(`cannot expand [${x.dims.join(', ')}] to [${shape.join(', ')}]`, 'broadcastable shapes');
      dims.push(a === 1 ? b : a);
    }
    const data = constantData(x);
    return [
      view(
        x,
        dims,
        data !== undefined && data.length === 1 ? new Array<number>(elementCount(dims)).fill(data[0] ?? 0) : undefined,
      ),
    ];
  },
};

/** GatherElements(data, indices, axis): an element of data per index — data movement, dims of indices. */
const gatherElementsRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'data');
    const indices = context.input(1, 'indices');
    axisOf(context, context.int('axis', 0), x.dims.length);
    if (indices.dims.length !== x.dims.length)
      context.fail(`indices have rank ${indices.dims.length}, data ${x.dims.length}`, 'indices of the rank of data');
    return [
      isActivation(x)
        ? view(x, indices.dims)
        : isActivation(indices)
          ? view(indices, indices.dims)
          : { dims: indices.dims, elemType: x.elemType },
    ];
  },
};

/** Tile(input, repeats): dims[i] · repeats[i] — data movement; a known constant is tiled. */
const tileRule: OpRule = {
  infer(context) {
    const x = context.input(0, 'input');
    const repeats = context.constant(1, 'repeats');
    if (repeats.length !== x.dims.length || repeats.some((r) => !Number.isInteger(r) || r < 0)) {
      context.fail(
        `repeats [${repeats.join(', ')}] for an input of rank ${x.dims.length}`,
        `${x.dims.length} non-negative integers`,
      );
    }
    const dims = x.dims.map((d, i) => d * (repeats[i] ?? 1));
    const data = isActivation(x) ? undefined : constantData(x);
    if (data === undefined) return [view(x, dims)];
    // out[i0, i1, …] = x[i0 mod d0, i1 mod d1, …], row-major
    const out = new Array<number>(elementCount(dims));
    for (let flat = 0; flat < out.length; flat++) {
      let rest = flat;
      let source = 0;
      let stride = 1;
      for (let axis = dims.length - 1; axis >= 0; axis--) {
        const size = dims[axis] ?? 1;
        const inner = x.dims[axis] ?? 1;
        source += ((rest % size) % inner) * stride;
        rest = Math.floor(rest / size);
        stride *= inner;
      }
      out[flat] = data[source] ?? 0;
    }
    return [{ dims, elemType: x.elemType, data: out }];
  },
};

/**
 * ScatterND(data, indices, updates): a copy of data with the slices that indices address
 * replaced by updates — data movement, dims of data. Its values are not folded (Swin's shifted
 * window masks are made this way; no shape depends on them). The result is an activation when
 * data or updates is one (the network tensor of data, else of updates).
 */
const scatterNdRule: OpRule = {
  infer(context) {
    const data = context.input(0, 'data');
    const indices = context.input(1, 'indices');
    const updates = context.input(2, 'updates');
    const k = indices.dims[indices.dims.length - 1] ?? 0;
    const expected = [...indices.dims.slice(0, -1), ...data.dims.slice(k)];
    if (k > data.dims.length || updates.dims.join() !== expected.join()) {
      context.fail(
        `updates have shape [${updates.dims.join(', ')}]`,
        `[${expected.join(', ')}] for data [${data.dims.join(', ')}] and indices [${indices.dims.join(', ')}]`,
      );
    }
    const source = isActivation(data) ? data : isActivation(updates) ? updates : undefined;
    if (source !== undefined) return [{ dims: data.dims, elemType: data.elemType, tensor: source.tensor ?? 0 }];
    return [{ dims: data.dims, elemType: data.elemType }];
  },
};

/**
 * ScatterElements(data, indices, updates): a copy of data with the elements indices address
 * replaced by updates — data movement, dims of data (an activation when data or updates is one).
 */
const scatterElementsRule: OpRule = {
  infer(context) {
    const data = context.input(0, 'data');
    const indices = context.input(1, 'indices');
    const updates = context.input(2, 'updates');
    axisOf(context, context.int('axis', 0), data.dims.length);
    if (indices.dims.join() !== updates.dims.join() || indices.dims.length !== data.dims.length)
      context.fail(
        `indices [${indices.dims.join(', ')}] and updates [${updates.dims.join(', ')}] for data [${data.dims.join(', ')}]`,
        'indices and updates of one shape, of the rank of data',
      );
    const source = isActivation(data) ? data : isActivation(updates) ? updates : undefined;
    if (source !== undefined) return [{ dims: data.dims, elemType: data.elemType, tensor: source.tensor ?? 0 }];
    return [{ dims: data.dims, elemType: data.elemType }];
  },
};

/**
 * GatherND(data, indices, batch_dims b): slices of data addressed by the last axis of indices
 * (k coordinates each) — data movement; dims = indices[:-1] + data[b + k:].
 */
const gatherNdRule: OpRule = {
  infer(context) {
    const data = context.input(0, 'data');
    const indices = context.input(1, 'indices');
    const batch = context.int('batch_dims', 0);
    const k = indices.dims[indices.dims.length - 1] ?? 0;
    if (indices.dims.length < 1 || batch + k > data.dims.length)
      context.fail(
        `indices [${indices.dims.join(', ')}] address ${k} axes after ${batch} batch axes of data [${data.dims.join(', ')}]`,
        `at most ${data.dims.length - batch} coordinates per index`,
      );
    const dims = [...indices.dims.slice(0, -1), ...data.dims.slice(batch + k)];
    if (isActivation(data)) return [view(data, dims)];
    if (isActivation(indices)) return [{ dims, elemType: data.elemType, tensor: indices.tensor ?? 0 }];
    return [{ dims, elemType: data.elemType }];
  },
};

/** The data-movement and shape rules, by ONNX op type. */
export const SHAPE_RULES: Readonly<Record<string, OpRule>> = {
  Reshape: reshapeRule,
  Flatten: flattenRule,
  Transpose: transposeRule,
  Squeeze: squeezeRule,
  Unsqueeze: unsqueezeRule,
  Concat: concatRule,
  Split: splitRule,
  Slice: sliceRule,
  Gather: gatherRule,
  Shape: shapeRule,
  Size: sizeRule,
  Constant: constantRule,
  ConstantOfShape: constantOfShapeRule,
  Range: rangeRule,
  Identity: passThroughRule,
  Dropout: passThroughRule,
  Cast: passThroughRule,
  Pad: padRule,
  Expand: expandRule,
  ScatterND: scatterNdRule,
  ScatterElements: scatterElementsRule,
  GatherND: gatherNdRule,
  GatherElements: gatherElementsRule,
  Tile: tileRule,
};
