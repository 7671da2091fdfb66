/**
 * `npm run bench`: the performance figures of issue 4, measured side by side in one run and
 * written to bench/results.json and bench/results.md. Not part of the test suite.
 * 1. Reference BFT forward (tiled, Float32) vs a register-blocked dense pointwise at n = 256,
 *    1024, 4096 over 3136 pixels (56 × 56): speedup vs the MAC ratio n / (k·log_k n).
 * 2. BFT time per vector (batched, best base) vs fft.js complex FFT of the same n.
 * 3. Criteria checks at n = 1024 and 4096; the bound sweep (1000 widths, bases 2, 3, 4).
 */
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import FFT from 'fft.js';
import { butterflyPlan } from '../src/butterfly/plan.js';
import { butterflyForward } from '../src/butterfly/forward.js';
import { butterflyForwardTiled } from '../src/butterfly/forward-tiled.js';
import { toDense } from '../src/butterfly/dense.js';
import { seededRandom } from '../src/butterfly/seeded-random.js';
import { randomButterflyWeights } from '../src/butterfly/weights.js';
import { generateStructure } from '../src/graph/generate.js';
import { evaluateCriteria } from '../src/graph/criteria.js';
import { verifyBound } from '../src/graph/verify-bound.js';
import type { FusionStructure } from '../src/model/fusion-graph.js';
import { densePointwise } from './dense-pointwise.js';
import { bestTime } from './timing.js';

const PIXELS = 3136;
const out = (text: string) => process.stdout.write(`${text}\n`);

function randomFloat32(length: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length }, () => 2 * random.next() - 1);
}

interface PointwiseRow {
  n: number; denseMs: number; densePixelsMeasured: number; denseGmacs: number;
  bft: { base: number; ms: number; gmacs: number; macRatio: number; speedup: number; efficiency: number }[];
  referenceUntiledMs: number;
}

function pointwise(n: number): PointwiseRow {
  const densePixels = n >= 4096 ? 784 : PIXELS;
  const weights = randomFloat32(n * n, n);
  const xDense = randomFloat32(n * densePixels, n + 1);
  const yDense = new Float32Array(n * densePixels);
  const measured = bestTime(() => densePointwise(weights, xDense, n, n, densePixels, yDense), 3, 200);
  const denseMs = (measured * PIXELS) / densePixels;
  const denseGmacs = (n * n * PIXELS) / (denseMs * 1e6);
  const x = randomFloat32(n * PIXELS, n + 2);
  const y = new Float32Array(n * PIXELS);
  const bft = [2, 4].map((base) => {
    const plan = butterflyPlan(n, base);
    const w = Float32Array.from(randomButterflyWeights(plan, seededRandom(base)));
    const ms = bestTime(() => butterflyForwardTiled(plan, w, x, PIXELS, { output: y }), 7, 300);
    const edges = base * n * plan.radices.length;
    const macRatio = (n * n) / edges;
    const speedup = denseMs / ms;
    return { base, ms, gmacs: (edges * PIXELS) / (ms * 1e6), macRatio, speedup, efficiency: speedup / macRatio };
  });
  const plan4 = butterflyPlan(n, 4);
  const w4 = Float32Array.from(randomButterflyWeights(plan4, seededRandom(4)));
  const referenceUntiledMs = bestTime(() => butterflyForward(plan4, w4, x, PIXELS), 2, 100);
  return { n, denseMs, densePixelsMeasured: densePixels, denseGmacs, bft, referenceUntiledMs };
}

function fftComparison(n: number) {
  const fft = new FFT(n);
  const data = fft.createComplexArray() as number[];
  const random = seededRandom(n);
  for (let i = 0; i < data.length; i++) data[i] = random.next();
  const result = fft.createComplexArray() as number[];
  const batch = 1000;
  const fftMs = bestTime(() => { for (let i = 0; i < batch; i++) fft.transform(result, data); }, 5, 300) / batch;
  const x = randomFloat32(n * PIXELS, 3);
  const y = new Float32Array(n * PIXELS);
  const perVector = [2, 4].map((base) => {
    const plan = butterflyPlan(n, base);
    const w = Float32Array.from(randomButterflyWeights(plan, seededRandom(base)));
    return { base, us: (bestTime(() => butterflyForwardTiled(plan, w, x, PIXELS, { output: y }), 5, 300) * 1000) / PIXELS };
  });
  const best = perVector.reduce((a, b) => (b.us < a.us ? b : a));
  return { n, fftJsUs: fftMs * 1000, bftPerVectorUs: perVector, bestBase: best.base, ratio: (fftMs * 1000) / best.us };
}

