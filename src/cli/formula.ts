import { InvalidArgumentError, Option, type Command } from 'commander';
import { analyze } from '../cost/analyze.js';
import { symbolicTotal } from '../cost/symbolic-total.js';
import { loadNetwork } from '../count-model.js';
import { evaluateExact, fractionToBigInt } from '../expr/math.js';
import { describeConvention } from '../report/convention-text.js';
import { stringifyExact } from '../text/json.js';
import { withThousands } from '../text/numbers.js';
import { renderTable } from '../text/table.js';
import {
  addConventionOptions, addFusionOptions, addParameterOptions, conventionFrom, fusionFrom, parameterField, parametersFrom,
  type ModelOptionValues,
} from './model-options.js';
import { commaList } from './options.js';

const QUANTITIES = ['macs', 'params', 'extraOps'] as const;
const FORMULA_FORMATS = ['text', 'latex', 'json'] as const;

/** `butterflops formula <model> --symbolic width,resolution`: the total as an expression. */
export function register(program: Command): Command {
  const command = program
    .command('formula')
    .description('the total MACs (or params) as a formula in the parameters you keep free')
    .argument('<model>', 'zoo id or path to an architecture file')
    .requiredOption('--symbolic <names>', 'parameters to keep free, e.g. width,resolution (base for the BFT base)', commaList)
    .addOption(new Option('--quantity <q>', 'which total').choices(QUANTITIES).default('macs'))
    .addOption(new Option('--format <format>', 'output format').choices(FORMULA_FORMATS).default('text'));
  addParameterOptions(command);
  addFusionOptions(command);
  addConventionOptions(command);
  return command.action((model: string, options: ModelOptionValues & { symbolic: string[]; quantity: (typeof QUANTITIES)[number]; format: (typeof FORMULA_FORMATS)[number] }) => {
    const symbolicBase = options.symbolic.includes('base');
    if (symbolicBase && (options.fusion ?? 'pointwise') !== 'bft') {
      throw new InvalidArgumentError('--symbolic base needs --fusion bft');
    }
    if (options.logMode === 'real') {
      throw new InvalidArgumentError('--log-mode real has no exact formula (its count is rounded per layer); use ceil, padded or mixed-radix');
    }
    const free = options.symbolic.filter((name) => name !== 'base');
    const convention = conventionFrom(options);
    const network = loadNetwork({
      model, parameters: parametersFrom(options), fusion: fusionFrom(options, options.fusion, symbolicBase), convention, free, parameterField,
    });
    const total = symbolicTotal(network, convention, options.quantity);
    // Check at the build point: the formula must give exactly the concrete count.
    const point: Record<string, number> = {};
    for (const name of network.free) point[name] = Number(network.parameters[name]);
    const concrete = analyze(network, convention).total[options.quantity];
    const atPoint = fractionToBigInt(evaluateExact(total.expression, point));
    const pointText = Object.entries(point).map(([k, v]) => `${k}=${v}`).join(', ');
    if (atPoint !== concrete) {
      throw new Error(`formula check failed at ${pointText}: formula ${atPoint} vs concrete ${concrete}`);
    }
    if (options.format === 'json') {
      process.stdout.write(stringifyExact({ model: network.model, quantity: options.quantity, free: total.free, expression: total.expression, latex: total.latex, terms: total.terms, check: { at: point, value: concrete } }));
      return;
    }
    if (options.format === 'latex') {
      process.stdout.write(`${total.latex}\n`);
      return;
    }
    const lines = [
      `${network.model}: total ${options.quantity} as a function of ${total.free.join(', ')}`,
      `convention: ${describeConvention(convention)}`,
      '',
      `${options.quantity} = ${total.expression}`,
      '',
      renderTable({
        columns: [{ header: 'count', align: 'right' }, { header: 'term' }, { header: 'layers' }],
        rows: total.terms.map((t) => [`${t.count}`, t.term, t.layers.length > 3 ? `${t.layers.slice(0, 3).join(', ')}, …` : t.layers.join(', ')]),
      }, 'table'),
      `check: at ${pointText} the formula gives ${withThousands(concrete)}, equal to the layer-by-layer count.`,
      'valid wherever the layer structure (which layers and branches exist) is the same as at that point.',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}
