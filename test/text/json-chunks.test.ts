import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { formatPareto, formatParetoChunks } from '../../src/format/pareto-format.js';
import { analyseResults } from '../../src/results/pareto-analysis.js';
import { parseResultsCsv } from '../../src/results/parse-results-csv.js';
import { jsonChunks } from '../../src/text/json-chunks.js';

describe('jsonChunks', () => {
  it('joins to JSON.stringify(value, null, 2) on random JSON values (seeded)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect([...jsonChunks(value)].join('')).toBe(JSON.stringify(value, null, 2));
      }),
      { seed: 22, numRuns: 500 },
    );
  });

  it('opens arrays row by row', () => {
    expect([...jsonChunks({ rows: [{ a: 1 }, { a: 2 }] })]).toEqual([
      '{\n',
      '  "rows": ',
      '[\n',
      '    ',
      '{\n      "a": 1\n    }',
      ',\n',
      '    ',
      '{\n      "a": 2\n    }',
      '\n',
      '  ]',
      '\n',
      '}',
    ]);
  });

  it("gives pareto's JSON of the paper's results byte for byte", () => {
    const analysis = analyseResults(parseResultsCsv(readFileSync('data/results/bft-paper.csv', 'utf8'), 'p.csv'));
    expect([...formatParetoChunks(analysis, 'json')].join('')).toBe(formatPareto(analysis, 'json'));
  });
});
