/**
 * `npm run bench`: the performance figures of issue 4, measured side by side in one run and
 * written to bench/results.json and bench/results.md. Not part of the test suite.
 * 1. Reference BFT forward (tiled, Float32) vs a register-blocked, pixel-tiled dense pointwise at n = 256,
 *    1024, 4096 over 3136 pixels (56 × 56): speedup vs the MAC ratio n / (k·log_k n).
 * 2. BFT time per vector (batched, best base) vs fft.js complex FFT of the same n.
 * Kernels are timed interleaved (see `interleavedTimes`) and summarised by medians, because the
 * benchmark machine is shared and its load changes during a run.
 * 3. Criteria checks at n = 1024 and 4096; the bound sweep (1000 widths, bases 2, 3, 4).
 * 4. Cold-start times of the CLI next to `node -e ''` (issue 8; `startup.ts`), measured first.
 * 5. ONNX import: counting a ~100 MB ResNet-50 export in a fresh process (`onnx-import.ts`), and a
 *    1.2 GB ViT-L/16 (`vit-import-bench.ts`).
 * 6. The honest comparison on onnxruntime-node (`runtime-pointwise.ts`): the runtime's dense 1×1 vs
 *    the butterfly as exported vs our fused kernel, and fft.js like for like; written to
 *    bench/runtime-results.json and bench/runtime-results.md.
 * 7. Does the saving become time? (`plan-bench.ts`): MobileNetV1-2.0+BFT base 4 vs planned vs dense
 *    MobileNetV1-1.0 and -0.5, interleaved; bench/plan-results.md and .json.
 * 8. The same question on a transformer (`transformer-bench.ts`): ViT-B/16 dense vs rewritten with
 *    BFT MLPs / projections vs dense ViT-Ti/S/16; bench/transformer-results.md and .json.
 * 9. `pareto` on 10⁶ result rows (`pareto-bench.ts`), each format in a fresh process;
 *    bench/pareto-results.md and .json (before/after with `PARETO_BENCH_BEFORE`).
 */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import FFT from 'fft.js';
import '../src/io/node-packages.js';
import { butterflyPlan } from '../src/butterfly/plan.js';
import { butterflyForward } from '../src/butterfly/forward.js';
import { butterflyForwardTiled } from '../src/butterfly/forward-tiled.js';
import { toDense } from '../src/butterfly/dense.js';
import { seededRandom } from '../src/random/seeded-random.js';
import { randomButterflyWeights } from '../src/butterfly/weights.js';
import { generateStructure } from '../src/graph/generate.js';
import { evaluateCriteria } from '../src/graph/criteria.js';
import { verifyBound } from '../src/checks/verify-bound.js';
import type { FusionStructure } from '../src/model/fusion-graph.js';
import { densePointwise, packDenseWeights } from './dense-pointwise.js';
import { startupLines, startupMarkdown, startupTimings } from './startup.js';
import { describeOnnxImportBench, onnxImportBench } from './onnx-import.js';
import { describeVitImportBench, vitImportBench } from './vit-import-bench.js';
import { runRuntimeBench } from './run-runtime.js';
import { runPlanBench } from './plan-bench.js';
import { runTransformerBench } from './transformer-bench.js';
import { runParetoBench } from './pareto-bench.js';
import { interleavedTimes, median } from './timing.js';

const PIXELS = 3136;
const out = (text: string) => process.stdout.write(`${text}\n`);

function randomFloat32(length: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length }, () => 2 * random.next() - 1);
}

/** Timed rounds per comparison (medians over rounds; each round runs every kernel once). */
const ROUNDS = 7;

interface PointwiseRow {
  n: number;
  denseMs: number;
  densePixelsMeasured: number;
  denseGmacs: number;
  bft: {
    base: number;
    ms: number;
    gmacs: number;
    macRatio: number;
    speedup: number;
    efficiency: number;
    efficiencyRange: [number, number];
  }[];
  referenceUntiledMs: number;
}

/**
 * Dense vs BFT (base 2 and 4) at width n, interleaved round by round. The dense kernel runs on
 * fewer pixels at large n (its time is linear in the pixels: 3136 · n² MACs at n = 4096 would
 * take ~30 s a run) and is scaled to 3136; its weights are packed once outside the timing.
 * Efficiency = speedup / MAC ratio, taken per round, then the median (and min–max) over rounds.
 */
