import { Option, type Command } from 'commander';
import { countCost } from '../count/count-request.js';
import { COMPARE_FORMATS, formatComparison, type CompareFormat } from '../format/compare-format.js';
import {
  addConventionOptions,
  addFusionOptions,
  addParameterOptions,
  addPresetOption,
  countRequestFrom,
  fusionFrom,
  parameterField,
  type ModelOptionValues,
} from './model-options.js';
import { integerAtLeast, positiveNumber } from './options.js';

/** `butterflops compare <model>`: pointwise (A) vs BFT (B), per layer and by role. */
export function register(program: Command): Command {
  const command = program
    .command('compare')
    .description(
      'pointwise (A) vs BFT (B) fusion side by side, per layer and by role; B may use another width/resolution',
    )
    .argument('<model>', 'zoo id, architecture file (.json/.yaml) or .onnx file')
    .option('--bft-width <alpha>', 'width multiplier of B (default: same as A)', positiveNumber)
    .option('--bft-resolution <pixels>', 'resolution of B (default: same as A)', integerAtLeast(1))
    .addOption(new Option('--format <format>', 'output format').choices(COMPARE_FORMATS).default('table'));
  addParameterOptions(command);
  addFusionOptions(command, false);
  addConventionOptions(command);
  addPresetOption(command);
  return command.action(
    (
      model: string,
      options: ModelOptionValues & { bftWidth?: number; bftResolution?: number; format: CompareFormat },
    ) => {
      const a = countRequestFrom(model, options, { kind: 'pointwise' });
      const bParameters = { ...a.parameters };
      if (options.bftWidth !== undefined) bParameters['width'] = options.bftWidth;
      if (options.bftResolution !== undefined) bParameters['resolution'] = options.bftResolution;
      // B's width and resolution come from --bft-width/--bft-resolution when given: name those in messages.
      const bField = (name: string): string => {
        if (name === 'width' && options.bftWidth !== undefined) return '--bft-width';
        if (name === 'resolution' && options.bftResolution !== undefined) return '--bft-resolution';
        return parameterField(name);
      };
      const b = { ...a, parameters: bParameters, fusion: fusionFrom(options, 'bft'), parameterField: bField };
      process.stdout.write(formatComparison(countCost(a), countCost(b), options.format));
    },
  );
}
