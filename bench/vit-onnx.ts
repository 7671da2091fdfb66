/**
 * A synthetic ViT ONNX graph in the operators of torchvision's export (opset 17): patch Conv,
 * Reshape/Transpose to tokens, class-token Concat, position-embedding Add; per encoder block
 * LayerNormalization, the qkv MatMul + bias Add, heads by Reshape/Transpose/Gather, q·kᵀ MatMul,
 * scale Mul, Softmax, attn·v MatMul, the output-projection Gemm, residual Add, LayerNormalization,
 * MLP MatMul + Add, GELU as Div/Erf/Add/Mul/Mul, MatMul + Add, residual Add; the final
 * LayerNormalization, the class token's Gather and the head Gemm. With `weights` every float
 * initializer carries full-size zero raw_data (ViT-L/16: ~1.2 GB), otherwise dims only (a
 * graph-only file, like the test fixtures). For the import-speed bench (`vit-import-bench.ts`);
 * its counts are checked against PyTorch's for ViT-Ti/S/B in test/onnx/synthetic-vit.test.ts.
 */
import { ONNX_MODEL_PROTO } from '../src/onnx/onnx-schema.js';

/** A ViT's hyper-parameters. */
export interface VitShape {
  readonly patch: number;
  readonly resolution: number;
  readonly depth: number;
  readonly width: number;
  readonly heads: number;
  readonly mlp: number;
  readonly classes: number;
}

/** torchvision's vit_l_16. */
export const VIT_L_16: VitShape = {
  patch: 16,
  resolution: 224,
  depth: 24,
  width: 1024,
  heads: 16,
  mlp: 4096,
  classes: 1000,
};