function pointwise(n: number): PointwiseRow {
  const densePixels = n >= 4096 ? 196 : n >= 1024 ? 784 : PIXELS;
  const weights = packDenseWeights(randomFloat32(n * n, n), n, n);
  const xDense = randomFloat32(n * densePixels, n + 1);
  const yDense = new Float32Array(n * densePixels);
  const x = randomFloat32(n * PIXELS, n + 2);
  const y = new Float32Array(n * PIXELS);
  const bases = [2, 4];
  const plans = bases.map((base) => butterflyPlan(n, base));
  const bftWeights = plans.map((plan, i) =>
    Float32Array.from(randomButterflyWeights(plan, seededRandom(bases[i] ?? 2))),
  );
  const [denseTimes = [], ...bftTimes] = interleavedTimes(
    [
      () => densePointwise(weights, xDense, n, n, densePixels, yDense),
      ...plans.map(
        (plan, i) => () => butterflyForwardTiled(plan, bftWeights[i] as Float32Array, x, PIXELS, { output: y }),
      ),
    ],
    ROUNDS,
  );
  const scale = PIXELS / densePixels;
  const denseMs = median(denseTimes) * scale;
  const denseGmacs = (n * n * PIXELS) / (denseMs * 1e6);
  const bft = plans.map((plan, i) => {
    const times = bftTimes[i] ?? [];
    const ms = median(times);
    const edges = plan.radices.reduce((sum, r) => sum + r, 0) * n;
    const macRatio = (n * n) / edges;
    const perRound = times.map((t, round) => ((denseTimes[round] ?? 0) * scale) / t / macRatio);
    return {
      base: bases[i] ?? 2,
      ms,
      gmacs: (edges * PIXELS) / (ms * 1e6),
      macRatio,
      speedup: denseMs / ms,
      efficiency: median(perRound),
      efficiencyRange: [Math.min(...perRound), Math.max(...perRound)] as [number, number],
    };
  });
  const plan4 = butterflyPlan(n, 4);
  const w4 = Float32Array.from(randomButterflyWeights(plan4, seededRandom(4)));
  const referenceUntiledMs = median(interleavedTimes([() => butterflyForward(plan4, w4, x, PIXELS)], 3, 0)[0] ?? []);
  return { n, denseMs, densePixelsMeasured: densePixels, denseGmacs, bft, referenceUntiledMs };
}

/**
 * fft.js complex FFT vs the batched BFT per vector, interleaved round by round. One fft.js
 * sample is `batch` transforms of the same (cache-hot) vector, which favours fft.js; one BFT
 * sample is the forward pass of all 3136 pixel vectors. Ratio = fft.js µs / BFT µs (best base),
 * per round, then the median over rounds (> 1: the BFT is faster).
 */
function fftComparison(n: number) {
  const fft = new FFT(n);
  const data = fft.createComplexArray() as number[];
  const random = seededRandom(n);
  for (let i = 0; i < data.length; i++) data[i] = random.next();
  const result = fft.createComplexArray() as number[];
  const batch = Math.max(200, Math.round(2e6 / n));
  const x = randomFloat32(n * PIXELS, 3);
  const y = new Float32Array(n * PIXELS);
  const bases = [2, 4];
  const plans = bases.map((base) => butterflyPlan(n, base));
  const bftWeights = plans.map((plan, i) =>
    Float32Array.from(randomButterflyWeights(plan, seededRandom(bases[i] ?? 2))),
  );
  const [fftTimes = [], ...bftTimes] = interleavedTimes(
    [
      () => {
        for (let i = 0; i < batch; i++) fft.transform(result, data);
      },
      ...plans.map(
        (plan, i) => () => butterflyForwardTiled(plan, bftWeights[i] as Float32Array, x, PIXELS, { output: y }),
      ),
    ],
    ROUNDS,
  );
  const fftUs = fftTimes.map((t) => (t * 1000) / batch);
  const perVector = bases.map((base, i) => ({ base, us: median((bftTimes[i] ?? []).map((t) => (t * 1000) / PIXELS)) }));
  const best = perVector.reduce((a, b) => (b.us < a.us ? b : a));
  const bestTimes = bftTimes[bases.indexOf(best.base)] ?? [];
  const perRound = fftUs.map((us, round) => us / (((bestTimes[round] ?? 0) * 1000) / PIXELS));
  return {
    n,
    fftJsUs: median(fftUs),
    fftBatch: batch,
    bftPerVectorUs: perVector,
    bestBase: best.base,
    ratio: median(perRound),
    ratioRange: [Math.min(...perRound), Math.max(...perRound)] as [number, number],
  };
}

