import { Option, type Command } from 'commander';
import { countCost } from '../count/count-request.js';
import { formatCostReport, REPORT_FORMATS, type ReportFormat } from '../report/cost-report-format.js';
import { addConventionOptions, addFusionOptions, addParameterOptions, addPresetOption, countRequestFrom, type ModelOptionValues } from './model-options.js';

/** `butterflops count <model>`: per-layer MACs, params, activations and formulas. */
export function register(program: Command): Command {
  const command = program
    .command('count')
    .description('exact per-layer MACs, FLOPs, params and activations of a model (zoo id or architecture file)')
    .argument('<model>', 'zoo id (see `butterflops models`) or path to a .json/.yaml architecture file')
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('table'));
  addParameterOptions(command);
  addFusionOptions(command);
  addConventionOptions(command);
  addPresetOption(command);
  return command.action((model: string, options: ModelOptionValues & { format: ReportFormat }) => {
    process.stdout.write(formatCostReport(countCost(countRequestFrom(model, options)), options.format));
  });
}
