/**
 * The honest pointwise benchmark (issue 12): at n = 256, 1024, 4096 channels on 3136 pixels
 * (56 × 56), Float32, one thread, side by side and interleaved round by round:
 * - the runtime's dense 1×1: onnxruntime-node Conv 1×1 and MatMul (n × n) · (n × 3136) — the
 *   strongest dense kernels we can run (MLAS, AVX-512 here);
 * - the runtime's butterfly as exported (`export/butterfly-nodes.ts`, base 2): channel shuffle +
 *   grouped 1×1 Conv per layer, channel shuffle + batched MatMul per layer, and channel shuffle +
 *   broadcast Mul + ReduceSum per layer;
 * - our fused, tiled JS kernel (`butterflyForwardTiled`, base 2);
 * - the MAC ratio n / (2·log2 n).
 * Speedups are against the fastest dense kernel of the round; "of MAC ratio" = speedup / MAC ratio.
 * Also: fft.js like for like — its real-input transform on 3136 distinct vectors vs the
 * butterfly on the same 3136 vectors, per vector and per arithmetic operation.
 */
import FFT from 'fft.js';
import ort from 'onnxruntime-node';
import { butterflyForwardTiled } from '../src/butterfly/forward-tiled.js';
import { butterflyPlan } from '../src/butterfly/plan.js';
import { seededRandom } from '../src/random/seeded-random.js';
import { butterflyBlockModel } from '../src/export/butterfly-block-model.js';
import { onnxGraphBuilder } from '../src/export/onnx-graph-builder.js';
import { butterflyWeights } from '../src/export/export-network.js';
import { median } from './timing.js';

export const RUNTIME_PIXELS = 3136;
const SIDE = 56;

function randomFloat32(length: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length }, () => 2 * random.next() - 1);
}

/** A model of one dense 1×1 Conv n → n on 1 × n × 56 × 56. */
function denseConvModel(n: number): Uint8Array {
  const graph = onnxGraphBuilder('dense-conv');
  const w = graph.floats(
    'w',
    [n, n, 1, 1],
    randomFloat32(n * n, n).map((v) => v / Math.sqrt(n)),
  );
  const [y = ''] = graph.node('Conv', 'dense/Conv', ['x', w], { kernel_shape: [1, 1] });
  return graph.encode({ name: 'x', dims: [1, n, SIDE, SIDE] }, { name: y, dims: [1, n, SIDE, SIDE] });
}

/** A model of one MatMul W (n × n) · X (n × 3136): the same map as the 1×1 Conv on NCHW data. */
function denseMatMulModel(n: number): Uint8Array {
  const graph = onnxGraphBuilder('dense-matmul');
  const w = graph.floats(
    'w',
    [n, n],
    randomFloat32(n * n, n).map((v) => v / Math.sqrt(n)),
  );
  const [y = ''] = graph.node('MatMul', 'dense/MatMul', [w, 'x']);
  return graph.encode({ name: 'x', dims: [n, SIDE * SIDE] }, { name: y, dims: [n, SIDE * SIDE] });
}

interface Kernel {
  readonly name: string;
  readonly run: () => Promise<void> | void;
}

async function session(bytes: Uint8Array, input: Float32Array, dims: readonly number[]): Promise<() => Promise<void>> {
  const s = await ort.InferenceSession.create(bytes, {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const feeds = { [s.inputNames[0] ?? 'x']: new ort.Tensor('float32', input, dims) };
  return async () => {
    await s.run(feeds);
  };
}

/** Warm-up (2 runs each), then `rounds` rounds each running every kernel once; ms per kernel per round. */
async function interleaved(kernels: readonly Kernel[], rounds: number): Promise<number[][]> {
  for (const k of kernels) for (let i = 0; i < 2; i++) await k.run();
  const times = kernels.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, k] of kernels.entries()) {
      const start = performance.now();
      await k.run();
      times[i]?.push(performance.now() - start);
    }
  }
  return times;
}

/** One row of a per-n table. */
export interface RuntimeRow {
  readonly kernel: string;
  readonly ms: number;
  readonly macs: number;
  readonly gmacs: number;
  /** Median over rounds of (fastest dense of the round) / this kernel's time. */
  readonly speedup: number;
  /** speedup / MAC ratio (butterflies only). */
  readonly ofMacRatio?: number;
}

