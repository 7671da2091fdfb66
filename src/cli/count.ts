import { Option, type Command } from 'commander';
import { countCost } from '../count/count-request.js';
import { UserError } from '../errors.js';
import { formatCostReport, REPORT_FORMATS, type ReportFormat } from '../format/cost-report-format.js';
import { ROW_SORTS, type RowSort } from '../format/module-rollup.js';
import { integerAtLeast } from './options.js';
import { addTrainingOptions, trainingSelectionFrom, type TrainingOptionValues } from './training-options.js';
import {
  addConventionOptions,
  addFusionOptions,
  addParameterOptions,
  addPresetOption,
  countRequestFrom,
  type ModelOptionValues,
} from './model-options.js';

/** `butterflops count <model>`: per-layer MACs, params, activations and formulas. */
export function register(program: Command): Command {
  const command = program
    .command('count')
    .description(
      'exact per-layer MACs, FLOPs, params and activations of a model (zoo id, architecture file or ONNX file)',
    )
    .argument(
      '<model>',
      'zoo id (see `butterflops models`), path to a .json/.yaml architecture file, or an .onnx export',
    )
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('table'))
    .option('--strict', 'exit with code 2 (and print nothing) when any layer or operator is not counted')
    .option(
      '--depth <n>',
      'one row per module: layers grouped by the first n segments of their names (a/b/c), with subtotals',
      integerAtLeast(1),
    )
    .option('--hide-zero', 'drop rows with neither MACs nor params')
    .addOption(
      new Option('--sort <key>', 'row order: network order, or descending macs or params')
        .choices(ROW_SORTS)
        .default('order'),
    )
    .option('--top <n>', 'show only the first n rows (after sorting)', integerAtLeast(1));
  addTrainingOptions(
    command,
    'also count one training step: per layer the backward MACs autograd executes (input and weight gradients)',
  );
  addParameterOptions(command);
  addFusionOptions(command);
  addConventionOptions(command);
  addPresetOption(command);
  type CountOptions = ModelOptionValues & {
    format: ReportFormat;
    strict?: boolean;
    depth?: number;
    hideZero?: boolean;
    sort: RowSort;
    top?: number;
  } & TrainingOptionValues;
  return command.action((model: string, options: CountOptions) => {
    const training = trainingSelectionFrom(options);
    const report = countCost({ ...countRequestFrom(model, options), ...(training ? { training } : {}) });
    if (options.strict && report.notCounted.length > 0) {
      const listed = report.notCounted.map((n) => `${n.kind} ×${n.layers.length}`).join(', ');
      throw new UserError(`not counted: ${listed}`, {
        location: { field: '--strict' },
        expected: 'every layer and operator counted (drop --strict to see the partial count)',
      });
    }
    process.stdout.write(
      formatCostReport(report, options.format, {
        ...(options.depth !== undefined ? { depth: options.depth } : {}),
        ...(options.hideZero ? { hideZero: true } : {}),
        sort: options.sort,
        ...(options.top !== undefined ? { top: options.top } : {}),
      }),
    );
  });
}
