import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  checkedFormula,
  FORMULA_QUANTITIES,
  TRAINING_QUANTITIES,
  type FormulaQuantity,
} from '../checks/checked-formula.js';
import { FORMULA_FORMATS, formatFormula, type FormulaFormat } from '../format/formula-format.js';
import {
  addConventionOptions,
  addFusionOptions,
  addParameterOptions,
  countRequestFrom,
  fusionFrom,
  type ModelOptionValues,
} from './model-options.js';
import { commaList } from './options.js';
import { addTrainingOptions, trainingSelectionFrom, type TrainingOptionValues } from './training-options.js';

/** `butterflops formula <model> --symbolic width,resolution`: the total as an expression. */
export function register(program: Command): Command {
  const command = program
    .command('formula')
    .description('the total MACs (or params) as a formula in the parameters you keep free')
    .argument(
      '<model>',
      'zoo id or architecture file (.json/.yaml); an .onnx file has no parameters to keep free (count it instead)',
    )
    .requiredOption(
      '--symbolic <names>',
      'parameters to keep free, e.g. width,resolution (base for the BFT base)',
      commaList,
    )
    .addOption(
      new Option(
        '--quantity <q>',
        'which total (default macs; trainingMacs with --training): backwardMacs and trainingMacs are those of one training step',
      ).choices(FORMULA_QUANTITIES),
    )
    .addOption(new Option('--format <format>', 'output format').choices(FORMULA_FORMATS).default('text'));
  addParameterOptions(command);
  addFusionOptions(command);
  addConventionOptions(command);
  addTrainingOptions(
    command,
    'the formula of one training step: forward + backward MACs (--quantity backwardMacs for the backward alone)',
  );
  return command.action(
    (
      model: string,
      options: ModelOptionValues &
        TrainingOptionValues & { symbolic: string[]; quantity?: FormulaQuantity; format: FormulaFormat },
    ) => {
      const quantity = options.quantity ?? (options.training === true ? 'trainingMacs' : 'macs');
      // A forward total with --training would silently leave the training step out.
      if (options.training === true && !TRAINING_QUANTITIES.includes(quantity))
        throw new InvalidArgumentError(
          `--training is the formula of a training step: --quantity backwardMacs or trainingMacs, not ${quantity}`,
        );
      // A training quantity is a training step (every parameter trains unless --freeze/--trainable say otherwise).
      const training = trainingSelectionFrom(
        TRAINING_QUANTITIES.includes(quantity) ? { ...options, training: true } : options,
      );
      const symbolicBase = options.symbolic.includes('base');
      if (symbolicBase && (options.fusion ?? 'pointwise') !== 'bft') {
        throw new InvalidArgumentError('--symbolic base needs --fusion bft');
      }
      if (options.logMode === 'real') {
        throw new InvalidArgumentError(
          '--log-mode real has no exact formula (its count is rounded per layer); use ceil, padded or mixed-radix',
        );
      }
      const request = countRequestFrom(model, options, fusionFrom(options, options.fusion, symbolicBase));
      const free = options.symbolic.filter((name) => name !== 'base');
      process.stdout.write(
        formatFormula(
          checkedFormula({ ...request, free, ...(training !== undefined ? { training } : {}) }, quantity),
          options.format,
        ),
      );
    },
  );
}
