/**
 * Does the saving become time? (issue 18, item 4). In one interleaved onnxruntime run (one
 * thread): MobileNetV1-2.0+BFT@224 as exported today (base 4), the same network with a plan made
 * by `makePlan` (objective latency, MACs below the dense MobileNetV1-1.0's), and the dense
 * MobileNetV1-1.0 and -0.5@224; then a per-layer profile of each BFT network split by role.
 * Writes bench/plan-results.md and .json. Run alone: `npm run build && node dist/bench/plan-bench.js`.
 */
import { writeFileSync } from 'node:fs';
import '../src/io/node-packages.js';
import { analyze } from '../src/cost/analyze.js';
import { countCost, type CountRequest } from '../src/count/count-request.js';
import { exportNetwork } from '../src/export/export-network.js';
import { buildFusedNetwork } from '../src/count/count-request.js';
import { DEFAULT_BFT } from '../src/fusion/strategy.js';
import { defaultModelSource } from '../src/io/file-model-source.js';
import { PAPER_CONVENTION } from '../src/model/convention.js';
import { loadAverage, machineDescription } from '../src/runtime/machine.js';
import { makePlan } from '../src/runtime/make-plan.js';
import { plannedChoiceText } from '../src/format/plan-format.js';
import { measureLatency, type LatencyModel } from '../src/runtime/measure-latency.js';

function request(width: number, bft: boolean): CountRequest {
  return {
    model: defaultModelSource().resolve('mobilenet-v1'),
    parameters: { width, resolution: 224 },
    fusion: bft ? DEFAULT_BFT : { kind: 'pointwise' },
    convention: PAPER_CONVENTION,
  };
}

function latencyModel(label: string, req: CountRequest): LatencyModel {
  const exported = exportNetwork(buildFusedNetwork(req));
  // The MACs of the graph timed (issue 22: a base-4 butterfly of a size that is no power of 4 is built otherwise than counted).
  return {
    label,
    bytes: exported.bytes,
    network: exported.network,
    report: analyze(exported.network, PAPER_CONVENTION),
  };
}

