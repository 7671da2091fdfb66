import { Option, type Command } from 'commander';
import { countModel } from '../count-model.js';
import { formatCostReport, REPORT_FORMATS, type ReportFormat } from '../report/cost-report-format.js';
import {
  addConventionOptions, addFusionOptions, addParameterOptions, addPresetOption, conventionFrom, fusionFrom, parameterField, parametersFrom,
  registryFrom, type ModelOptionValues,
} from './model-options.js';

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
    const report = countModel({
      model,
      parameters: parametersFrom(options),
      fusion: fusionFrom(options),
      convention: conventionFrom(options),
      registry: registryFrom(options),
      parameterField,
    });
    process.stdout.write(formatCostReport(report, options.format));
  });
}
