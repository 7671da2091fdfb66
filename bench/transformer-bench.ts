/**
 * Does the saving become time on a transformer? (issues 17 and 18). torchvision's ViT-Ti/S/B/16
 * exports (the graph-only test fixtures, filled with seeded weights) timed dense, and ViT-B/16
 * rewritten by `export --fusion bft`: BFT MLPs; BFT MLPs and attention projections
 * (`--fuse-attention`); the same with two factors near √n (`--radices sqrt`) in the grouped-Conv
 * and batched-MatMul forms; ConvNeXt-T and Swin-T dense and with √n butterflies. One interleaved onnxruntime run (one thread), then a per-layer
 * profile split by role. Writes bench/transformer-results.md and .json. Run alone:
 * `npm run build && node dist/bench/transformer-bench.js`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import '../src/io/node-packages.js';
import { countCost, type CountRequest } from '../src/count/count-request.js';
import { exportModel } from '../src/export/export-model.js';
import { DEFAULT_EXPORT_OPTIONS } from '../src/export/export-network.js';
import { DEFAULT_BFT, type FusionStrategy } from '../src/fusion/strategy.js';
import { PAPER_CONVENTION } from '../src/model/convention.js';
import { onnxModelDescription } from '../src/onnx/onnx-model.js';
import { loadAverage, machineDescription } from '../src/runtime/machine.js';
import { measureLatency, type LatencyModel } from '../src/runtime/measure-latency.js';
import { withWeights } from '../test/onnx/with-weights.js';

const FIXTURES = new URL('../../test/fixtures/onnx-transformers/', import.meta.url);

function fixture(name: string) {
  const bytes = withWeights(new Uint8Array(readFileSync(new URL(`${name}.onnx`, FIXTURES))), 1);
  return onnxModelDescription(bytes, { kind: 'onnx', reference: `${name}.onnx`, path: `${name}.onnx` });
}

function latencyModel(
  label: string,
  model: ReturnType<typeof fixture>,
  fusion: FusionStrategy,
  butterflyOps: 'conv' | 'matmul' = 'conv',
): LatencyModel {
  const request: CountRequest = { model, parameters: {}, fusion, convention: PAPER_CONVENTION };
  const exported = exportModel(request, { ...DEFAULT_EXPORT_OPTIONS, butterflyOps }).exported;
  return { label, bytes: exported.bytes, network: exported.network, report: countCost({ ...request, model }) };
}

/** Runs the comparison; `out` receives progress lines. */
export async function runTransformerBench(runs: number, out: (line: string) => void): Promise<void> {
  const loadStart = loadAverage();
  out('transformer bench: filling the fixtures with seeded weights and rewriting ViT-B/16…');
  const vitB = fixture('vit_b_16');
  const convnext = fixture('convnext_tiny');
  const swin = fixture('swin_t');
  const all = { ...DEFAULT_BFT, includeAttentionProjections: true };
  const sqrt: FusionStrategy = { ...all, plan: { kind: 'rule', rule: { kind: 'sqrt' } } };
  const models = [
    latencyModel('ViT-Ti/16 dense', fixture('vit_ti_16'), { kind: 'pointwise' }),
    latencyModel('ViT-S/16 dense', fixture('vit_s_16'), { kind: 'pointwise' }),
    latencyModel('ViT-B/16 dense', vitB, { kind: 'pointwise' }),
    latencyModel('ViT-B/16 + BFT MLPs (base 4)', vitB, DEFAULT_BFT),
    latencyModel('ViT-B/16 + BFT MLPs and projections (base 4)', vitB, all),
    latencyModel('ViT-B/16 + BFT MLPs and projections (√n, grouped Conv)', vitB, sqrt),
    latencyModel('ViT-B/16 + BFT MLPs and projections (√n, batched MatMul)', vitB, sqrt, 'matmul'),
    latencyModel('ConvNeXt-T dense', convnext, { kind: 'pointwise' }),
    latencyModel('ConvNeXt-T + BFT pointwise Linear layers (√n)', convnext, {
      ...DEFAULT_BFT,
      plan: { kind: 'rule', rule: { kind: 'sqrt' } },
    }),
    latencyModel('Swin-T dense', swin, { kind: 'pointwise' }),
    latencyModel('Swin-T + BFT MLPs and projections (√n)', swin, sqrt),
  ];
  out(`transformer bench: timing ${models.length} networks interleaved…`);
  const result = await measureLatency(models, { threads: 1, runs, warmup: 3, profiledRuns: 3 });
  const byRole = (m: (typeof result.models)[number]) => {
    const roles: Record<string, number> = {};
    for (const layer of m.layers?.layers ?? [])
      roles[layer.role] = (roles[layer.role] ?? 0) + layer.microseconds / 1000;
    return roles;
  };
  const rows = result.models.map((m) => ({
    label: m.label,
    macs: m.macs.toString(),
    params: m.params.toString(),
    ms: m.milliseconds.median,
    q1: m.milliseconds.q1,
    q3: m.milliseconds.q3,
    msByRole: byRole(m),
  }));
  const find = (label: string) => {
    const row = rows.find((r) => r.label.startsWith(label));
    if (row === undefined) throw new Error(`transformer bench: ${label} is missing`);
    return row;
  };
  const ti = find('ViT-Ti/16 dense');
  const b = find('ViT-B/16 dense');
  const mlp = find('ViT-B/16 + BFT MLPs (');
  const fastest = rows
    .filter((r) => r.label.startsWith('ViT-B/16 + BFT MLPs and projections'))
    .reduce((x, y) => (y.ms < x.ms ? y : x));
  const ratio = (x: string, y: string) => Number((BigInt(x) * 100n) / BigInt(y)) / 100;
  const machine = machineDescription();
  const loadEnd = loadAverage();
  const roleColumns = ['channel-fusion', 'attention-projection', 'attention'];
  const butterflyMs = (r: (typeof rows)[number]) =>
    (r.msByRole['channel-fusion'] ?? 0) + (r.msByRole['attention-projection'] ?? 0);
  const md = [
    '# Does the saving become time on a transformer? (transformer benchmark)',
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, onnxruntime ${machine.onnxruntime}, one intra-op thread. Load average ${loadStart.join(', ')} at the start, ${loadEnd.join(', ')} at the end.`,
    `Medians of ${runs} interleaved runs after 3 warm-up runs; per-role times from a separate profile of 3 runs (the profile's node times; the layout Reshape/Transpose nodes of a butterfly count to its role).`,
    'The models: torchvision 0.14 exports (test/fixtures/onnx-transformers/, weights stripped there and filled here with seeded values); the BFT networks are ViT-B/16 rewritten by `export --fusion bft` (seed 1).',
    '',
    `| network | MACs | params | ms (median) | quartiles | ${roleColumns.join(' ms | ')} ms |`,
    `|:---|---:|---:|---:|---:|${roleColumns.map(() => '---:').join('|')}|`,
    ...rows.map(
      (r) =>
        `| ${r.label} | ${BigInt(r.macs).toLocaleString('en-US')} | ${BigInt(r.params).toLocaleString('en-US')} | ${r.ms.toFixed(2)} | ${r.q1.toFixed(2)}–${r.q3.toFixed(2)} | ${roleColumns.map((role) => (r.msByRole[role] ?? 0).toFixed(2)).join(' | ')} |`,
    ),
    '',
    `**Result:** against its own dense network the saving becomes time: BFT MLPs make ViT-B/16 ${(b.ms / mlp.ms).toFixed(2)}× faster (${ratio(b.macs, mlp.macs)}× fewer MACs), and the fastest network with BFT MLPs and projections, ${fastest.label.replace('ViT-B/16 + BFT MLPs and projections ', '')}, ${(b.ms / fastest.ms).toFixed(2)}× faster (${ratio(b.macs, fastest.macs)}× fewer MACs).`,
    `Against a dense transformer of about the same MACs it does not: that network takes ${(fastest.ms / ti.ms).toFixed(1)}× the time of the dense ViT-Ti/16 (${BigInt(ti.macs).toLocaleString('en-US')} MACs, ${ti.ms.toFixed(2)} ms; same 197 tokens, width 192 instead of 768). Its butterflies alone (channel fusion and projections, profiled) take ${butterflyMs(fastest).toFixed(2)} ms, ${(butterflyMs(fastest) / ti.ms).toFixed(1)}× the whole ViT-Ti/16, and what no butterfly touches — the attention products (${(fastest.msByRole['attention'] ?? 0).toFixed(2)} ms), softmax, LayerNorm, GELU at width 768 — takes about ${Math.max(0, fastest.ms - butterflyMs(fastest) - (fastest.msByRole['attention'] ?? 0)).toFixed(2)} ms more.`,
    ...['ConvNeXt-T', 'Swin-T'].map((family) => {
      const dense = find(`${family} dense`);
      const bft = find(`${family} + BFT`);
      return `${family}: ${ratio(dense.macs, bft.macs)}× fewer MACs with BFT, ${dense.ms.toFixed(2)} ms dense vs ${bft.ms.toFixed(2)} ms (${(dense.ms / bft.ms).toFixed(2)}× ${dense.ms >= bft.ms ? 'faster' : 'slower: no time saved'}).`;
    }),
    '',
    'Accuracy: nobody has measured the accuracy of a ViT with butterfly MLPs or projections (the BFT paper trained CNNs only); these are cost what-ifs.',
    '',
  ];
  writeFileSync(new URL('../../bench/transformer-results.md', import.meta.url), md.join('\n'));
  writeFileSync(
    new URL('../../bench/transformer-results.json', import.meta.url),
    `${JSON.stringify({ machine, loadAverage: { start: loadStart, end: loadEnd }, runs, networks: rows }, null, 2)}\n`,
  );
  out(
    `transformer bench: ViT-B/16 dense ${b.ms.toFixed(2)} ms, BFT MLPs ${mlp.ms.toFixed(2)} ms, fastest BFT all ${fastest.ms.toFixed(2)} ms; ViT-Ti/16 dense ${ti.ms.toFixed(2)} ms`,
  );
}

if (process.argv[1]?.endsWith('transformer-bench.js')) {
  await runTransformerBench(Number(process.env['BENCH_ROUNDS'] ?? 20), (line) => process.stdout.write(`${line}\n`));
}
