import { Option, type Command } from 'commander';
import { PAPER_ROWS } from '../search/paper-rows.js';
import { reproducePaperTable } from '../search/reproduce.js';
import { formatReproduction, REPRODUCTION_FORMATS, type ReproductionFormat } from '../search/reproduction-table.js';

/** `butterflops reproduce`: the BFT paper's FLOP column against first-principles counts. */
export function register(program: Command): Command {
  return program
    .command('reproduce')
    .description("the BFT paper's MFLOPs of every configured table row vs our counts under each BFT counting convention")
    .addOption(new Option('--format <format>', 'output format').choices(REPRODUCTION_FORMATS).default('table'))
    .action((options: { format: ReproductionFormat }) => {
      process.stdout.write(formatReproduction(reproducePaperTable(PAPER_ROWS), options.format));
    });
}
