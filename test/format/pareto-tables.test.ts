import { describe, expect, it } from '@jest/globals';
import { formatPareto } from '../../src/format/pareto-format.js';
import {
  HUMAN_ROW_LIMIT,
  isoCostTable,
  overallFrontierTable,
  seriesTable,
  spread,
} from '../../src/format/pareto-tables.js';
import { analyseResults } from '../../src/results/pareto-analysis.js';
import { parseResultsCsv } from '../../src/results/parse-results-csv.js';

/*
 * Issue 23, item 4: the tables for people stay readable on a million rows. Hand-made results:
 * family A, pointwise: six rising points (all on the frontier, mmacs 10…60, top1 40…65) and four
 * dominated ones (each 1 point below a frontier point at 5 M more); bft: three rising points and
 * one dominated. 14 points, 2 series.
 */
const CSV = [
  'model,family,fusion,mmacs,top1',
  ...[10, 20, 30, 40, 50, 60].map((m, i) => `p${m},A,pointwise,${m},${40 + 5 * i}`),
  ...[15, 25, 35, 45].map((m, i) => `d${m},A,pointwise,${m},${39 + 5 * i}`),
  ...[12, 22, 32].map((m, i) => `b${m},A,bft,${m},${44 + 5 * i}`),
  'bd,A,bft,33,40',
].join('\n');
const analysis = analyseResults(parseResultsCsv(CSV, 'r.csv'));

describe('pareto tables for people', () => {
  it('spreads a selection evenly from the first to the last', () => {
    expect(spread(['a', 'b', 'c', 'd', 'e'], 3)).toEqual(['a', 'c', 'e']);
    expect(spread(['a', 'b', 'c', 'd', 'e', 'f'], 2)).toEqual(['a', 'f']);
    expect(spread(['a', 'b'], 5)).toEqual(['a', 'b']);
    expect(spread(['a', 'b', 'c'], 1)).toEqual(['a']);
  });

  it('list every point within the limit', () => {
    expect(seriesTable(analysis, 14).table.rows).toHaveLength(14);
    expect(seriesTable(analysis, 14).note).toBeUndefined();
    expect(isoCostTable(analysis, 4).table.rows).toHaveLength(4);
  });

  it('beyond it, give each series an equal share: frontier points evenly spread, the rest counted', () => {
    const { table, note } = seriesTable(analysis, 6);
    // Share 3 rows per series: two frontier points (first and last) and one count.
    expect(table.rows.map((row) => [row[0], row[1], row[4]])).toEqual([
      ['A / bft', 'b12', 'frontier'],
      ['A / bft', 'b32', 'frontier'],
      ['A / bft', '1 more frontier points, 1 dominated points', 'not listed'],
      ['A / pointwise', 'p10', 'frontier'],
      ['A / pointwise', 'p60', 'frontier'],
      ['A / pointwise', '4 more frontier points, 4 dominated points', 'not listed'],
    ]);
    expect(note).toMatch(/^Listed: up to 3 rows per series: .*`--format csv` or `--format json` lists every point\.$/);
  });

  it('list the frontier evenly spread, and the candidates on their series frontier', () => {
    // Overall frontier: p10 40, b12 44, p20 45, b22 49, p30 50, b32 54, p40 55, p50 60, p60 65.
    const overall = overallFrontierTable(analysis, 3);
    expect(overall.table.rows.map((row) => row[0])).toEqual(['p10', 'p30', 'p60']); // indices 0, 4, 8;
    expect(overall.note).toMatch(/^Listed: 3 of the 9 frontier points, evenly spread/);
    const iso = isoCostTable(analysis, 3);
    expect(iso.table.rows.map((row) => row[0])).toEqual(['b12', 'b22', 'b32']);
    expect(iso.note).toMatch(
      /^Listed: the 3 candidate points on the frontier of their series; 1 others are not listed/,
    );
  });

  it('keep pareto output bounded however many rows come in (3,000 rows, counted in lines)', () => {
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `m${i},F${i % 3},${i % 2 ? 'bft' : 'pointwise'},${1 + (i % 997)},${(i * 7919) % 100}`,
    );
    const many = analyseResults(parseResultsCsv(['model,family,fusion,mmacs,top1', ...rows].join('\n'), 'r.csv'));
    for (const format of ['table', 'markdown'] as const) {
      const lines = formatPareto(many, format).split('\n').length;
      // Three tables of at most HUMAN_ROW_LIMIT rows, their headers, titles and notes.
      expect(lines).toBeLessThanOrEqual(3 * HUMAN_ROW_LIMIT + 30);
    }
    expect(formatPareto(many, 'csv').split('\n')).toHaveLength(3002); // every point, header, final newline
  });
});
