import { describe, expect, it } from '@jest/globals';
import { buildReport, headingAnchor } from '../../src/report/report.js';
import type { ReportInputs, ReportSection } from '../../src/report/sections/report-section.js';

const inputs: ReportInputs = {
  dataFiles: new Map(),
  models: {
    list: () => [],
    resolve: () => {
      throw new Error('no models');
    },
  },
  resolveMacs: () => undefined,
  chartAssets: { fontFiles: () => [], vegaRuntime: () => '' },
};
const section = (id: string, title: string, files: [string, string][]): ReportSection => ({
  id,
  title,
  build: () => ({ files: new Map(files), index: `## ${title}\n\ntext of ${id}\n` }),
});

describe('buildReport', () => {
  it("collects the sections' files, sorted, and writes index.md with contents and snippets in section order", async () => {
    const steps: string[] = [];
    const files = await buildReport(
      inputs,
      [section('b', 'Second: B', [['b/z.md', 'z']]), section('a', 'First A', [['a/x.svg', 'x']])],
      (step, total, s) => steps.push(`${step}/${total} ${s.id}`),
    );
    expect([...files.keys()]).toEqual(['a/x.svg', 'b/z.md', 'index.md']);
    expect(steps).toEqual(['1/2 b', '2/2 a']);
    const index = files.get('index.md');
    expect(index).toContain('- [Second: B](#second-b)\n- [First A](#first-a)\n');
    expect(String(index).indexOf('text of b')).toBeLessThan(String(index).indexOf('text of a'));
  });

  it('refuses two sections writing the same file', async () => {
    await expect(
      buildReport(inputs, [section('a', 'A', [['x.md', '1']]), section('b', 'B', [['x.md', '2']])]),
    ).rejects.toThrow('report section b writes x.md');
  });

  it('makes GitHub-style heading anchors', () => {
    expect(headingAnchor('Accuracy vs cost: Pareto frontiers and iso-cost comparison')).toBe(
      'accuracy-vs-cost-pareto-frontiers-and-iso-cost-comparison',
    );
  });
});