/** Runs the comparison; `out` receives progress lines. */
export async function runPlanBench(runs: number, out: (line: string) => void): Promise<void> {
  const loadStart = loadAverage();
  const dense10 = request(1, false);
  const budget = countCost(dense10).total.macs - 1n;
  out(`plan bench: making the plan (latency, at most ${budget} MACs)…`);
  const base = request(2, true);
  const made = await makePlan('mobilenet-v1', base, {
    objective: 'latency',
    forms: ['conv', 'matmul'],
    maxMacs: budget,
    threads: 1,
    runs: 9,
    warmup: 2,
    label: 'bench plan',
    // The question is whether the butterflies' saving becomes time: every layer stays a butterfly.
    dense: false,
  });
  const planned: CountRequest = {
    ...base,
    fusion: { ...DEFAULT_BFT, plan: { kind: 'layers', file: 'bench plan', layers: made.layers } },
  };
  const models = [
    latencyModel('MobileNetV1-2.0+BFT base 4 (today)', base),
    latencyModel('MobileNetV1-2.0+BFT planned', planned),
    latencyModel('MobileNetV1-1.0 dense', dense10),
    latencyModel('MobileNetV1-0.5 dense', request(0.5, false)),
  ];
  out('plan bench: timing the four networks interleaved…');
  const result = await measureLatency(models, { threads: 1, runs, warmup: 3, profiledRuns: 5 });
  const [b4, plan, d10, d05] = result.models;
  if (!b4 || !plan || !d10 || !d05) throw new Error('plan bench: a model is missing');
  const byRole = (m: typeof b4) => {
    const roles: Record<string, number> = {};
    for (const layer of m.layers?.layers ?? [])
      roles[layer.role] = (roles[layer.role] ?? 0) + layer.microseconds / 1000;
    return roles;
  };
  const rows = result.models.map((m) => ({
    label: m.label,
    macs: m.macs.toString(),
    ms: m.milliseconds.median,
    q1: m.milliseconds.q1,
    q3: m.milliseconds.q3,
    msByRole: byRole(m),
  }));
  const speedup = b4.milliseconds.median / plan.milliseconds.median;
  const vsHalf = plan.milliseconds.median / d05.milliseconds.median;
  const machine = machineDescription();
  const loadEnd = loadAverage();
  const fixed = (m: typeof b4) => {
    const r = byRole(m);
    return Object.entries(r)
      .filter(([role]) => role !== 'channel-fusion')
      .reduce((s, [, v]) => s + v, 0);
  };
  const md = [
    '# Does the saving become time? (plan benchmark)',
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, onnxruntime ${machine.onnxruntime}, one intra-op thread. Load average ${loadStart.join(', ')} at the start, ${loadEnd.join(', ')} at the end.`,
    `Medians of ${runs} interleaved runs after 3 warm-up runs; per-role times from a separate profile of 5 runs (the profile's node times, which add up to less than the wall time).`,
    '',
    '| network | MACs | ms (median) | quartiles | channel fusion ms | everything else ms |',
    '|:---|---:|---:|---:|---:|---:|',
    ...rows.map((r, i) => {
      const m = result.models[i];
      return `| ${r.label} | ${BigInt(r.macs).toLocaleString('en-US')} | ${r.ms.toFixed(2)} | ${r.q1.toFixed(2)}–${r.q3.toFixed(2)} | ${(r.msByRole['channel-fusion'] ?? 0).toFixed(2)} | ${m ? fixed(m).toFixed(2) : '—'} |`;
    }),
    '',
    `The plan (objective latency, MACs below the dense MobileNetV1-1.0's ${budget + 1n}): ${made.plan.layers.map((l) => `${l.name.replace('/pointwise', '')} ${plannedChoiceText(l)}`).join('; ')}. Every planned layer meets the paper's criteria (checked on its graph): ${made.criteria.every((c) => c?.met === true)}.`,
    '',
    `**Result:** the planned network runs ${speedup.toFixed(2)}× faster than today's base-4 export (target 2×: ${speedup >= 2 ? 'met' : 'missed'}), with ${plan.macs < d10.macs ? 'fewer' : 'more'} MACs than the dense MobileNetV1-1.0, and takes ${vsHalf.toFixed(2)}× the time of the dense MobileNetV1-0.5 (stretch 1.5×: ${vsHalf <= 1.5 ? 'met' : 'missed'}).`,
    `Why not more (profile): channel fusion went from ${(byRole(b4)['channel-fusion'] ?? 0).toFixed(2)} to ${(byRole(plan)['channel-fusion'] ?? 0).toFixed(2)} ms; every planned factor is still a shuffle (Reshape–Transpose–Reshape) and a grouped Conv or batched MatMul pass over an activation twice as wide as MobileNetV1-1.0's. 2× would need ${(b4.milliseconds.median / 2).toFixed(2)} ms in all, i.e. channel fusion at about ${Math.max(0, b4.milliseconds.median / 2 - fixed(plan)).toFixed(2)} ms with the rest unchanged. And outside channel fusion the 2.0-wide network (depthwise convs, batch norms, ReLU6 on twice the channels) alone takes ${fixed(plan).toFixed(2)} ms, ${(fixed(plan) / d05.milliseconds.median).toFixed(1)}× the whole dense MobileNetV1-0.5: no plan of the butterflies can go below that.`,
    '',
    'Accuracy: the paper measured accuracy only for its own bases; the planned network is a cost what-if whose accuracy nobody has measured.',
    '',
  ];
  writeFileSync(new URL('../../bench/plan-results.md', import.meta.url), md.join('\n'));
  writeFileSync(
    new URL('../../bench/plan-results.json', import.meta.url),
    `${JSON.stringify({ machine, loadAverage: { start: loadStart, end: loadEnd }, runs, budget: budget.toString(), plan: made.plan.layers.map((l) => ({ name: l.name, ...(l.dense ? { dense: true } : { radices: l.radices, form: l.form }), macs: l.macs.toString(), ms: l.ms, denseMs: l.denseMs })), networks: rows, speedupOverBase4: speedup, planOverDenseHalf: vsHalf }, null, 2)}\n`,
  );
  out(
    `plan bench: planned ${plan.milliseconds.median.toFixed(2)} ms vs base 4 ${b4.milliseconds.median.toFixed(2)} ms (${speedup.toFixed(2)}×); dense 1.0 ${d10.milliseconds.median.toFixed(2)} ms, 0.5 ${d05.milliseconds.median.toFixed(2)} ms`,
  );
}

if (process.argv[1]?.endsWith('plan-bench.js')) {
  await runPlanBench(Number(process.env['BENCH_ROUNDS'] ?? 20), (line) => process.stdout.write(`${line}\n`));
}
