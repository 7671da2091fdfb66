/**
 * Transformer networks built as layer records directly (no importer): the layer kinds an
 * imported transformer has (a token-wise Linear is a 1×1 conv2d over rows, Shape {channels:
 * features, height: tokens, width: 1}; q·kᵀ and attn·v are matmul records, batch = heads;
 * LayerNorm / GELU (its Erf) / softmax are elementwise records named by their ONNX op), each
 * marked with the PyTorch form the model's code uses. Test input, not code under test.
 */
import type { Layer, LayerRole } from '../../src/model/layer.js';
import type { Network, NetworkLayer } from '../../src/model/network.js';
import type { Shape } from '../../src/model/shape.js';

type Form<L> = L extends { readonly pytorch?: infer F } ? F : never;

/** Appends layer records one after another (each reads the previous tensor). */
class Chain {
  readonly layers: NetworkLayer[] = [];
  constructor(private shape: Shape) {}

  add(name: string, role: LayerRole, layer: Layer, output: Shape, inputs: readonly Shape[] = [this.shape]): this {
    const index = this.layers.length;
    this.layers.push({
      name,
      role,
      layer,
      inputs,
      output,
      reads: [index],
      writes: index + 1,
      source: `/layers/${index}`,
    });
    this.shape = output;
    return this;
  }

  /** A token-wise Linear N_in → N_out over `tokens` rows (with a bias). */
  linear(
    name: string,
    role: LayerRole,
    tokens: number,
    inFeatures: number,
    outFeatures: number,
    pytorch: Form<Layer & { kind: 'conv2d' }>,
    bias = true,
  ): this {
    const layer: Layer = {
      kind: 'conv2d',
      inChannels: inFeatures,
      outChannels: outFeatures,
      kernelH: 1,
      kernelW: 1,
      stride: 1,
      padding: { mode: 'explicit', size: 0 },
      groups: 1,
      bias,
      pytorch,
    };
    return this.add(name, role, layer, { channels: outFeatures, height: tokens, width: 1 }, [
      { channels: inFeatures, height: tokens, width: 1 },
    ]);
  }

  /** A per-element operation on `shape` (LayerNorm with γ and β when `params`). */
  elementwise(
    name: string,
    role: LayerRole,
    op: string,
    shape: Shape,
    pytorch: Form<Layer & { kind: 'elementwise' }>,
    params = 0,
  ): this {
    return this.add(
      name,
      role,
      {
        kind: 'elementwise',
        op,
        group: op === 'LayerNormalization' ? 'normalization' : 'activation',
        opsPerElement: 1,
        params,
        pytorch,
      },
      shape,
      [shape],
    );
  }

  /** A product of two activations: `batch` (m × k)·(k × n). */
  matmul(
    name: string,
    batch: number,
    m: number,
    k: number,
    n: number,
    pytorch: Form<Layer & { kind: 'matmul' }>,
  ): this {
    return this.add(
      name,
      'attention',
      { kind: 'matmul', batch, m, k, n, pytorch },
      { channels: batch, height: m, width: n },
      [
        { channels: batch, height: m, width: k },
        { channels: batch, height: k, width: n },
      ],
    );
  }

  /** A residual (or positional-embedding) add `a + b` on `shape`. */
  residual(name: string, shape: Shape): this {
    return this.add(name, 'other', { kind: 'add', pytorch: 'a + b' }, shape, [shape, shape]);
  }
}

function network(model: string, input: Shape, layers: readonly NetworkLayer[]): Network {
  return { model, parameters: {}, free: [], input, layers };
}

/**
 * token-net, input 3×8×8 (TokenNet in scripts/measure-counter-totals.py): 4×4 patches to 4 tokens
 * of width 16, a class token (T = 5), blocks A (nn.MultiheadAttention, 2 heads), B (MLP, nn.GELU),
 * C (explicit attention: F.layer_norm, q * scale, q @ kᵀ, F.softmax, attn @ v), D (nn.LayerNorm,
 * torch.matmul, nn.Softmax, torch.einsum), E (MLP, F.gelu), nn.LayerNorm, head 16 → 10.
 */
