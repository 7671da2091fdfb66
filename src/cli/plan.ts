import { Option, type Command } from 'commander';
import { buildFusedNetwork, countCost } from '../count/count-request.js';
import { UserError } from '../errors.js';
import { planCriteria } from '../graph/plan-criteria.js';
import { checkFileDestination, writeFileAtomic } from '../io/output.js';
import { readTextFile } from '../io/read-text-file.js';
import { parseDeviceProfile, roofline } from '../latency/device-profile.js';
import { BUTTERFLY_FORMS, type ButterflyForm, type ButterflyLayerPlan } from '../model/layer.js';
import { PLAN_OBJECTIVES, type NetworkPlan, type PlanObjective, type PlannedLayer } from '../model/network-plan.js';
import { formatPlan, PLAN_FORMATS, type PlanFormat } from '../report/plan-format.js';
import { candidateRadices, choosePlan, planMacs, planShapes, type PlanCandidate } from '../search/plan-candidates.js';
import { stringifyExact } from '../text/json.js';
import { addFusionOptions, addParameterOptions, countRequestFrom, fusionFrom, type ModelOptionValues } from './model-options.js';
import { budget, commaList, integerAtLeast } from './options.js';

interface PlanOptionValues extends ModelOptionValues {
  objective: PlanObjective;
  maxMacs?: bigint;
  threads: number;
  runs: number;
  warmup: number;
  forms: string[];
  out?: string;
  cache?: string;
  device?: string;
  format: PlanFormat;
}

/**
 * `butterflops plan <model>`: a butterfly factorisation per channel-fusion layer, chosen by
 * MACs, by time measured in onnxruntime, or by a roofline prediction (issue 18).
 */