/** The table of one width n. */
export interface RuntimeTable {
  readonly n: number;
  readonly macRatio: number;
  readonly rows: readonly RuntimeRow[];
}

/** Measures the table of width n with `rounds` interleaved rounds. */
export async function runtimeTable(n: number, rounds: number): Promise<RuntimeTable> {
  const x = randomFloat32(n * RUNTIME_PIXELS, n + 1);
  const plan = butterflyPlan(n, 2);
  const weights = butterflyWeights(plan, seededRandom(n + 2));
  const y = new Float32Array(n * RUNTIME_PIXELS);
  const kernels: Kernel[] = [
    { name: 'runtime dense 1×1 Conv', run: await session(denseConvModel(n), x, [1, n, SIDE, SIDE]) },
    { name: 'runtime dense MatMul', run: await session(denseMatMulModel(n), x, [n, SIDE * SIDE]) },
    {
      name: 'runtime BFT (shuffle + grouped Conv)',
      run: await session(butterflyBlockModel(plan, weights, { height: SIDE, width: SIDE, ops: 'conv' }), x, [
        1,
        n,
        SIDE,
        SIDE,
      ]),
    },
    {
      name: 'runtime BFT (shuffle + batched MatMul)',
      run: await session(butterflyBlockModel(plan, weights, { height: SIDE, width: SIDE, ops: 'matmul' }), x, [
        1,
        n,
        SIDE,
        SIDE,
      ]),
    },
    {
      name: 'runtime BFT (shuffle + Mul + ReduceSum)',
      run: await session(butterflyBlockModel(plan, weights, { height: SIDE, width: SIDE, ops: 'elementwise' }), x, [
        1,
        n,
        SIDE,
        SIDE,
      ]),
    },
    {
      name: 'our fused JS BFT (tiled)',
      run: () => {
        butterflyForwardTiled(plan, weights, x, RUNTIME_PIXELS, { output: y });
      },
    },
  ];
  const times = await interleaved(kernels, rounds);
  const denseMacs = n * n * RUNTIME_PIXELS;
  const bftMacs = 2 * n * Math.log2(n) * RUNTIME_PIXELS;
  const macRatio = denseMacs / bftMacs;
  const bestDense = (times[0] ?? []).map((t, r) => Math.min(t, times[1]?.[r] ?? Infinity));
  const rows = kernels.map((k, i): RuntimeRow => {
    const own = times[i] ?? [];
    const ms = median(own);
    const macs = i < 2 ? denseMacs : bftMacs;
    const speedup = median(own.map((t, r) => (bestDense[r] ?? NaN) / t));
    return {
      kernel: k.name,
      ms,
      macs,
      gmacs: macs / (ms * 1e6),
      speedup,
      ...(i >= 2 ? { ofMacRatio: speedup / macRatio } : {}),
    };
  });
  return { n, macRatio, rows };
}

/** fft.js real transform vs the butterfly, both on 3136 distinct real vectors of length n. */
export interface FftRow {
  readonly n: number;
  readonly fftUsPerVector: number;
  readonly bftUsPerVector: number;
  /** fft.js time / BFT time (> 1: the butterfly is faster). */
  readonly ratio: number;
  /** Real arithmetic operations per vector: fft.js radix-4 real transform ≈ 2.5·n·log2 n (see below); BFT 2·(2·n·log2 n) (a MAC = 2 ops). */
  readonly fftOps: number;
  readonly bftOps: number;
  /** ns per operation, each algorithm. */
  readonly fftNsPerOp: number;
  readonly bftNsPerOp: number;
}

/**
 * Like for like: `realTransform` of fft.js (a real-input FFT) on each of 3136 different vectors,
 * against the base-2 butterfly on the same 3136 vectors (channel-major, its natural layout).
 * Operation counts: a real FFT of n points takes about half the 5·n·log2 n real operations of a
 * complex one (the usual split-radix estimate), ≈ 2.5·n·log2 n; the butterfly does 2·n·log2 n
 * MACs = 4·n·log2 n operations. Per-operation times compare the kernels' efficiency.
 */