function criteriaTimings(n: number, structures: readonly FusionStructure[]) {
  return structures.map((structure) => {
    const start = performance.now();
    const found = evaluateCriteria(generateStructure(structure, n, { base: 2 }));
    return {
      structure,
      n,
      ms: performance.now() - start,
      allCriteria: found.criteria.connectivity && found.criteria.bottleneck && found.criteria.symmetry,
    };
  });
}

/** Sanity check before timing: both kernels compute the same map (dense W = the BFT's matrix). */
function crossCheck(): void {
  const plan = butterflyPlan(256, 4);
  const weights = randomButterflyWeights(plan, seededRandom(1));
  const x = randomFloat32(256 * 101, 2);
  const viaBft = butterflyForwardTiled(plan, weights, x, 101);
  const viaDense = densePointwise(Float32Array.from(toDense(plan, weights)), x, 256, 256, 101);
  let worst = 0;
  for (let i = 0; i < viaBft.length; i++) worst = Math.max(worst, Math.abs((viaBft[i] ?? 0) - (viaDense[i] ?? 0)));
  if (worst > 1e-3) throw new Error(`dense and butterfly kernels disagree by ${worst}`);
}
crossCheck();

const cpu = cpus();
const machine = {
  cpu: cpu[0]?.model ?? 'unknown',
  cores: availableParallelism(),
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
const loadAtStart = loadavg().slice(0, 3);
out(
  `machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load average ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}`,
);

const STARTUP_ROUNDS = 11;
const startup = startupTimings(STARTUP_ROUNDS);
for (const line of startupLines(startup.rows)) out(line);

const pointwiseRows = [256, 1024, 4096].map((n) => {
  const row = pointwise(n);
  for (const b of row.bft) {
    out(
      `n=${n} base ${b.base}: dense ${row.denseMs.toFixed(1)} ms (${row.denseGmacs.toFixed(2)} GMAC/s), BFT ${b.ms.toFixed(2)} ms ` +
        `(${b.gmacs.toFixed(2)} GMAC/s), speedup ${b.speedup.toFixed(1)}× vs MAC ratio ${b.macRatio.toFixed(1)}× = ${(100 * b.efficiency).toFixed(0)} %`,
    );
  }
  out(`n=${n}: untiled layer-by-layer reference (base 4) ${row.referenceUntiledMs.toFixed(1)} ms`);
  return row;
});
const fftRows = [256, 1024, 4096].map((n) => {
  const row = fftComparison(n);
  out(
    `n=${n}: fft.js ${row.fftJsUs.toFixed(2)} µs per transform, BFT base ${row.bestBase} ` +
      `${Math.min(...row.bftPerVectorUs.map((b) => b.us)).toFixed(2)} µs per vector (fft.js / BFT = ${row.ratio.toFixed(2)})`,
  );
  return row;
});
const criteriaRows = [
  ...criteriaTimings(1024, ['dense', 'bft', 'bft-mixed', 'bft-official', 'shuffle', 'low-rank', 'circulant', 'random']),
  ...criteriaTimings(4096, ['bft', 'bft-official', 'dense', 'shuffle', 'low-rank', 'random']),
  // The largest width `criteria --n` allows (issue 9 item 11: all structures well under a minute).
  ...criteriaTimings(65536, [
    'dense',
    'bft',
    'bft-mixed',
    'bft-official',
    'shuffle',
    'low-rank',
    'circulant',
    'random',
  ]),
];
for (const row of criteriaRows) out(`criteria ${row.structure} n=${row.n}: ${row.ms.toFixed(0)} ms`);
const boundStart = performance.now();
const bound = verifyBound({ samples: 1000, maxN: 65536, seed: 7, bases: [2, 3, 4], mode: 'pad' });
const boundMs = performance.now() - boundStart;
out(`bound sweep (1000 widths × 3 bases, pad): ${(boundMs / 1000).toFixed(1)} s, ${bound.failures.length} failures`);

const onnxImport = onnxImportBench(3);
out(describeOnnxImportBench(onnxImport));
const vitImport = vitImportBench(3);
out(describeVitImportBench(vitImport));

const loadAtEnd = loadavg().slice(0, 3);
const loadText = (load: number[]) => load.map((l) => l.toFixed(2)).join(', ');
const results = {
  machine,
  loadAverage: { start: loadAtStart, end: loadAtEnd },
  rounds: ROUNDS,
  pixels: PIXELS,
  pointwise: pointwiseRows,
  fft: fftRows,
  criteria: criteriaRows,
  bound: {
    samples: bound.samples.length,
    failures: bound.failures.length,
    seconds: boundMs / 1000,
    fittedConstants: bound.perBase.map((b) => ({ base: b.base, fitted: b.fittedConstant, maxRatio: b.maxRatio })),
  },
  startup: { rounds: STARTUP_ROUNDS, loadAverage: startup.loadAverage, rows: startup.rows },
  onnxImport,
  vitImport,
};
const round = (_: string, value: unknown) =>
  typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(4)) : value;
