import { describe, expect, it } from '@jest/globals';
import { drawWidths, nextSmoothWidth, provenBound, verifyBound } from '../../src/checks/verify-bound.js';
import { renderBoundMarkdown } from '../../src/format/bound-format.js';

describe('verifyBound', () => {
  it('agrees on closed form, graph and instrumented run, and meets the bound (pad and mixed)', () => {
    for (const mode of ['pad', 'mixed'] as const) {
      const result = verifyBound({ samples: 60, maxN: 2048, seed: 11, bases: [2, 3, 4], mode, criteriaCap: 64 });
      expect(result.failures).toEqual([]);
      expect(result.samples).toHaveLength(180);
      for (const s of result.samples) {
        expect(s.graphEdges).toBe(s.closedFormEdges);
        expect(s.instrumentedEdges).toBe(s.closedFormEdges);
      }
      expect(result.samples.some((s) => s.criteriaHold === true)).toBe(true);
    }
  });

  it('uses hand-derived counts: n = 17, base 4 pads to 64 (4·64·3 = 768); mixed rounds 17 up to 18 = 2·3·3', () => {
    const pad = verifyBound({ samples: 1, maxN: 17, seed: 1, bases: [4], mode: 'pad' });
    const sample = pad.samples[0];
    if (sample === undefined) throw new Error('no sample');
    const n = sample.n;
    let width = 1;
    while (width < n) width *= 4;
    expect(sample.width).toBe(width);
    expect(sample.closedFormEdges).toBe(BigInt(4 * width * Math.round(Math.log(width) / Math.log(4))));
    expect(nextSmoothWidth(17, 7)).toBe(18);
    expect(nextSmoothWidth(11, 7)).toBe(12);
    expect(nextSmoothWidth(121, 7)).toBe(125);
  });

  it('exact powers sit exactly on k / log2 k', () => {
    expect(provenBound('pad', 64, 4, 64, [4, 4, 4])).toBe(2);
    expect(provenBound('pad', 256, 2, 256, [2])).toBe(2);
  });

  it('draws reproducible log-uniform widths in range', () => {
    const widths = drawWidths(500, 65536, 7);
    expect(drawWidths(500, 65536, 7)).toEqual(widths);
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...widths)).toBeLessThanOrEqual(65536);
    expect(widths.filter((n) => n < 256).length).toBeGreaterThan(100);
  });

  it('renders a Markdown section', () => {
    const text = renderBoundMarkdown(verifyBound({ samples: 5, maxN: 100, seed: 1, bases: [2], mode: 'pad' }));
    expect(text).toMatch(/\| base \| samples \| fitted c \|/);
    expect(text).toMatch(/All samples passed\./);
  });
});