export function register(program: Command): Command {
  const command = program
    .command('plan')
    .description('choose a butterfly factorisation (radices from base 2 to two factors near √n) and operator form per channel-fusion layer, by MACs, by time measured on onnxruntime, or by roofline; writes a plan file for --plan')
    .argument('<model>', 'zoo id, architecture file or .onnx file')
    .addOption(new Option('--objective <objective>', 'what to minimise').choices(PLAN_OBJECTIVES).default('latency'))
    .option('--max-macs <macs>', 'MAC budget of the whole network, e.g. 569M', budget)
    .option('--threads <n>', 'intra-op threads of the measurements', integerAtLeast(1), 1)
    .option('--runs <n>', 'timed runs per candidate (interleaved)', integerAtLeast(1), 15)
    .option('--warmup <n>', 'untimed runs first', integerAtLeast(0), 3)
    .option('--forms <list>', `operator forms to try (${BUTTERFLY_FORMS.join(', ')})`, commaList, ['conv', 'matmul'])
    .option('--device <file>', 'device profile for --objective roofline (from `butterflops calibrate`)', 'data/devices/epyc-2core-shared.json')
    .option('--cache <file>', 'measurement cache (read, and written after each shape): a second run measures nothing it has')
    .option('--out <file>', 'write the plan file (JSON) for --plan')
    .addOption(new Option('--format <format>', 'output format').choices(PLAN_FORMATS).default('table'));
  addParameterOptions(command);
  addFusionOptions(command, false);
  return command.action(async (model: string, options: PlanOptionValues) => {
    for (const form of options.forms) {
      if (!(BUTTERFLY_FORMS as readonly string[]).includes(form)) throw new UserError('unknown operator form', { location: { field: '--forms' }, received: form, expected: BUTTERFLY_FORMS.join(', ') });
    }
    if (options.radices !== undefined || options.plan !== undefined) throw new UserError('plan makes the plan: --radices and --plan do not apply', { location: { field: options.plan !== undefined ? '--plan' : '--radices' } });
    if (options.out !== undefined) checkFileDestination(options.out);
    const forms = options.forms as ButterflyForm[];
    const bft = countRequestFrom(model, options, fusionFrom(options, 'bft'));
    const network = buildFusedNetwork(bft);
    const unplanned = countCost(bft);
    const dense = countCost({ ...bft, fusion: { kind: 'pointwise' } });
    const shapes = planShapes(network);
    if (shapes.length === 0) throw new UserError('the network has no layer the BFT replaces: nothing to plan', { location: { field: '<model>' } });
    const radixLists = shapes.map((shape) => candidateRadices(shape.m));
    const requests = shapes.map((shape, s) => ({ shape, candidates: (radixLists[s] ?? []).flatMap((radices) => forms.map((form) => ({ radices, form }))) }));

    let times: { denseMs?: number; candidateMs: readonly (number | undefined)[] }[] = requests.map((r) => ({ candidateMs: r.candidates.map(() => undefined) }));
    let measured = 0;
    let cached = 0;
    if (options.objective === 'latency') {
      const progress = process.stderr.isTTY ? (line: string) => process.stderr.write(`\r\x1b[K${line}`) : undefined;
      const { measurePlanCandidates } = await import('../runtime/measure-plan.js');
      const strategy = bft.fusion.kind === 'bft' ? bft.fusion : undefined;
      const result = await measurePlanCandidates(requests, {
        threads: options.threads, runs: options.runs, warmup: options.warmup,
        shapePolicy: strategy?.shapePolicy ?? 'official', residual: strategy?.residual ?? true,
        ...(options.cache !== undefined ? { cache: options.cache } : {}), ...(progress !== undefined ? { progress } : {}),
      });
      if (progress) process.stderr.write('\r\x1b[K');
      times = result;
      measured = result.reduce((sum, r) => sum + r.measured, 0);
      cached = result.reduce((sum, r) => sum + r.candidateMs.length + 1 - r.measured, 0);
    } else if (options.objective === 'roofline') {
      const text = readTextFile(options.device ?? '');
      let data: unknown;
      try { data = JSON.parse(text); } catch { throw new UserError('the device profile is not JSON', { location: { file: options.device ?? '' } }); }
      const profile = parseDeviceProfile(data, options.device ?? '');
      // Each factor reads and writes the activation once, and a shuffle before it (r < m) once more (float32).
      times = requests.map((r) => ({
        candidateMs: r.candidates.map((c) => {
          const pixels = BigInt(r.shape.height * r.shape.width);
          const passes = c.radices.reduce((sum, radix) => sum + (radix === r.shape.m ? 1 : 2), 0);
          const bytes = 8n * BigInt(r.shape.squares * r.shape.m) * pixels * BigInt(passes);
          return roofline(planMacs(r.shape, c.radices), bytes, profile).predictedMicroseconds / 1000;
        }),
      }));
    }
    const candidates: PlanCandidate[][] = requests.map((r, s) => r.candidates.map((c, i) => {
      const ms = times[s]?.candidateMs[i];
      return { radices: c.radices, form: c.form, macs: planMacs(r.shape, c.radices), ...(ms !== undefined ? { ms } : {}) };
    }));
    const butterflyMacs = unplanned.layers.filter((l) => l.kind === 'butterfly').reduce((sum, l) => sum + l.macs, 0n);
    const otherMacs = unplanned.total.macs - butterflyMacs;
    if (options.maxMacs !== undefined && options.maxMacs < otherMacs) {
      throw new UserError(`the layers the BFT does not replace alone take ${otherMacs} MACs`, { location: { field: '--max-macs' }, received: options.maxMacs.toString(), expected: `a budget above ${otherMacs}` });
    }
    let choices;
    try {
      choices = choosePlan(shapes, candidates, options.objective, options.maxMacs === undefined ? undefined : options.maxMacs - otherMacs);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new UserError('no plan fits the MAC budget', { location: { field: '--max-macs' }, received: options.maxMacs?.toString(), expected: 'a larger budget (base 2 gives the fewest MACs)' });
    }
    const layers: PlannedLayer[] = [];
    const byName = new Map<string, ButterflyLayerPlan>();
    choices.forEach(({ shape, chosen }, s) => {
      for (const name of shape.layers) {
        byName.set(name, { radices: chosen.radices, form: chosen.form });
        const denseMs = times[s]?.denseMs;
        layers.push({
          name, n: shape.m, inChannels: shape.inChannels, outChannels: shape.outChannels, pixels: shape.height * shape.width,
          radices: chosen.radices, form: chosen.form, macs: chosen.macs,
          ...(chosen.ms !== undefined && options.objective !== 'macs' ? { ms: chosen.ms } : {}),
          ...(denseMs !== undefined ? { denseMs } : {}),
        });
      }
    });
    const order = new Map(network.layers.map((l, i) => [l.name, i]));
    layers.sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
    const planned = countCost({ ...bft, fusion: { ...(bft.fusion as Extract<typeof bft.fusion, { kind: 'bft' }>), plan: { kind: 'layers', file: options.out ?? '(this plan)', layers: byName } } });
    const plan: NetworkPlan = {
      model, parameters: bft.parameters as Record<string, number | string | boolean>, objective: options.objective,
      ...(options.maxMacs !== undefined ? { maxMacs: options.maxMacs } : {}),
      ...(options.objective === 'latency' ? { threads: options.threads } : {}),
      layers,
    };
    const sum = (pick: (l: PlannedLayer) => number | undefined) => (options.objective === 'macs' ? undefined : layers.reduce((t, l) => t + (pick(l) ?? NaN), 0));
    const plannedMs = sum((l) => l.ms);
    const denseMs = options.objective === 'latency' ? sum((l) => l.denseMs) : undefined;
    if (options.out !== undefined) writeFileAtomic(options.out, `${stringifyExact(plan)}\n`);
    process.stdout.write(formatPlan({
      plan, criteria: layers.map((l) => planCriteria(l.radices)), networkMacs: planned.total.macs, unplannedMacs: unplanned.total.macs,
      denseMacs: dense.total.macs, ...(plannedMs !== undefined ? { plannedMs } : {}), ...(denseMs !== undefined ? { denseMs } : {}), measured, cached,
    }, options.format));
  });
}
