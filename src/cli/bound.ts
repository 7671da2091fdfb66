import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { verifyBound } from '../checks/verify-bound.js';
import {
  boundColumnNotes,
  boundJson,
  boundSamplesTable,
  boundSummaryTable,
  describeSample,
  renderBoundMarkdown,
} from '../format/bound-format.js';
import { stringifyExact } from '../text/json.js';
import { renderTable } from '../text/table.js';
import { checkFileDestination, writeFileAtomic } from '../io/output.js';
import { UserError } from '../errors.js';
import { integerAtLeast, oneOf } from './options.js';
import { announceWritten } from './written.js';

const FORMATS = ['table', 'markdown', 'csv', 'json'] as const;

interface BoundFlags {
  samples: number;
  maxN: number;
  seed: number;
  bases: number[];
  csv?: string;
  pad?: boolean;
  mixed?: boolean;
  maxRadix: number;
  instrumentCap: number;
  criteriaCap: number;
  format: (typeof FORMATS)[number];
}

function baseList(text: string): number[] {
  const items = text.split(',').map((item) => item.trim());
  if (items.some((item) => !/^\d+$/.test(item) || Number(item) < 2))
    throw new InvalidArgumentError('expected integers >= 2, e.g. 2,3,4');
  return items.map(Number);
}

/**
 * `butterflops bound`: checks the O(n log n) edge bound on random widths. Exit 0 when every
 * sample passes, 1 with the offending sample on stderr otherwise, 2 on bad input.
 */
export function register(program: Command): Command {
  return program
    .command('bound')
    .description('verify the butterfly edge count and the O(n log n) bound on random widths')
    .option('--samples <count>', 'number of random widths', integerAtLeast(1), 1000)
    .option('--max-n <width>', 'largest width drawn', integerAtLeast(2), 65536)
    .option('--seed <s>', 'random seed', integerAtLeast(0), 7)
    .option('--bases <list>', 'butterfly bases, e.g. 2,3,4', baseList, [2, 3, 4])
    .option('--pad', 'pad widths to the next power of the base (default)')
    .option('--mixed', 'use mixed radices (widths rounded up to the next --max-radix-smooth width)')
    .option('--max-radix <r>', 'largest prime radix in --mixed mode', integerAtLeast(2), 7)
    .option('--instrument-cap <width>', 'instrumented reference runs up to this width', integerAtLeast(0), 16384)
    .option('--criteria-cap <width>', 'criteria checks up to this width', integerAtLeast(0), 256)
    .option('--csv <file>', 'write every sample to a CSV file in an existing folder (not created)')
    .option(
      '--format <format>',
      `output: ${FORMATS.join(', ')} (csv: every sample; json: the summary, worst and failing samples, seed)`,
      oneOf(FORMATS),
      'table',
    )
    .action((flags: BoundFlags) => {
      if (flags.pad && flags.mixed)
        throw new UserError('choose one of --pad and --mixed', { location: { field: '--mixed' } });
      if (flags.csv !== undefined) checkFileDestination(flags.csv);
      const verification = verifyBound({
        samples: flags.samples,
        maxN: flags.maxN,
        seed: flags.seed,
        bases: flags.bases,
        mode: flags.mixed ? 'mixed' : 'pad',
        maxRadix: flags.maxRadix,
        instrumentCap: flags.instrumentCap,
        criteriaCap: flags.criteriaCap,
      });
      if (flags.csv !== undefined)
        announceWritten(writeFileAtomic(flags.csv, renderTable(boundSamplesTable(verification), 'csv')));
      const machine = flags.format === 'json' || flags.format === 'csv';
      if (flags.format === 'json') process.stdout.write(stringifyExact(boundJson(verification)));
      else if (flags.format === 'csv') process.stdout.write(renderTable(boundSamplesTable(verification), 'csv'));
      else {
        process.stdout.write(
          flags.format === 'markdown'
            ? renderBoundMarkdown(verification)
            : renderTable(boundSummaryTable(verification), 'table') +
                boundColumnNotes(verification)
                  .map((note) => `  ${note}\n`)
                  .join('') +
                (verification.worst === undefined ? '' : `worst: ${describeSample(verification.worst)}\n`),
        );
      }
      const failure = verification.failures[0];
      if (failure !== undefined) {
        process.stderr.write(
          `butterflops: bound check failed (${verification.failures.length} samples); ${describeSample(failure)}\n`,
        );
        process.exitCode = 1;
      } else if (!machine) {
        process.stdout.write(`${verification.samples.length} samples passed\n`);
      }
    });
}
