import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { formatParetoChunks } from '../../src/format/pareto-format.js';
import { paretoJson } from '../../src/format/pareto-json.js';
import { paretoCsvTable } from '../../src/format/pareto-tables.js';
import { analyseResults } from '../../src/results/pareto-analysis.js';
import { parseResultsCsv } from '../../src/results/parse-results-csv.js';
import { jsonChunks, JsonRows, jsonRows } from '../../src/text/json-chunks.js';
import { renderTable } from '../../src/text/table.js';

describe('jsonChunks', () => {
  it('joins to JSON.stringify(value, null, 2) on random JSON values (seeded)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect([...jsonChunks(value)].join('')).toBe(JSON.stringify(value, null, 2));
      }),
      { seed: 22, numRuns: 500 },
    );
  });

  it('joins to JSON.stringify(value, null, 2) where lists of rows are made as they are written (seeded)', () => {
    // A row: a JSON value without arrays (objects of objects and scalars).
    const row = fc.letrec((tie) => ({
      scalar: fc.oneof(
        fc.string(),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
      ),
      object: fc.dictionary(
        fc.string({ maxLength: 4 }),
        fc.oneof({ depthSize: 'small' }, tie('scalar'), tie('object')),
        { maxKeys: 3 },
      ),
      value: fc.oneof(tie('scalar'), tie('object')),
    })).value;
    const rows = fc.array(row, { maxLength: 4 }).map((items) => jsonRows(items, (item) => item));
    const document = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        rows,
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 4 }), tie('node'), { maxKeys: 3 }),
        row,
      ),
    })).node;
    fc.assert(
      fc.property(document, (value) => {
        expect([...jsonChunks(value)].join('')).toBe(JSON.stringify(value, null, 2));
      }),
      { seed: 23, numRuns: 500 },
    );
  });

  it('opens arrays and objects holding arrays; a row is one piece with its indentation and comma', () => {
    expect([...jsonChunks({ rows: [{ a: 1 }, { a: 2 }], lazy: new JsonRows(1, () => ({ b: [] })) })]).toEqual([
      '{\n',
      '  "rows": ',
      '[\n',
      '    {\n      "a": 1\n    },\n',
      '    {\n      "a": 2\n    }\n',
      '  ]',
      ',\n',
      '  "lazy": ',
      '[\n',
      '    {\n      "b": []\n    }\n',
      '  ]',
      '\n',
      '}',
    ]);
  });

  it("gives pareto's JSON and CSV of the paper's results byte for byte as one string would", () => {
    const analysis = analyseResults(parseResultsCsv(readFileSync('data/results/bft-paper.csv', 'utf8'), 'p.csv'));
    expect([...formatParetoChunks(analysis, 'json')].join('')).toBe(
      `${JSON.stringify(paretoJson(analysis), null, 2)}\n`,
    );
    expect([...formatParetoChunks(analysis, 'csv')].join('')).toBe(renderTable(paretoCsvTable(analysis), 'csv'));
  });
});
