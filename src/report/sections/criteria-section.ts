import { criteriaComparison } from '../../graph/criteria-comparison.js';
import { renderCriteriaMarkdown } from '../../format/criteria-format.js';
import type { ReportSection } from './report-section.js';

/**
 * Report section "Channel-fusion criteria": the paper's criteria (every-to-all connectivity,
 * bottleneck n, equal out-degree, few edges) checked on every fusion structure at n = 64 and
 * n = 256 (`butterflops criteria --structure all`).
 */
const TITLE = 'Channel-fusion criteria on generated graphs';

export const criteriaSection: ReportSection = {
  id: 'criteria',
  title: TITLE,
  build: () => {
    const parts = [64, 256].map((n) => `### n = ${n}\n\n${renderCriteriaMarkdown(criteriaComparison(n))}`);
    return {
      files: new Map(),
      index: [
        `## ${TITLE}`,
        '',
        'Each structure is generated as a layered graph (nodes = channels, edges = multiplications) and checked:',
        'paths between every input and output (min/max count), the bottleneck as a minimum vertex cut by max-flow,',
        'equal out-degree per layer, and edges against the lower bound n·log2 n (bft-paper.md §4).',
        '',
        ...parts,
      ].join('\n'),
    };
  },
};
