import { InvalidArgumentError, Option, type Command } from 'commander';
import { explainConventions } from '../conventions/explain.js';
import { EXPLAIN_FORMATS, formatExplanation, type ExplainFormat } from '../format/explain-format.js';
import { PRESET_NAMES, type PresetName } from '../conventions/preset.js';
import { CONVENTION_PRESETS, isPresetName } from '../conventions/presets.js';
import { buildFusedNetwork } from '../count/count-request.js';
import { addFusionOptions, addParameterOptions, countRequestFrom, type ModelOptionValues } from './model-options.js';

const DEFAULT_CONVENTIONS: readonly PresetName[] = [
  'paper',
  'fvcore',
  'ptflops',
  'ptflops-modules',
  'ptflops-aten',
  'thop',
  'torch-profiler',
];

function presetList(text: string): PresetName[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = names.filter((name) => !isPresetName(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(
      `unknown convention preset${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; expected a comma-separated list of ${PRESET_NAMES.join(', ')}`,
    );
  }
  return [...new Set(names)] as PresetName[];
}

/** `butterflops explain <model>`: a column per counting tool, a row per operation category. */
export function register(program: Command): Command {
  const command = program
    .command('explain')
    .description(
      "reconcile counting tools' totals (fvcore, ptflops, thop, torch.profiler, the papers): a row per operation category, a column per tool",
    )
    .argument('<model>', 'zoo id (see `butterflops models`) or path to a .json/.yaml architecture file')
    .option(
      '--conventions <names>',
      `comma-separated presets, one column each (default: all): ${PRESET_NAMES.join(', ')}`,
      presetList,
    )
    .addOption(new Option('--format <format>', 'output format').choices(EXPLAIN_FORMATS).default('table'));
  addParameterOptions(command);
  addFusionOptions(command);
  return command.action(
    (model: string, options: ModelOptionValues & { conventions?: PresetName[]; format: ExplainFormat }) => {
      const network = buildFusedNetwork(countRequestFrom(model, options));
      const presets = (options.conventions ?? DEFAULT_CONVENTIONS).map((name) => CONVENTION_PRESETS[name]);
      process.stdout.write(formatExplanation(explainConventions(network, presets), options.format));
    },
  );
}