export function tokenNet(): Network {
  const T = 5;
  const tokens: Shape = { channels: 16, height: T, width: 1 };
  const heads = (width: number): Shape => ({ channels: 2, height: T, width });
  const c = new Chain({ channels: 3, height: 8, width: 8 });
  c.add(
    'patch',
    'stem',
    {
      kind: 'conv2d',
      inChannels: 3,
      outChannels: 16,
      kernelH: 4,
      kernelW: 4,
      stride: 4,
      padding: { mode: 'explicit', size: 0 },
      groups: 1,
      bias: true,
    },
    { channels: 16, height: 2, width: 2 },
  )
    .add('cls', 'other', { kind: 'concat' }, tokens, [
      { channels: 16, height: 4, width: 1 },
      { channels: 16, height: 1, width: 1 },
    ])
    .residual('pos', tokens);
  // A
  c.elementwise('a/ln', 'normalization', 'LayerNormalization', tokens, 'module', 32)
    .linear('a/in_proj', 'attention-projection', T, 16, 48, 'nn.MultiheadAttention.in_proj')
    .matmul('a/qk', 2, T, 8, T, 'nn.MultiheadAttention')
    .elementwise('a/softmax', 'other', 'Softmax', heads(T), 'nn.MultiheadAttention')
    .matmul('a/av', 2, T, T, 8, 'nn.MultiheadAttention')
    .linear('a/out_proj', 'attention-projection', T, 16, 16, 'nn.MultiheadAttention.out_proj')
    .residual('a/add', tokens);
  // B
  c.elementwise('b/ln', 'normalization', 'LayerNormalization', tokens, 'module', 32)
    .linear('b/fc1', 'channel-fusion', T, 16, 32, 'nn.Linear')
    .elementwise('b/gelu', 'other', 'Erf', { channels: 32, height: T, width: 1 }, 'module')
    .linear('b/fc2', 'channel-fusion', T, 32, 16, 'nn.Linear')
    .residual('b/add', tokens);
  // C
  c.elementwise('c/ln', 'normalization', 'LayerNormalization', tokens, 'functional', 32)
    .linear('c/qkv', 'attention-projection', T, 16, 48, 'nn.Linear')
    .add('c/scale', 'other', { kind: 'multiply', pytorch: 'x * gate' }, heads(8), [heads(8)])
    .matmul('c/qk', 2, T, 8, T, '@')
    .elementwise('c/softmax', 'other', 'Softmax', heads(T), 'functional')
    .matmul('c/av', 2, T, T, 8, '@')
    .linear('c/proj', 'attention-projection', T, 16, 16, 'nn.Linear')
    .residual('c/add', tokens);
  // D
  c.elementwise('d/ln', 'normalization', 'LayerNormalization', tokens, 'module', 32)
    .linear('d/qkv', 'attention-projection', T, 16, 48, 'nn.Linear')
    .matmul('d/qk', 2, T, 8, T, 'torch.matmul')
    .elementwise('d/softmax', 'other', 'Softmax', heads(T), 'module')
    .matmul('d/av', 2, T, T, 8, 'torch.einsum')
    .linear('d/proj', 'attention-projection', T, 16, 16, 'nn.Linear')
    .residual('d/add', tokens);
  // E
  c.linear('e/fc3', 'channel-fusion', T, 16, 32, 'nn.Linear')
    .elementwise('e/gelu', 'other', 'Erf', { channels: 32, height: T, width: 1 }, 'functional')
    .linear('e/fc4', 'channel-fusion', T, 32, 16, 'nn.Linear')
    .residual('e/add', tokens);
  c.elementwise('ln', 'normalization', 'LayerNormalization', tokens, 'module', 32).add(
    'head',
    'classifier',
    { kind: 'linear', inFeatures: 16, outFeatures: 10, bias: true },
    { channels: 10, height: 1, width: 1 },
    [{ channels: 16, height: 1, width: 1 }],
  );
  return network('token-net', { channels: 3, height: 8, width: 8 }, c.layers);
}