writeFileSync(new URL('../../bench/results.json', import.meta.url), `${JSON.stringify(results, round, 2)}\n`);

const md: string[] = [
  '# Benchmark results',
  '',
  `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}. Float32, ${PIXELS} pixels (56 × 56).`,
  `Shared machine (other sessions may be running): load average (1, 5, 15 min) ${loadText(loadAtStart)} at the start, ${loadText(loadAtEnd)} at the end.`,
  `Times are medians of ${ROUNDS} interleaved rounds (every kernel once per round, after a warm-up); ratios are taken per round, median [min–max].`,
  'Dense = register-blocked pointwise (8 outputs × 4 input channels per block, 32 weights in locals, inner loop over 256 contiguous pixels',
  'into a Float64 accumulator tile that stays in L1; weights packed once, outside the timing). At n = 1024 / 4096 it is timed on 784 / 196 pixels',
  'and scaled to 3136 (its time is linear in the pixels).',
  'BFT = tiled forward (`butterflyForwardTiled`): a 128-pixel tile stays in cache through all layers; runs of radix-2 layers are fused three',
  '(or two) per pass, radix-4 layers compute their 4 outputs per pixel in one loop. Base 2 and base 4 have the same MAC count (2·n·log2 n).',
  'Speedup = median dense time / median BFT time; speedup / MAC ratio = median of the per-round values (target ≥ 0.9 for the best base).',
  '',
  '| n | base | dense ms | dense GMAC/s | BFT ms | BFT GMAC/s | speedup | MAC ratio n/(k·log_k n) | speedup / MAC ratio | range over rounds |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...pointwiseRows.flatMap((row) =>
    row.bft.map(
      (b) =>
        `| ${row.n} | ${b.base} | ${row.denseMs.toFixed(1)} | ${row.denseGmacs.toFixed(2)} | ` +
        `${b.ms.toFixed(2)} | ${b.gmacs.toFixed(2)} | ${b.speedup.toFixed(1)} | ${b.macRatio.toFixed(1)} | ${b.efficiency.toFixed(2)} | ${b.efficiencyRange.map((e) => e.toFixed(2)).join('–')} |`,
    ),
  ),
  '',
  '| n | fft.js µs / transform | BFT µs / vector (best base) | fft.js / BFT | range over rounds |',
  '|---:|---:|---:|---:|---:|',
  ...fftRows.map(
    (row) =>
      `| ${row.n} | ${row.fftJsUs.toFixed(2)} | ${Math.min(...row.bftPerVectorUs.map((b) => b.us)).toFixed(2)} (k=${row.bestBase}) | ${row.ratio.toFixed(2)} | ${row.ratioRange.map((r) => r.toFixed(2)).join('–')} |`,
  ),
  '',
  '| criteria check | n | ms |',
  '|:---|---:|---:|',
  ...criteriaRows.map((row) => `| ${row.structure} | ${row.n} | ${row.ms.toFixed(0)} |`),
  '',
  `Bound sweep: 1000 widths × bases 2, 3, 4 (pad), ${(boundMs / 1000).toFixed(1)} s, ${bound.failures.length} failures.`,
  '',
  ...startupMarkdown(startup.rows, STARTUP_ROUNDS),
  '',
  `Load average during the cold-start runs: ${loadText(startup.loadAverage.start)} at the start, ${loadText(startup.loadAverage.end)} at the end.`,
  '',
  `${describeOnnxImportBench(onnxImport)} (medians of ${onnxImport.rounds} fresh processes; target under 2 s cold and 600 MB).`,
  '',
  `${describeVitImportBench(vitImport)} (medians of ${vitImport.rounds} fresh processes; peak RSS is each process's own VmHWM).`,
  '',
];
writeFileSync(new URL('../../bench/results.md', import.meta.url), md.join('\n'));

await runRuntimeBench(ROUNDS, out);
await runPlanBench(20, out);
await runTransformerBench(20, out);
runParetoBench(3, out);
