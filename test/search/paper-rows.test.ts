import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { PAPER_ROWS } from '../../src/search/paper-rows.js';

// `reproduce` keeps its own copy of the paper's configured rows; the results CSV in data/ is the
// other copy. They must say the same thing (table, model, fusion, width, resolution, printed MFLOPs).
const csv = parse(readFileSync('data/results/bft-paper.csv', 'utf8'), { columns: true }) as Record<string, string>[];

describe('PAPER_ROWS agree with data/results/bft-paper.csv', () => {
  it('every row of reproduce is a row of the CSV with the same printed figure', () => {
    for (const row of PAPER_ROWS) {
      const width = row.parameters['width'];
      // Matched by table, fusion, architecture, width and resolution (Table 2b prints the model as plain "MobileNetV1").
      const matches = csv.filter((line) => line['table'] === row.table && line['fusion'] === row.fusion && line['arch'] === row.model
        && line['resolution'] === String(row.parameters['resolution']) && (width === undefined || Number(line['width']) === width));
      expect({ row: row.label, table: row.table, printed: matches.map((line) => line['mmacs']) })
        .toEqual({ row: row.label, table: row.table, printed: expect.arrayContaining([row.printedMillions]) });
    }
  });

  it('every CSV row that names a dense or BFT configuration is reproduced', () => {
    const configured = csv.filter((line) => (line['fusion'] === 'pointwise' || line['fusion'] === 'bft') && line['resolution'] !== '');
    const keys = new Set(PAPER_ROWS.map((row) => `${row.table}|${row.model}|${row.fusion}|${String(row.parameters['resolution'])}`));
    for (const line of configured) expect(keys).toContain(`${line['table']}|${line['arch']}|${line['fusion']}|${line['resolution']}`);
  });
});
