import { Option, type Command } from 'commander';
import { countCost } from '../count/count-request.js';
import { UserError } from '../errors.js';
import { formatCostReport, REPORT_FORMATS, type ReportFormat } from '../report/cost-report-format.js';
import { addConventionOptions, addFusionOptions, addParameterOptions, countRequestFrom, type ModelOptionValues } from './model-options.js';

/** `butterflops count <model>`: per-layer MACs, params, activations and formulas. */
export function register(program: Command): Command {
  const command = program
    .command('count')
    .description('exact per-layer MACs, FLOPs, params and activations of a model (zoo id or architecture file)')
    .argument('<model>', 'zoo id (see `butterflops models`), path to a .json/.yaml architecture file, or an .onnx export')
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('table'))
    .option('--strict', 'exit with code 2 (and print nothing) when any layer or operator is not counted');
  addParameterOptions(command);
  addFusionOptions(command);
  addConventionOptions(command);
  return command.action((model: string, options: ModelOptionValues & { format: ReportFormat; strict?: boolean }) => {
    const report = countCost(countRequestFrom(model, options));
    if (options.strict && report.notCounted.length > 0) {
      const listed = report.notCounted.map((n) => `${n.kind} ×${n.layers.length}`).join(', ');
      throw new UserError(`not counted: ${listed}`, { location: { field: '--strict' }, expected: 'every layer and operator counted (drop --strict to see the partial count)' });
    }
    process.stdout.write(formatCostReport(report, options.format));
  });
}
