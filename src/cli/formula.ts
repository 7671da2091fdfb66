import { InvalidArgumentError, Option, type Command } from 'commander';
import { checkedFormula, FORMULA_QUANTITIES, type FormulaQuantity } from '../checks/checked-formula.js';
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
    .addOption(new Option('--quantity <q>', 'which total').choices(FORMULA_QUANTITIES).default('macs'))
    .addOption(new Option('--format <format>', 'output format').choices(FORMULA_FORMATS).default('text'));
  addParameterOptions(command);
  addFusionOptions(command);
  addConventionOptions(command);
  return command.action(
    (
      model: string,
      options: ModelOptionValues & { symbolic: string[]; quantity: FormulaQuantity; format: FormulaFormat },
    ) => {
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
      process.stdout.write(formatFormula(checkedFormula({ ...request, free }, options.quantity), options.format));
    },
  );
}