/**
 * torchvision's ViT (vision_transformer.py in 0.14) at `resolution`: a patch conv, a class token,
 * the positional-embedding add, `depth` encoder blocks (nn.LayerNorm, nn.MultiheadAttention,
 * residual, nn.LayerNorm, nn.Linear, nn.GELU, nn.Linear, residual), nn.LayerNorm, the head.
 */
export function torchvisionVit(options: {
  patch: number;
  depth: number;
  width: number;
  heads: number;
  mlp: number;
  resolution: number;
}): Network {
  const { patch, depth, width: d, heads, mlp, resolution } = options;
  const side = resolution / patch;
  const T = side * side + 1;
  const hd = d / heads;
  const tokens: Shape = { channels: d, height: T, width: 1 };
  const c = new Chain({ channels: 3, height: resolution, width: resolution });
  c.add(
    'conv_proj',
    'stem',
    {
      kind: 'conv2d',
      inChannels: 3,
      outChannels: d,
      kernelH: patch,
      kernelW: patch,
      stride: patch,
      padding: { mode: 'explicit', size: 0 },
      groups: 1,
      bias: true,
    },
    { channels: d, height: side, width: side },
  )
    .add('class_token', 'other', { kind: 'concat' }, tokens, [
      { channels: d, height: T - 1, width: 1 },
      { channels: d, height: 1, width: 1 },
    ])
    .residual('pos_embedding', tokens);
  for (let i = 0; i < depth; i++) {
    const b = `encoder_layer_${i}`;
    c.elementwise(`${b}/ln_1`, 'normalization', 'LayerNormalization', tokens, 'module', 2 * d)
      .linear(`${b}/in_proj`, 'attention-projection', T, d, 3 * d, 'nn.MultiheadAttention.in_proj')
      .matmul(`${b}/qk`, heads, T, hd, T, 'nn.MultiheadAttention')
      .elementwise(
        `${b}/softmax`,
        'other',
        'Softmax',
        { channels: heads, height: T, width: T },
        'nn.MultiheadAttention',
      )
      .matmul(`${b}/av`, heads, T, T, hd, 'nn.MultiheadAttention')
      .linear(`${b}/out_proj`, 'attention-projection', T, d, d, 'nn.MultiheadAttention.out_proj')
      .residual(`${b}/add_1`, tokens)
      .elementwise(`${b}/ln_2`, 'normalization', 'LayerNormalization', tokens, 'module', 2 * d)
      .linear(`${b}/mlp_0`, 'channel-fusion', T, d, mlp, 'nn.Linear')
      .elementwise(`${b}/gelu`, 'other', 'Erf', { channels: mlp, height: T, width: 1 }, 'module')
      .linear(`${b}/mlp_3`, 'channel-fusion', T, mlp, d, 'nn.Linear')
      .residual(`${b}/add_2`, tokens);
  }
  c.elementwise('encoder/ln', 'normalization', 'LayerNormalization', tokens, 'module', 2 * d).add(
    'heads/head',
    'classifier',
    { kind: 'linear', inFeatures: d, outFeatures: 1000, bias: true },
    { channels: 1000, height: 1, width: 1 },
    [{ channels: d, height: 1, width: 1 }],
  );
  return network(`vit-p${patch}-d${d}`, { channels: 3, height: resolution, width: resolution }, c.layers);
}

/** A square conv with a bias (C_in → C_out, kernel k, stride s, padding p, groups g) at `side` → output side. */
function conv(
  c: Chain,
  name: string,
  role: LayerRole,
  inChannels: number,
  outChannels: number,
  k: number,
  s: number,
  p: number,
  groups: number,
  side: number,
): number {
  const out = Math.floor((side + 2 * p - k) / s) + 1;
  c.add(
    name,
    role,
    {
      kind: 'conv2d',
      inChannels,
      outChannels,
      kernelH: k,
      kernelW: k,
      stride: s,
      padding: { mode: 'explicit', size: p },
      groups,
      bias: true,
    },
    { channels: outChannels, height: out, width: out },
    [{ channels: inChannels, height: side, width: side }],
  );
  return out;
}

