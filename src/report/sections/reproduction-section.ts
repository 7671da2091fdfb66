import { PAPER_ROWS } from '../../search/paper-rows.js';
import { reproducePaperTable } from '../../search/reproduce.js';
import { formatReproduction } from '../../search/reproduction-table.js';
import type { ReportSection } from './report-section.js';

/**
 * Report section "Reproducing the paper's FLOP column": every configured row of the BFT paper's
 * tables counted under the default convention and each BFT counting alternative, with the
 * deviation and the nearest convention (`butterflops reproduce`). Counts through the zoo.
 */
const TITLE = "Reproducing the paper's FLOP column";

export const reproductionSection: ReportSection = {
  id: 'reproduce',
  title: TITLE,
  build: () => {
    const rows = reproducePaperTable(PAPER_ROWS);
    const markdown = formatReproduction(rows, 'markdown');
    return {
      files: new Map([['reproduce/reproduce.md', `# ${TITLE}\n\n${markdown}`], ['reproduce/reproduce.csv', formatReproduction(rows, 'csv')]]),
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
