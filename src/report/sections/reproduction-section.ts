import { parseResultsCsv } from '../../results/parse-results-csv.js';
import { modelCounter, paperRows, reproducePaperTable } from '../../search/reproduce.js';
import { formatReproduction } from '../../format/reproduction-format.js';
import type { ReportSection } from './report-section.js';

/** The paper's result table in the data folder. */
export const PAPER_RESULTS_PATH = 'data/results/bft-paper.csv';

/**
 * Report section "Reproducing the paper's FLOP column": every configured row of the BFT paper's
 * tables counted under the default convention and each BFT counting alternative, with the
 * deviation and the nearest convention (`butterflops reproduce`). Rows and models both come
 * from the report's data folder.
 */
const TITLE = "Reproducing the paper's FLOP column";

export const reproductionSection: ReportSection = {
  id: 'reproduce',
  title: TITLE,
  build: (inputs) => {
    const text = inputs.dataFiles.get(PAPER_RESULTS_PATH);
    if (text === undefined) throw new Error(`the data folder has no ${PAPER_RESULTS_PATH}`);
    const rows = reproducePaperTable(paperRows(parseResultsCsv(text, PAPER_RESULTS_PATH)), modelCounter(inputs.models));
    const markdown = formatReproduction(rows, 'markdown');
    return {
      files: new Map([
        ['reproduce/reproduce.md', `# ${TITLE}\n\n${markdown}`],
        ['reproduce/reproduce.csv', formatReproduction(rows, 'csv')],
      ]),
      index: [
        `## ${TITLE}`,
        '',
        'The paper\'s "MFLOPs" are million multiply-adds of conv and FC layers. Pointwise baselines reproduce within',
        'rounding except the rows flagged; the BFT rows do not reproduce exactly under any one rule, so every row shows',
        'our default count, its deviation, and the counting alternative that comes nearest.',
        '',
        markdown,
        'Also as [CSV](reproduce/reproduce.csv).',
      ].join('\n'),
    };
  },
};