/** The encoded model. O(parameters) with weights, O(depth) without. */
export function vitOnnx(shape: VitShape, weights: boolean): Uint8Array {
  const { patch, resolution, depth, width: d, heads, mlp, classes } = shape;
  const grid = resolution / patch;
  const tokens = grid * grid + 1;
  const headDim = d / heads;
  const nodes: object[] = [];
  const initializers: object[] = [];
  let counter = 0;
  const floats = (name: string, dims: number[]) => {
    const count = dims.reduce((a, b) => a * b, 1);
    initializers.push({ name, dims, dataType: 1, ...(weights ? { rawData: new Uint8Array(4 * count) } : {}) });
    return name;
  };
  const scalar = (value: number) => {
    const name = `const_${counter++}`;
    initializers.push({ name, dims: [], dataType: 1, rawData: new Uint8Array(new Float32Array([value]).buffer) });
    return name;
  };
  const int64s = (values: number[], dims = [values.length]) => {
    const name = `shape_${counter++}`;
    const bytes = new Uint8Array(values.length * 8);
    const view = new DataView(bytes.buffer);
    values.forEach((v, i) => view.setBigInt64(i * 8, BigInt(v), true));
    initializers.push({ name, dims, dataType: 7, rawData: bytes });
    return name;
  };
  const ints = (name: string, values: number[]) => ({ name, type: 7, ints: values });
  const int = (name: string, value: number) => ({ name, type: 2, i: value });
  const node = (opType: string, name: string, input: string[], attribute: object[] = []): string => {
    const output = `${name}_output_0`;
    nodes.push({ name, opType, input, output: [output], attribute });
    return output;
  };

  let x = node(
    'Conv',
    '/conv_proj/Conv',
    ['input', floats('conv_proj.weight', [d, 3, patch, patch]), floats('conv_proj.bias', [d])],
    [ints('kernel_shape', [patch, patch]), ints('strides', [patch, patch]), ints('pads', [0, 0, 0, 0])],
  );
  x = node('Reshape', '/Reshape', [x, int64s([1, d, grid * grid])]);
  x = node('Transpose', '/Transpose', [x], [ints('perm', [0, 2, 1])]);
  x = node('Concat', '/Concat', [floats('class_token', [1, 1, d]), x], [int('axis', 1)]);
  x = node('Add', '/encoder/Add', [x, floats('encoder.pos_embedding', [1, tokens, d])]);
  for (let layer = 0; layer < depth; layer++) {
    const at = `/encoder/layers/encoder_layer_${layer}`;
    const p = `encoder.layers.encoder_layer_${layer}`;
    const ln1 = node(
      'LayerNormalization',
      `${at}/ln_1/LayerNormalization`,
      [x, floats(`${p}.ln_1.weight`, [d]), floats(`${p}.ln_1.bias`, [d])],
      [int('axis', -1)],
    );
    let qkv = node('MatMul', `${at}/self_attention/MatMul`, [
      ln1,
      floats(`${p}.self_attention.in_proj_weight_t`, [d, 3 * d]),
    ]);
    qkv = node('Add', `${at}/self_attention/Add`, [floats(`${p}.self_attention.in_proj_bias`, [3 * d]), qkv]);
    const split = node('Reshape', `${at}/self_attention/Reshape`, [qkv, int64s([tokens, 3, heads, headDim])]);
    const byPart = node('Transpose', `${at}/self_attention/Transpose`, [split], [ints('perm', [1, 2, 0, 3])]);
    const [q, k, v] = [0, 1, 2].map((i) =>
      node('Gather', `${at}/self_attention/Gather_${i}`, [byPart, int64s([i], [])], [int('axis', 0)]),
    );
    const kt = node('Transpose', `${at}/self_attention/Transpose_1`, [k ?? ''], [ints('perm', [0, 2, 1])]);
    let scores = node('MatMul', `${at}/self_attention/MatMul_1`, [q ?? '', kt]);
    scores = node('Mul', `${at}/self_attention/Mul`, [scores, scalar(1 / Math.sqrt(headDim))]);
    scores = node('Softmax', `${at}/self_attention/Softmax`, [scores], [int('axis', -1)]);
    let mixed = node('MatMul', `${at}/self_attention/MatMul_2`, [scores, v ?? '']);
    mixed = node('Transpose', `${at}/self_attention/Transpose_2`, [mixed], [ints('perm', [1, 0, 2])]);
    mixed = node('Reshape', `${at}/self_attention/Reshape_1`, [mixed, int64s([tokens, d])]);
    let projected = node(
      'Gemm',
      `${at}/self_attention/Gemm`,
      [mixed, floats(`${p}.self_attention.out_proj.weight`, [d, d]), floats(`${p}.self_attention.out_proj.bias`, [d])],
      [int('transB', 1)],
    );
    projected = node('Reshape', `${at}/self_attention/Reshape_2`, [projected, int64s([1, tokens, d])]);
    x = node('Add', `${at}/Add`, [projected, x]);
    const ln2 = node(
      'LayerNormalization',
      `${at}/ln_2/LayerNormalization`,
      [x, floats(`${p}.ln_2.weight`, [d]), floats(`${p}.ln_2.bias`, [d])],
      [int('axis', -1)],
    );
    let hidden = node('MatMul', `${at}/mlp/mlp.0/MatMul`, [ln2, floats(`${p}.mlp.0.weight_t`, [d, mlp])]);
    hidden = node('Add', `${at}/mlp/mlp.0/Add`, [floats(`${p}.mlp.0.bias`, [mlp]), hidden]);
    const scaled = node('Div', `${at}/mlp/mlp.1/Div`, [hidden, scalar(Math.SQRT2)]);
    const erf = node('Erf', `${at}/mlp/mlp.1/Erf`, [scaled]);
    const plusOne = node('Add', `${at}/mlp/mlp.1/Add`, [erf, scalar(1)]);
    const gated = node('Mul', `${at}/mlp/mlp.1/Mul`, [hidden, plusOne]);
    const gelu = node('Mul', `${at}/mlp/mlp.1/Mul_1`, [gated, scalar(0.5)]);
    let out = node('MatMul', `${at}/mlp/mlp.3/MatMul`, [gelu, floats(`${p}.mlp.3.weight_t`, [mlp, d])]);
    out = node('Add', `${at}/mlp/mlp.3/Add`, [floats(`${p}.mlp.3.bias`, [d]), out]);
    x = node('Add', `${at}/Add_1`, [x, out]);
  }
  x = node(
    'LayerNormalization',
    '/encoder/ln/LayerNormalization',
    [x, floats('encoder.ln.weight', [d]), floats('encoder.ln.bias', [d])],
    [int('axis', -1)],
  );
  x = node('Gather', '/Gather', [x, int64s([0], [])], [int('axis', 1)]);
  const logits = node(
    'Gemm',
    '/heads/head/Gemm',
    [x, floats('heads.head.weight', [classes, d]), floats('heads.head.bias', [classes])],
    [int('transB', 1)],
  );
  const dim = (value: number) => ({ dimValue: value });
  const message = {
    irVersion: 8,
    producerName: 'butterflops-bench',
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'vit',
      node: nodes,
      initializer: initializers,
      input: [
        {
          name: 'input',
          type: { tensorType: { elemType: 1, shape: { dim: [1, 3, resolution, resolution].map(dim) } } },
        },
      ],
      output: [{ name: logits, type: { tensorType: { elemType: 1, shape: { dim: [1, classes].map(dim) } } } }],
    },
  };
  return ONNX_MODEL_PROTO.encode(ONNX_MODEL_PROTO.fromObject(message)).finish();
}
