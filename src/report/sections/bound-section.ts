import { boundChartSpec } from '../../charts/bound-chart-spec.js';
import { renderBoundMarkdown } from '../../format/bound-format.js';
import { verifyBound, type BoundVerification } from '../../checks/verify-bound.js';
import type { ReportSection } from './report-section.js';
import { sectionChartFiles } from './section-charts.js';

/**
 * Report section "The O(n log n) bound on random widths": `butterflops bound` with a fixed seed,
 * padded to powers of the base and mixed-radix, with the edges / (n·log2 n) plot.
 * The report uses 300 widths up to 16384 so that it rebuilds in seconds; the command runs any size.
 */
const TITLE = 'The O(n log n) bound on random widths';
const OPTIONS = { samples: 300, maxN: 16384, seed: 7, bases: [2, 3, 4] } as const;

function points(verification: BoundVerification, label: (base: number) => string) {
  return verification.samples.map((sample) => ({
    n: sample.n,
    base: label(sample.base),
    edges: sample.closedFormEdges,
  }));
}

export const boundSection: ReportSection = {
  id: 'bound',
  title: TITLE,
  build: async (inputs) => {
    const pad = verifyBound({ ...OPTIONS, mode: 'pad' });
    const mixed = verifyBound({ ...OPTIONS, mode: 'mixed' });
    // A mixed-radix butterfly does not depend on the base, so one base's samples stand for all.
    const mixedOnce = { ...mixed, samples: mixed.samples.filter((sample) => sample.base === OPTIONS.bases[0]) };
    const spec = boundChartSpec(
      [...points(pad, (k) => `k=${k} padded`), ...points(mixedOnce, () => 'mixed radix ≤ 7')],
      {
        title: "BFT edges / (n·log2 n) on random widths (1 = the paper's lower bound)",
      },
    );
    const files = new Map<string, string | Uint8Array>(
      await sectionChartFiles('bound/bound', spec, 'O(n log n) bound', inputs),
    );
    return {
      files,
      index: [
        `## ${TITLE}`,
        '',
        `Seed ${OPTIONS.seed}, ${OPTIONS.samples} widths drawn log-uniformly in [2, ${OPTIONS.maxN}], bases ${OPTIONS.bases.join(', ')}. For each: the`,
        'edge count by closed form, by building the graph and by an instrumented run of the reference butterfly must agree,',
        'the criteria must hold on small built graphs, and edges / (n·log2 n) must stay within the constant the construction proves.',
        '',
        '### Padded to the next power of the base',
        '',
        renderBoundMarkdown(pad),
        '### Mixed radix (next width whose prime factors are ≤ 7)',
        '',
        renderBoundMarkdown(mixed),
        '![edges / (n log2 n)](bound/bound.png)',
      ].join('\n'),
    };
  },
};
