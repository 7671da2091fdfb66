import { Option, type Command } from 'commander';
import { loadResultsCounting } from '../io/load-results.js';
import { formatParetoChunks, PARETO_FORMATS, type ParetoFormat } from '../format/pareto-format.js';
import { analyseResults } from '../results/pareto-analysis.js';
import { commaList } from './options.js';

interface ParetoOptions {
  readonly by: string[];
  readonly format: ParetoFormat;
  readonly cost: 'published' | 'counted';
  readonly baseline?: string;
  readonly candidate?: string;
  readonly dataset?: string;
}

/**
 * `butterflops pareto <results.csv…>`: Pareto frontiers per series and overall, dominated
 * points, and the iso-cost comparison of candidate (BFT) points with their family's baseline.
 */
export function register(program: Command): Command {
  return program
    .command('pareto')
    .description(
      'Pareto frontiers (accuracy vs MACs) per series and overall, and the iso-cost comparison of BFT with its baseline',
    )
    .argument('<results...>', 'result CSV files (format: data/README.md)')
    .option('--by <fields>', 'fields that define a series, comma-separated', commaList, ['family', 'fusion'])
    .addOption(new Option('--format <format>', 'output format').choices(PARETO_FORMATS).default('table'))
    .addOption(
      new Option('--cost <which>', 'cost used when a row has a published and a counted one')
        .choices(['published', 'counted'])
        .default('published'),
    )
    .option('--baseline <fusion>', 'fusion of the baseline series for the iso-cost comparison (default: pointwise)')
    .option('--candidate <fusion>', 'fusion of the points compared at iso-cost (default: bft)')
    .option('--dataset <name>', "dataset the accuracies were measured on (default: the CSV's dataset column, if any)")
    .action(async (files: string[], options: ParetoOptions) => {
      const records = await loadResultsCounting(files, options.cost);
      const analysis = analyseResults(records, {
        by: options.by,
        preference: options.cost,
        ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
        ...(options.candidate === undefined ? {} : { candidate: options.candidate }),
      });
      // In batches of about a megabyte: a million rows of JSON do not fit in one string.
      let batch: string[] = [];
      let length = 0;
      for (const chunk of formatParetoChunks(analysis, options.format, options.dataset)) {
        batch.push(chunk);
        length += chunk.length;
        if (length >= 1 << 20) {
          process.stdout.write(batch.join(''));
          batch = [];
          length = 0;
        }
      }
      process.stdout.write(batch.join(''));
    });
}
