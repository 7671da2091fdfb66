import { Option, type Command } from 'commander';
import { UserError } from '../errors.js';
import { checkFileDestination, writeFileAtomic } from '../io/output.js';
import { packageRoot } from '../io/package-root.js';
import { readTextFile } from '../io/read-text-file.js';
import { join } from 'node:path';
import { parseDeviceProfile, type DeviceProfile } from '../latency/device-profile.js';
import { BUTTERFLY_FORMS, type ButterflyForm } from '../model/layer.js';
import { PLAN_OBJECTIVES, type PlanObjective } from '../model/network-plan.js';
import { formatPlan, PLAN_FORMATS, type PlanFormat } from '../format/plan-format.js';
import { stringifyExact } from '../text/json.js';
import {
  addFusionOptions,
  addParameterOptions,
  countRequestFrom,
  fusionFrom,
  type ModelOptionValues,
} from './model-options.js';
import { budget, commaList, integerAtLeast } from './options.js';

interface PlanOptionValues extends ModelOptionValues {
  objective: PlanObjective;
  maxMacs?: bigint;
  threads: number;
  runs: number;
  warmup: number;
  forms: string[];
  dense: boolean;
  out?: string;
  cache?: string;
  device?: string;
  format: PlanFormat;
}

/**
 * `butterflops plan <model>`: a butterfly factorisation per channel-fusion layer, or the dense
 * 1×1 conv kept where that is faster (issue 22), chosen by MACs, by time measured in
 * onnxruntime, or by a roofline prediction (issue 18).
 */
export function register(program: Command): Command {
  const command = program
    .command('plan')
    .description(
      'choose per channel-fusion layer a butterfly factorisation (radices from base 2 to two factors near √n) and operator form, or keeping the dense 1×1 conv, by MACs, by time measured on onnxruntime, or by roofline; writes a plan file for --plan',
    )
    .argument('<model>', 'zoo id, architecture file or .onnx file')
    .addOption(new Option('--objective <objective>', 'what to minimise').choices(PLAN_OBJECTIVES).default('latency'))
    .option('--max-macs <macs>', 'MAC budget of the whole network, e.g. 569M', budget)
    .option('--threads <n>', 'intra-op threads of the measurements', integerAtLeast(1), 1)
    .option('--runs <n>', 'timed runs per candidate (interleaved)', integerAtLeast(1), 15)
    .option('--warmup <n>', 'untimed runs first', integerAtLeast(0), 3)
    .option('--forms <list>', `operator forms to try (${BUTTERFLY_FORMS.join(', ')})`, commaList, ['conv', 'matmul'])
    .option(
      '--no-dense',
      'plan every layer as a butterfly (default: a layer stays a dense 1×1 conv where that is faster)',
    )
    .option(
      '--device <file>',
      "device profile for --objective roofline (from `butterflops calibrate`; default: data/devices/epyc-2core-shared.json, measured on this project's 2-core machine)",
    )
    .option(
      '--cache <file>',
      'measurement cache (read, and written after each shape): a second run measures nothing it has',
    )
    .option('--out <file>', 'write the plan file (JSON) for --plan')
    .addOption(new Option('--format <format>', 'output format').choices(PLAN_FORMATS).default('table'));
  addParameterOptions(command);
  addFusionOptions(command, false);
  return command.action(async (model: string, options: PlanOptionValues) => {
    for (const form of options.forms) {
      if (!(BUTTERFLY_FORMS as readonly string[]).includes(form))
        throw new UserError('unknown operator form', {
          location: { field: '--forms' },
          received: form,
          expected: BUTTERFLY_FORMS.join(', '),
        });
    }
    if (options.radices !== undefined || options.plan !== undefined)
      throw new UserError('plan makes the plan: --radices and --plan do not apply', {
        location: { field: options.plan !== undefined ? '--plan' : '--radices' },
      });
    if (options.out !== undefined) checkFileDestination(options.out);
    const bft = countRequestFrom(model, options, fusionFrom(options, 'bft'));
    let device: DeviceProfile | undefined;
    if (options.objective === 'roofline') {
      const file = options.device ?? join(packageRoot(), 'data', 'devices', 'epyc-2core-shared.json');
      let data: unknown;
      try {
        data = JSON.parse(readTextFile(file));
      } catch (error) {
        if (error instanceof UserError) throw error;
        throw new UserError('the device profile is not JSON', { location: { file } });
      }
      device = parseDeviceProfile(data, file);
    }
    const progress = process.stderr.isTTY ? (line: string) => process.stderr.write(`\r\x1b[K${line}`) : undefined;
    // onnxruntime's native binding loads only when a command runs it (not on every CLI start).
    const { makePlan } = await import('../runtime/make-plan.js');
    const result = await makePlan(model, bft, {
      objective: options.objective,
      forms: options.forms as ButterflyForm[],
      threads: options.threads,
      runs: options.runs,
      warmup: options.warmup,
      label: options.out ?? '(this plan)',
      dense: options.dense,
      ...(options.maxMacs !== undefined ? { maxMacs: options.maxMacs } : {}),
      ...(options.cache !== undefined ? { cache: options.cache } : {}),
      ...(device !== undefined ? { device } : {}),
      ...(progress !== undefined ? { progress } : {}),
    });
    if (progress) process.stderr.write('\r\x1b[K');
    const plan = result.plan;
    if (options.out !== undefined) writeFileAtomic(options.out, `${stringifyExact(plan)}\n`);
    process.stdout.write(formatPlan(result, options.format));
  });
}