export async function fftRow(n: number, rounds: number): Promise<FftRow> {
  const fft = new FFT(n);
  const vectors = randomFloat32(n * RUNTIME_PIXELS, 11);
  const input = new Array<number>(n).fill(0);
  const output = fft.createComplexArray() as number[];
  const plan = butterflyPlan(n, 2);
  const weights = butterflyWeights(plan, seededRandom(3));
  const y = new Float32Array(n * RUNTIME_PIXELS);
  const times = await interleaved(
    [
      {
        name: 'fft.js',
        run: () => {
          for (let p = 0; p < RUNTIME_PIXELS; p++) {
            for (let i = 0; i < n; i++) input[i] = vectors[p * n + i] ?? 0;
            fft.realTransform(output, input);
          }
        },
      },
      {
        name: 'bft',
        run: () => {
          butterflyForwardTiled(plan, weights, vectors, RUNTIME_PIXELS, { output: y });
        },
      },
    ],
    rounds,
  );
  const fftUs = (median(times[0] ?? []) * 1000) / RUNTIME_PIXELS;
  const bftUs = (median(times[1] ?? []) * 1000) / RUNTIME_PIXELS;
  const log = Math.log2(n);
  const fftOps = 2.5 * n * log;
  const bftOps = 4 * n * log;
  return {
    n,
    fftUsPerVector: fftUs,
    bftUsPerVector: bftUs,
    ratio: median((times[0] ?? []).map((t, r) => t / (times[1]?.[r] ?? NaN))),
    fftOps,
    bftOps,
    fftNsPerOp: (fftUs * 1000) / fftOps,
    bftNsPerOp: (bftUs * 1000) / bftOps,
  };
}

/** The Markdown section of the runtime benchmark. */
export function runtimeMarkdown(tables: readonly RuntimeTable[], ffts: readonly FftRow[], rounds: number): string[] {
  const md = [
    "## The butterfly against the runtime's dense kernels (onnxruntime-node, one thread)",
    '',
    `Float32, ${RUNTIME_PIXELS} pixels (56 × 56), base 2; medians of ${rounds} interleaved rounds after 2 warm-up runs each. Speedup = fastest dense`,
    'kernel of the round / this kernel, median over rounds; "of MAC ratio" = speedup / (n / (2·log2 n)). The runtime\'s BFT is the graph',
    '`butterflops export` writes for a butterfly layer; our fused kernel is `butterflyForwardTiled` (scalar JavaScript).',
    '',
  ];
  for (const table of tables) {
    md.push(
      `### n = ${table.n} (MAC ratio ${table.macRatio.toFixed(1)}×)`,
      '',
      '| kernel | ms | GMAC/s | speedup vs best dense | of MAC ratio |',
      '|:---|---:|---:|---:|---:|',
    );
    for (const row of table.rows) {
      md.push(
        `| ${row.kernel} | ${row.ms.toFixed(2)} | ${row.gmacs.toFixed(1)} | ${row.speedup.toFixed(2)}× | ${row.ofMacRatio !== undefined ? `${(100 * row.ofMacRatio).toFixed(1)} %` : ''} |`,
      );
    }
    md.push('');
  }
  md.push(
    '### fft.js like for like',
    '',
    `fft.js \`realTransform\` (real input) on ${RUNTIME_PIXELS} distinct vectors vs the base-2 butterfly (our fused kernel) on the same vectors.`,
    'Operations: real FFT ≈ 2.5·n·log2 n, butterfly 2·n·log2 n MACs = 4·n·log2 n.',
    '',
    '| n | fft.js µs / vector | BFT µs / vector | fft.js / BFT | fft.js ns / op | BFT ns / op |',
    '|---:|---:|---:|---:|---:|---:|',
    ...ffts.map(
      (f) =>
        `| ${f.n} | ${f.fftUsPerVector.toFixed(2)} | ${f.bftUsPerVector.toFixed(2)} | ${f.ratio.toFixed(2)} | ${f.fftNsPerOp.toFixed(3)} | ${f.bftNsPerOp.toFixed(3)} |`,
    ),
    '',
  );
  return md;
}