function criteriaTimings(n: number, structures: readonly FusionStructure[]) {
  return structures.map((structure) => {
    const start = performance.now();
    const found = evaluateCriteria(generateStructure(structure, n, { base: 2 }));
    return { structure, n, ms: performance.now() - start, allCriteria: found.criteria.connectivity && found.criteria.bottleneck && found.criteria.symmetry };
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
const machine = { cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
out(`machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`);

const pointwiseRows = [256, 1024, 4096].map((n) => {
  const row = pointwise(n);
  for (const b of row.bft) {
    out(`n=${n} base ${b.base}: dense ${row.denseMs.toFixed(1)} ms (${row.denseGmacs.toFixed(2)} GMAC/s), BFT ${b.ms.toFixed(2)} ms `
      + `(${b.gmacs.toFixed(2)} GMAC/s), speedup ${b.speedup.toFixed(1)}× vs MAC ratio ${b.macRatio.toFixed(1)}× = ${(100 * b.efficiency).toFixed(0)} %`);
  }
  out(`n=${n}: untiled layer-by-layer reference (base 4) ${row.referenceUntiledMs.toFixed(1)} ms`);
  return row;
});
const fftRows = [256, 1024, 4096].map((n) => {
  const row = fftComparison(n);
  out(`n=${n}: fft.js ${row.fftJsUs.toFixed(2)} µs per transform, BFT base ${row.bestBase} `
    + `${Math.min(...row.bftPerVectorUs.map((b) => b.us)).toFixed(2)} µs per vector (fft.js / BFT = ${row.ratio.toFixed(2)})`);
  return row;
});
const criteriaRows = [
  ...criteriaTimings(1024, ['dense', 'bft', 'bft-mixed', 'bft-official', 'shuffle', 'low-rank', 'circulant', 'random']),
  ...criteriaTimings(4096, ['bft', 'bft-official', 'dense', 'shuffle', 'low-rank']),
];
for (const row of criteriaRows) out(`criteria ${row.structure} n=${row.n}: ${row.ms.toFixed(0)} ms`);
const boundStart = performance.now();
const bound = verifyBound({ samples: 1000, maxN: 65536, seed: 7, bases: [2, 3, 4], mode: 'pad' });
const boundMs = performance.now() - boundStart;
out(`bound sweep (1000 widths × 3 bases, pad): ${(boundMs / 1000).toFixed(1)} s, ${bound.failures.length} failures`);

const results = {
  machine,
  pixels: PIXELS,
  pointwise: pointwiseRows,
  fft: fftRows,
  criteria: criteriaRows,
  bound: { samples: bound.samples.length, failures: bound.failures.length, seconds: boundMs / 1000,
    fittedConstants: bound.perBase.map((b) => ({ base: b.base, fitted: b.fittedConstant, maxRatio: b.maxRatio })) },
};
const round = (_: string, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(4)) : value);
writeFileSync(new URL('../../bench/results.json', import.meta.url), `${JSON.stringify(results, round, 2)}\n`);

const md: string[] = [
  '# Benchmark results',
  '',
  `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}. Float32, ${PIXELS} pixels (56 × 56).`,
  'Dense = register-blocked (4 outputs × 4 pixels), pixel-panel-packed pointwise; at n = 4096 it is timed on 784 pixels and scaled.',
  'BFT = tiled forward (`butterflyForwardTiled`): a pixel tile stays in cache through all layers.',
  '',
  '| n | base | dense ms | dense GMAC/s | BFT ms | BFT GMAC/s | speedup | MAC ratio n/(k·log_k n) | speedup / MAC ratio |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...pointwiseRows.flatMap((row) => row.bft.map((b) => `| ${row.n} | ${b.base} | ${row.denseMs.toFixed(1)} | ${row.denseGmacs.toFixed(2)} | `
    + `${b.ms.toFixed(2)} | ${b.gmacs.toFixed(2)} | ${b.speedup.toFixed(1)} | ${b.macRatio.toFixed(1)} | ${b.efficiency.toFixed(2)} |`)),
  '',
  '| n | fft.js µs / transform | BFT µs / vector (best base) | fft.js / BFT |',
  '|---:|---:|---:|---:|',
  ...fftRows.map((row) => `| ${row.n} | ${row.fftJsUs.toFixed(2)} | ${Math.min(...row.bftPerVectorUs.map((b) => b.us)).toFixed(2)} (k=${row.bestBase}) | ${row.ratio.toFixed(2)} |`),
  '',
  '| criteria check | n | ms |',
  '|:---|---:|---:|',
  ...criteriaRows.map((row) => `| ${row.structure} | ${row.n} | ${row.ms.toFixed(0)} |`),
  '',
  `Bound sweep: 1000 widths × bases 2, 3, 4 (pad), ${(boundMs / 1000).toFixed(1)} s, ${bound.failures.length} failures.`,
  '',
];
writeFileSync(new URL('../../bench/results.md', import.meta.url), md.join('\n'));