/**
 * torchvision's ConvNeXt (convnext.py in 0.14) at 224: a 4×4/4 stem conv + LayerNorm2d; stages
 * of CNBlocks (7×7 depthwise conv, nn.LayerNorm, nn.Linear C → 4C, nn.GELU, nn.Linear 4C → C on
 * the channels-last tensor, `layer_scale * x` with a C×1×1 parameter, `result += input`), a
 * LayerNorm2d + 2×2/2 conv between stages; nn.AdaptiveAvgPool2d, LayerNorm2d, the head.
 * LayerNorm2d is an `nn.LayerNorm` subclass that calls `F.layer_norm`: the `functional` form.
 */
export function torchvisionConvnext(options: { dims: readonly number[]; depths: readonly number[] }): Network {
  const c = new Chain({ channels: 3, height: 224, width: 224 });
  let side = conv(c, 'features/0/conv', 'stem', 3, options.dims[0] ?? 0, 4, 4, 0, 1, 224);
  c.elementwise(
    'features/0/norm',
    'normalization',
    'LayerNormalization',
    { channels: options.dims[0] ?? 0, height: side, width: side },
    'functional',
    2 * (options.dims[0] ?? 0),
  );
  options.dims.forEach((C, stage) => {
    if (stage > 0) {
      const previous = options.dims[stage - 1] ?? 0;
      c.elementwise(
        `stage${stage}/downsample/norm`,
        'normalization',
        'LayerNormalization',
        { channels: previous, height: side, width: side },
        'functional',
        2 * previous,
      );
      side = conv(c, `stage${stage}/downsample/conv`, 'spatial', previous, C, 2, 2, 0, 1, side);
    }
    const map: Shape = { channels: C, height: side, width: side };
    const T = side * side;
    for (let i = 0; i < (options.depths[stage] ?? 0); i++) {
      const b = `stage${stage}/block${i}`;
      conv(c, `${b}/dwconv`, 'depthwise', C, C, 7, 1, 3, C, side);
      c.elementwise(
        `${b}/norm`,
        'normalization',
        'LayerNormalization',
        { channels: C, height: T, width: 1 },
        'module',
        2 * C,
      )
        .linear(`${b}/pwconv1`, 'channel-fusion', T, C, 4 * C, 'nn.Linear channels-last')
        .elementwise(`${b}/gelu`, 'other', 'Erf', { channels: 4 * C, height: T, width: 1 }, 'module')
        .linear(`${b}/pwconv2`, 'channel-fusion', T, 4 * C, C, 'nn.Linear channels-last')
        .add(`${b}/layer_scale`, 'other', { kind: 'multiply', pytorch: 'gate * x' }, map, [
          map,
          { channels: C, height: 1, width: 1 },
        ])
        .add(`${b}/add`, 'other', { kind: 'add', pytorch: 'a += b' }, map, [map, map]);
    }
  });
  const C = options.dims[options.dims.length - 1] ?? 0;
  c.add('avgpool', 'other', { kind: 'global-pool', op: 'avg' }, { channels: C, height: 1, width: 1 }, [
    { channels: C, height: side, width: side },
  ])
    .elementwise(
      'classifier/norm',
      'normalization',
      'LayerNormalization',
      { channels: C, height: 1, width: 1 },
      'functional',
      2 * C,
    )
    .add(
      'classifier/head',
      'classifier',
      { kind: 'linear', inFeatures: C, outFeatures: 1000, bias: true },
      { channels: 1000, height: 1, width: 1 },
      [{ channels: C, height: 1, width: 1 }],
    );
  return network('convnext', { channels: 3, height: 224, width: 224 }, c.layers);
}

/**
 * torchvision's Swin-T (swin_transformer.py in 0.14) at 224: a 4×4/4 patch conv + nn.LayerNorm;
 * stages of blocks (nn.LayerNorm; window attention of 7×7 windows written as a function:
 * `F.linear` on the qkv module's weights, `q * scale`, `q.matmul(kᵀ)`, `+ relative position
 * bias`, `+ mask` in shifted blocks, `F.softmax`, `attn.matmul(v)`, `F.linear` projection;
 * residual; nn.LayerNorm, nn.Linear C → 4C, nn.GELU, nn.Linear 4C → C on the channels-last map;
 * residual); PatchMerging (nn.LayerNorm 4C, nn.Linear 4C → 2C without bias) between stages;
 * nn.LayerNorm, nn.AdaptiveAvgPool2d, the head. Odd blocks shift, except where the map is one
 * window (the last stage).
 */
