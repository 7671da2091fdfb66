import { InvalidArgumentError, Option, type Command } from 'commander';
import { formatMatch, MATCH_FORMATS, type MatchFormat } from '../format/match-format.js';
import { UserError } from '../errors.js';
import { equalCostPairs, matchBudget } from '../search/match.js';
import {
  addConventionOptions,
  addFusionOptions,
  addParameterOptions,
  countRequestFrom,
  fusionFrom,
  type ModelOptionValues,
} from './model-options.js';
import { budget, grid, tolerance } from './options.js';

/** `butterflops match <model> --budget 41M`: configurations of (nearly) equal MACs. */
/** Most configurations a match counts (each is a network built and counted: a few milliseconds). */
export const MAX_MATCH_CONFIGURATIONS = 20_000;

export function register(program: Command): Command {
  const command = program
    .command('match')
    .description(
      'width × resolution configurations (resolutions alone for a model without a width, e.g. ResNets and ONNX files) whose MACs are within a tolerance of a budget, closest first, and the BFT configuration of equal cost for each baseline',
    )
    .argument('<model>', 'zoo id, architecture file or .onnx file')
    .requiredOption('--budget <macs>', 'MAC budget, e.g. 41M', budget)
    .option('--tolerance <t>', 'relative tolerance, e.g. 5% or 0.05', tolerance, 0.1)
    .option('--widths <grid>', 'width grid: start:stop:step or a list', grid, grid('0.25:2:0.25'))
    .option('--resolutions <grid>', 'resolution grid: start:stop:step or a list', grid, grid('96:256:32'))
    .addOption(new Option('--format <format>', 'output format').choices(MATCH_FORMATS).default('table'));
  addParameterOptions(command, false);
  addFusionOptions(command);
  addConventionOptions(command);
  return command.action(
    (
      model: string,
      options: ModelOptionValues & {
        budget: bigint;
        tolerance: number;
        widths: number[];
        resolutions: number[];
        format: MatchFormat;
      },
    ) => {
      if (options.resolutions.some((r) => !Number.isInteger(r)))
        throw new InvalidArgumentError('resolutions must be integers');
      const configurations = options.widths.length * options.resolutions.length;
      if (configurations > MAX_MATCH_CONFIGURATIONS) {
        throw new UserError(
          `${options.widths.length} widths × ${options.resolutions.length} resolutions are ${configurations} configurations to count`,
          { location: { field: '--widths' }, expected: `at most ${MAX_MATCH_CONFIGURATIONS} (a coarser grid)` },
        );
      }
      const request = {
        ...countRequestFrom(model, options),
        budgetMacs: options.budget,
        tolerance: options.tolerance,
        widths: options.widths,
        resolutions: options.resolutions,
      };
      if (
        command.getOptionValueSource('widths') === 'cli' &&
        !request.model.parameters.some((parameter) => parameter.name === 'width')
      ) {
        throw new UserError(`model ${request.model.id} has no width parameter: the match sweeps its resolution alone`, {
          location: { field: '--widths' },
          expected: 'no --widths for this model',
        });
      }
      const matches = matchBudget(request);
      const pairs = equalCostPairs(request, fusionFrom(options, 'bft'));
      const query = {
        model,
        fusion: options.fusion ?? 'pointwise',
        tolerance: options.tolerance,
        budgetMacs: options.budget,
      };
      process.stdout.write(formatMatch(query, matches, pairs, options.format));
    },
  );
}
