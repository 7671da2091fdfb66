import { explorerDataFiles, explorerHtml } from '../explorer-html.js';
import type { ReportInputs, ReportSection, ReportSectionOutput } from './report-section.js';

/** The page's file in the report folder. */
export const EXPLORER_FILE = 'explorer.html';

/** The screenshot the browser test writes on request (`npm run screenshot`; not a report output: see `test/explorer/`). */
export const EXPLORER_SCREENSHOT = 'explorer.png';

const TITLE = 'Explorer: the cost model in the browser';

async function build(inputs: ReportInputs): Promise<ReportSectionOutput> {
  if (inputs.explorerScript === undefined)
    throw new Error('report input explorerScript is missing (see io/explorer-bundle.ts)');
  const html = explorerHtml(await inputs.explorerScript(), explorerDataFiles(inputs.dataFiles));
  const index = [
    `## ${TITLE}`,
    '',
    `[${EXPLORER_FILE}](${EXPLORER_FILE}) is one self-contained page (it works offline, from disk) that counts any zoo`,
    'model or a dropped architecture file with the same code as the CLI: totals, per-layer costs, pointwise vs BFT,',
    "the total as a formula, the equal-cost BFT configuration and the paper's accuracy-vs-MACs chart with the current",
    'configuration marked. Settings live in the link, e.g.',
    `[${EXPLORER_FILE}#model=mobilenet-v1&width=2&fusion=bft](${EXPLORER_FILE}#model=mobilenet-v1&width=2&fusion=bft)`,
    '(146,404,352 MACs).',
    '',
    `![The explorer at 1280×800](${EXPLORER_SCREENSHOT})`,
    '',
  ].join('\n');
  return { files: new Map([[EXPLORER_FILE, html]]), index };
}

/** Report section "Explorer": `reports/explorer.html`. */
export const explorerSection: ReportSection = { id: 'explorer', title: TITLE, build };