export function torchvisionSwin(options: {
  dim: number;
  depths: readonly number[];
  heads: readonly number[];
}): Network {
  const window = 49;
  const c = new Chain({ channels: 3, height: 224, width: 224 });
  let side = conv(c, 'features/0/conv', 'stem', 3, options.dim, 4, 4, 0, 1, 224);
  c.elementwise(
    'features/0/norm',
    'normalization',
    'LayerNormalization',
    { channels: options.dim, height: side * side, width: 1 },
    'module',
    2 * options.dim,
  );
  let C = options.dim;
  options.depths.forEach((depth, stage) => {
    if (stage > 0) {
      side /= 2;
      c.elementwise(
        `stage${stage}/merge/norm`,
        'normalization',
        'LayerNormalization',
        { channels: 4 * C, height: side * side, width: 1 },
        'module',
        8 * C,
      ).linear(
        `stage${stage}/merge/reduction`,
        'channel-fusion',
        side * side,
        4 * C,
        2 * C,
        'nn.Linear channels-last',
        false,
      );
      C *= 2;
    }
    const T = side * side;
    const h = options.heads[stage] ?? 1;
    const hd = C / h;
    const batch = (T / window) * h;
    const scores: Shape = { channels: batch, height: window, width: window };
    const tokens: Shape = { channels: C, height: T, width: 1 };
    for (let i = 0; i < depth; i++) {
      const b = `stage${stage}/block${i}`;
      c.elementwise(`${b}/norm1`, 'normalization', 'LayerNormalization', tokens, 'module', 2 * C)
        .linear(`${b}/qkv`, 'attention-projection', T, C, 3 * C, 'F.linear')
        .add(
          `${b}/scale`,
          'other',
          { kind: 'multiply', pytorch: 'x * gate' },
          { channels: batch, height: window, width: hd },
          [{ channels: batch, height: window, width: hd }],
        )
        .matmul(`${b}/qk`, batch, window, hd, window, 'torch.matmul')
        .residual(`${b}/relative_position_bias`, scores);
      if (i % 2 === 1 && side > 7) c.residual(`${b}/mask`, scores);
      c.elementwise(`${b}/softmax`, 'other', 'Softmax', scores, 'functional')
        .matmul(`${b}/av`, batch, window, window, hd, 'torch.matmul')
        .linear(`${b}/proj`, 'attention-projection', T, C, C, 'F.linear')
        .residual(`${b}/add1`, tokens)
        .elementwise(`${b}/norm2`, 'normalization', 'LayerNormalization', tokens, 'module', 2 * C)
        .linear(`${b}/fc1`, 'channel-fusion', T, C, 4 * C, 'nn.Linear channels-last')
        .elementwise(`${b}/gelu`, 'other', 'Erf', { channels: 4 * C, height: T, width: 1 }, 'module')
        .linear(`${b}/fc2`, 'channel-fusion', T, 4 * C, C, 'nn.Linear channels-last')
        .residual(`${b}/add2`, tokens);
    }
  });
  c.elementwise(
    'norm',
    'normalization',
    'LayerNormalization',
    { channels: C, height: side * side, width: 1 },
    'module',
    2 * C,
  )
    .add('avgpool', 'other', { kind: 'global-pool', op: 'avg' }, { channels: C, height: 1, width: 1 }, [
      { channels: C, height: side, width: side },
    ])
    .add(
      'head',
      'classifier',
      { kind: 'linear', inFeatures: C, outFeatures: 1000, bias: true },
      { channels: 1000, height: 1, width: 1 },
      [{ channels: C, height: 1, width: 1 }],
    );
  return network('swin', { channels: 3, height: 224, width: 224 }, c.layers);
}
