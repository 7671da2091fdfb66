import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUSION_COLOURS } from '../../src/charts/chart-theme.js';

/**
 * One colour per fusion across every chart of the report (issue 22, item 3): every colour scale
 * in reports/ that maps a fusion (pointwise, bft, or the design space's dense / BFT variants)
 * gives it the same colour — pointwise blue #4c78a8, BFT red #e45756 (fixed here by hand).
 */
const EXPECTED = new Map([
  ['pointwise', '#4c78a8'],
  ['dense', '#4c78a8'],
  ['bft', '#e45756'],
  ['BFT base 2', '#e45756'],
]);

function specs(folder: string): [string, unknown][] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry): [string, unknown][] => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return specs(path);
    return entry.name.endsWith('.vl.json') ? [[path, JSON.parse(readFileSync(path, 'utf8'))]] : [];
  });
}

/** Every `{domain, range}` scale of strings found anywhere in a spec. */
function scales(value: unknown): { domain: string[]; range: string[] }[] {
  if (Array.isArray(value)) return value.flatMap(scales);
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own =
    Array.isArray(record['domain']) && Array.isArray(record['range'])
      ? [{ domain: record['domain'] as string[], range: record['range'] as string[] }]
      : [];
  return [...own, ...Object.values(record).flatMap(scales)];
}

describe('fusion colours in the report', () => {
  it('the theme fixes pointwise and bft to the colours above', () => {
    expect(FUSION_COLOURS.get('pointwise')).toBe('#4c78a8');
    expect(FUSION_COLOURS.get('bft')).toBe('#e45756');
  });

  it('every chart of reports/ that colours a fusion uses the same colour for it', () => {
    let seen = 0;
    for (const [path, spec] of specs('reports')) {
      for (const { domain, range } of scales(spec)) {
        domain.forEach((value, i) => {
          const expected = EXPECTED.get(value);
          if (expected === undefined || typeof range[i] !== 'string') return;
          seen++;
          expect([path, value, range[i]]).toEqual([path, value, expected]);
        });
      }
    }
    // Figure 1, the TF-slim chart, accuracy-latency, the design space: at least one per chart.
    expect(seen).toBeGreaterThanOrEqual(8);
  });
});
