import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { UserError } from '../../src/errors.js';
import { parseCsvRows } from '../../src/results/csv-rows.js';

/** Cells of every row (header untrimmed: trimmed cells are compared against trimmed ones). */
function ourRows(text: string): string[][] | 'malformed' {
  if (text.trim() === '' && !text.includes(' ')) return []; // blank lines only: our reader's "empty file"
  try {
    const table = parseCsvRows(text, 'r.csv');
    return [table.header, ...table.rows].map((row) => [...row.cells]);
  } catch (error) {
    if (error instanceof UserError && error.problem.startsWith('malformed CSV')) return 'malformed';
    throw error;
  }
}

/** The oracle: csv-parse, the widely used RFC 4180 parser, with the same leniencies. */
function csvParseRows(text: string): string[][] | 'malformed' {
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: true });
  } catch {
    return 'malformed';
  }
}

describe('parseCsvRows', () => {
  it('reads the same cells as csv-parse, and refuses the same malformed texts (seeded)', () => {
    const piece = fc.constantFrom('a', 'b c', ' ', ',', '"', '""', 'é', '😀', 'NL', '=1');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.boolean(), (pieces, crlf) => {
        const text = pieces.map((p) => (p === 'NL' ? (crlf ? '\r\n' : '\n') : p)).join('');
        const ours = ourRows(text);
        const theirs = csvParseRows(text);
        if (ours !== 'malformed' && theirs !== 'malformed') {
          // Our header is trimmed; csv-parse's is as written.
          const [header, ...rest] = theirs;
          expect(ours).toEqual(header === undefined ? [] : [header.map((cell) => cell.trim()), ...rest]);
        } else {
          expect(ours).toBe(theirs);
        }
      }),
      { seed: 20261206, numRuns: 3000 },
    );
  });

  it('knows where every cell starts, and where a row ends', () => {
    const text = 'h1,h2\n\nx,"a\r\nb😀",c\r\nlast,';
    const table = parseCsvRows(text, 'r.csv');
    const [row, last] = [...table.rows];
    if (row === undefined || last === undefined) throw new Error('two rows expected');
    expect(row.cells).toEqual(['x', 'a\r\nb😀', 'c']);
    expect([0, 1, 2, 3].map((i) => table.cellPosition(row, i))).toEqual([
      { line: 3, column: 1 },
      { line: 3, column: 3 },
      { line: 4, column: 5 }, // after `b😀",`: four code points
      { line: 4, column: 6 },
    ]);
    expect(last.cells).toEqual(['last', '']);
    expect(last.line).toBe(5);
    expect(table.cellPosition(last, 1)).toEqual({ line: 5, column: 6 });
    expect(table.rowAt(row.offset, row.line)).toEqual(row);
  });

  it('reads rows as they are asked for, once', () => {
    const text = `a,b\n${'1,2\n'.repeat(1000)}"unclosed\n`;
    const table = parseCsvRows(text, 'r.csv');
    let count = 0;
    expect(() => {
      for (const row of table.rows) {
        count += 1;
        if (count === 1000) expect(row).toEqual({ cells: ['1', '2'], line: 1001, offset: text.length - 14 });
      }
    }).toThrow('r.csv:1002:1: malformed CSV (quote not closed)');
    expect(count).toBe(1000);
    expect([...table.rows]).toEqual([]); // a generator: read once
  });
});
