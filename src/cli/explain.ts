import { InvalidArgumentError, Option, type Command } from 'commander';
import { explainConventions } from '../conventions/explain.js';
import { EXPLAIN_FORMATS, formatExplanation, type ExplainFormat } from '../format/explain-format.js';
import { PRESET_NAMES, type PresetName } from '../conventions/preset.js';
import { CONVENTION_PRESETS, isPresetName } from '../conventions/presets.js';
import { buildFusedNetwork } from '../count/count-request.js';
import { UserError } from '../errors.js';
import { formatTrainingExplanation } from '../format/training-explain-format.js';
import { explainTraining } from '../training/approximations.js';
import { trainingCost } from '../training/training-cost.js';
import { addTrainingOptions, trainingSelectionFrom, type TrainingOptionValues } from './training-options.js';
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
    .argument('<model>', 'zoo id (see `butterflops models`), architecture file (.json/.yaml) or .onnx file')
    .option(
      '--conventions <names>',
      `comma-separated presets, one column each (default: all): ${PRESET_NAMES.join(', ')}`,
      presetList,
    )
    .addOption(new Option('--format <format>', 'output format').choices(EXPLAIN_FORMATS).default('table'));
  addParameterOptions(command);
  addFusionOptions(command);
  addTrainingOptions(
    command,
    'explain one training step instead: the exact forward and backward MACs beside backward = 2 × forward, training = 3 × forward and 6·N·D',
  );
  return command.action(
    (
      model: string,
      options: ModelOptionValues & TrainingOptionValues & { conventions?: PresetName[]; format: ExplainFormat },
    ) => {
      const training = trainingSelectionFrom(options);
      const network = buildFusedNetwork(countRequestFrom(model, options));
      if (training !== undefined) {
        if (options.conventions !== undefined) {
          throw new UserError('--conventions chooses tool columns; explain --training compares shortcuts instead', {
            location: { field: '--conventions' },
          });
        }
        const cost = trainingCost(network, training);
        const params = cost.total.trainableParams + cost.total.frozenParams;
        const title = `${network.model} (${Object.entries(network.parameters)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')})`;
        process.stdout.write(formatTrainingExplanation(explainTraining(network, cost, params), title, options.format));
        return;
      }
      const presets = (options.conventions ?? DEFAULT_CONVENTIONS).map((name) => CONVENTION_PRESETS[name]);
      process.stdout.write(formatExplanation(explainConventions(network, presets), options.format));
    },
  );
}
