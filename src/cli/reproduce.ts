import { Option, type Command } from 'commander';
import { join } from 'node:path';
import { defaultModelSource } from '../io/file-model-source.js';
import { packageRoot } from '../io/package-root.js';
import { readTextFile } from '../io/read-text-file.js';
import { formatReproduction, REPRODUCTION_FORMATS, type ReproductionFormat } from '../format/reproduction-format.js';
import { parseResultsCsv } from '../results/parse-results-csv.js';
import { modelCounter, paperRows, reproducePaperTable } from '../search/reproduce.js';

/** `butterflops reproduce`: the BFT paper's FLOP column against first-principles counts. */
export function register(program: Command): Command {
  return program
    .command('reproduce')
    .description(
      "the BFT paper's MFLOPs of every configured table row (data/results/bft-paper.csv) vs our counts under each BFT counting convention",
    )
    .addOption(new Option('--format <format>', 'output format').choices(REPRODUCTION_FORMATS).default('table'))
    .action((options: { format: ReproductionFormat }) => {
      const path = join(packageRoot(), 'data', 'results', 'bft-paper.csv');
      const rows = paperRows(parseResultsCsv(readTextFile(path), path));
      process.stdout.write(
        formatReproduction(reproducePaperTable(rows, modelCounter(defaultModelSource())), options.format),
      );
    });
}
