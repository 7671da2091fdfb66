import type { Command } from 'commander';
import { FUSION_STRUCTURES, type FusionStructure } from '../model/fusion-graph.js';
import { criteriaComparison } from '../graph/criteria-comparison.js';
import {
  bottleneckNotes,
  criteriaCsv,
  criteriaJson,
  criteriaTable,
  renderCriteriaMarkdown,
  samplingNote,
} from '../format/criteria-format.js';
import { terminalProgress } from './progress.js';
import { stringifyExact } from '../text/json.js';
import type { StructureOptions } from '../graph/generate.js';
import { renderLatexTable, renderTable } from '../text/table.js';
import { commaList, integerAtLeast, integerInRange, oneOf } from './options.js';
import { InvalidArgumentError } from 'commander';

const FORMATS = ['table', 'markdown', 'csv', 'json', 'latex'] as const;

interface CriteriaFlags {
  structure: FusionStructure | 'all';
  n: number;
  base?: number;
  radices?: string[];
  groups?: number;
  layers?: number;
  rank?: number;
  degree?: number;
  seed?: number;
  format: (typeof FORMATS)[number];
}

function radixList(text: string): string[] {
  const items = commaList(text);
  if (items.some((item) => !/^\d+$/.test(item) || Number(item) < 2))
    throw new InvalidArgumentError('expected integers >= 2, e.g. 4,4,3');
  return items;
}

/** `butterflops criteria`: checks the paper's fusion criteria on one structure or all of them. */
export function register(program: Command): Command {
  return program
    .command('criteria')
    .description('check the channel-fusion criteria (every-to-all, bottleneck, symmetry, edges) on a fusion graph')
    .requiredOption(
      '--structure <name>',
      `one of ${[...FUSION_STRUCTURES, 'all'].join(', ')}`,
      oneOf([...FUSION_STRUCTURES, 'all'] as const),
    )
    .requiredOption('--n <channels>', 'number of channels (2 … 65536)', integerInRange(2, 65536))
    .option('--base <k>', 'butterfly base (default 2)', integerAtLeast(2))
    .option('--radices <list>', 'radices of bft-mixed, e.g. 4,4,3', radixList)
    .option('--groups <g>', 'groups of shuffle (default: largest divisor <= sqrt n)', integerAtLeast(1))
    .option('--layers <m>', 'layers of shuffle (default 2) or random', integerAtLeast(1))
    .option('--rank <r>', 'rank of low-rank (default ceil(log2 n))', integerAtLeast(1))
    .option('--degree <d>', 'out-degree of random (default: the base)', integerAtLeast(1))
    .option('--seed <s>', 'seed of random (default 1)', integerAtLeast(0))
    .option('--format <format>', `output: ${FORMATS.join(', ')}`, oneOf(FORMATS), 'table')
    .action((flags: CriteriaFlags) => {
      const options: StructureOptions = {
        ...(flags.base === undefined ? {} : { base: flags.base }),
        ...(flags.radices === undefined ? {} : { radices: flags.radices.map(Number) }),
        ...(flags.groups === undefined ? {} : { groups: flags.groups }),
        ...(flags.layers === undefined ? {} : { layers: flags.layers }),
        ...(flags.rank === undefined ? {} : { rank: flags.rank }),
        ...(flags.degree === undefined ? {} : { degree: flags.degree }),
        ...(flags.seed === undefined ? {} : { seed: flags.seed }),
      };
      const structures = flags.structure === 'all' ? FUSION_STRUCTURES : [flags.structure];
      const progress = terminalProgress(process.stderr, 'butterflops criteria');
      const comparison = criteriaComparison(flags.n, options, structures, { progress: progress.report });
      progress.finish();
      let text: string;
      if (flags.format === 'json') {
        const records = comparison.rows.map(criteriaJson);
        text = stringifyExact(
          flags.structure === 'all' ? { n: flags.n, structures: records, skipped: comparison.skipped } : records[0],
        );
      } else if (flags.format === 'csv') {
        text = criteriaCsv(comparison);
      } else if (flags.format === 'latex') {
        text = renderLatexTable(criteriaTable(comparison), [
          `butterflops criteria --n ${flags.n}: the BFT paper's fusion criteria per structure`,
        ]);
      } else if (flags.format === 'markdown') {
        text = renderCriteriaMarkdown(comparison);
      } else {
        const note = samplingNote(comparison);
        text =
          renderTable(criteriaTable(comparison), 'table') +
          (note === '' ? '' : `${note}\n`) +
          bottleneckNotes(comparison)
            .map((line) => `${line}\n`)
            .join('') +
          comparison.skipped.map((skip) => `${skip.structure} skipped: ${skip.reason}\n`).join('');
      }
      process.stdout.write(text);
    });
}
