/**
 * MobileNetV1's MACs by role, counted by hand from the architecture's published definition
 * (Howard et al. 2017, "MobileNets", Table 1: a 3×3/2 stem of 32 channels, 13 depthwise-separable
 * blocks, global pooling, a 1024 → classes linear layer; every channel count × width; "same"
 * padding, so a stride-2 layer maps H to ⌈H/2⌉), and with each 1×1 conv replaced by a Butterfly
 * Transform as the BFT paper defines it (Alizadeh-Vahid et al. 2020, §3: a base-k butterfly on n
 * channels has ⌈log_k n⌉ layers of k·n edges; for n_in ≠ n_out, ⌈max/min⌉ butterflies of size
 * min(n_in, n_out)). Written without any code of butterflops, as the oracle of the CLI tests.
 */

/**
 * (depthwise stride, output channels at width 1) of the 13 blocks, Table 1. The table prints the
 * last depthwise conv as stride 2 although its output stays 7×7; every implementation (TF-slim,
 * torchvision-style ports) uses stride 1 there, as here.
 */
const BLOCKS: readonly (readonly [number, number])[] = [
  [1, 64],
  [2, 128],
  [1, 128],
  [2, 256],
  [1, 256],
  [2, 512],
  [1, 512],
  [1, 512],
  [1, 512],
  [1, 512],
  [1, 512],
  [2, 1024],
  [1, 1024],
];

/** MACs per role. */
export interface HandCount {
  readonly stem: bigint;
  readonly depthwise: bigint;
  readonly channelFusion: bigint;
  readonly classifier: bigint;
  readonly total: bigint;
}

/** ⌈log_k n⌉ by repeated multiplication (no floating point). */
function ceilLog(n: number, k: number): number {
  let layers = 0;
  for (let size = 1; size < n; size *= k) layers++;
  return layers;
}

/** Edges (MACs per pixel) of the butterfly replacing an n_in → n_out 1×1 conv. */
export function butterflyEdgesByHand(nIn: number, nOut: number, base: number): number {
  const m = Math.min(nIn, nOut);
  return Math.ceil(Math.max(nIn, nOut) / m) * base * m * ceilLog(m, base);
}

/** MobileNetV1 at `width` (channel counts must come out whole) and `resolution`, 1000 classes. */
export function mobilenetV1ByHand(width: number, resolution: number, bftBase?: number): HandCount {
  const channels = (c: number): number => {
    const scaled = c * width;
    if (!Number.isInteger(scaled)) throw new Error(`width ${width} gives ${scaled} channels`);
    return scaled;
  };
  let size = Math.ceil(resolution / 2);
  let inChannels = channels(32);
  const stem = BigInt(size * size * inChannels * 3 * 3 * 3);
  let depthwise = 0n;
  let channelFusion = 0n;
  for (const [stride, out] of BLOCKS) {
    size = Math.ceil(size / stride);
    const outChannels = channels(out);
    const pixels = BigInt(size * size);
    depthwise += pixels * BigInt(inChannels * 9);
    channelFusion +=
      pixels *
      BigInt(bftBase === undefined ? inChannels * outChannels : butterflyEdgesByHand(inChannels, outChannels, bftBase));
    inChannels = outChannels;
  }
  const classifier = BigInt(inChannels * 1000);
  return { stem, depthwise, channelFusion, classifier, total: stem + depthwise + channelFusion + classifier };
}

/** 1234567n → "1,234,567" (Intl, not the program's formatter). */
export function grouped(value: bigint): string {
  return new Intl.NumberFormat('en-US').format(value);
}

/** part/whole in percent with two decimals, rounded half up, by integer arithmetic. */
export function percentByHand(part: bigint, whole: bigint): string {
  const hundredths = (part * 10000n * 2n + whole) / (2n * whole);
  return `${hundredths / 100n}.${`${hundredths % 100n}`.padStart(2, '0')}`;
}
