import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseCsvRows } from '../../src/results/csv-rows.js';

/** A row as written: its cells and where it and each of its cells start. */
interface Written {
  readonly cells: string[];
  readonly line: number;
  readonly offset: number;
  readonly cellStarts: { line: number; column: number }[];
}

/** Line and column (code points) of `offset` in `text`, by a regular expression over line breaks. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const breaks = [...before.matchAll(/\r\n|\n|\r/g)];
  const last = breaks.at(-1);
  const lineStart = last === undefined ? 0 : last.index + last[0].length;
  return { line: breaks.length + 1, column: [...before.slice(lineStart)].length + 1 };
}

/**
 * The oracle: a CSV text built from known rows (blank lines and line-break styles mixed in, cells
 * quoted when they hold a comma, quote or line break, or are empty), with where every row and
 * cell starts recorded while writing it (lines and columns then read off the finished text: a
 * lone `\r` followed by a blank line's `\n` is one `\r\n`).
 */
function writeCsv(rows: string[][], breaks: string[], blanks: number[]): { text: string; written: Written[] } {
  let text = '';
  const starts = rows.map((cells, r) => {
    const lineBreak = breaks[r % breaks.length] ?? '\n';
    text += lineBreak.repeat(blanks[r % blanks.length] ?? 0);
    const offset = text.length;
    const cellOffsets = cells.map((cell, c) => {
      if (c > 0) text += ',';
      const at = text.length;
      text += cell === '' || /[,"\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
      return at;
    });
    text += lineBreak;
    return { cells, offset, cellOffsets };
  });
  const written = starts.map(({ cells, offset, cellOffsets }) => ({
    cells,
    offset,
    line: lineAndColumn(text, offset).line,
    cellStarts: cellOffsets.map((at) => lineAndColumn(text, at)),
  }));
  return { text, written };
}

describe('parseCsvRows', () => {
  it('reads the cells written, and where every row and cell starts (seeded)', () => {
    const cell = fc.constantFrom(
      'a',
      'b c',
      'é',
      '😀',
      '=1',
      '',
      'x,y',
      'say "hi"',
      'two\nlines',
      'cr\r\nlf',
      'lone\rcr',
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(2), { minLength: 1, maxLength: 3 }),
        (rows, breaks, blanks) => {
          const { text, written } = writeCsv(rows, breaks, blanks);
          const table = parseCsvRows(text, 'r.csv');
          const read = [table.header, ...table.rows];
          expect(read.map((row) => [row.cells, row.line, row.offset])).toEqual(
            written.map((row) => [row.cells, row.line, row.offset]),
          );
          read.forEach((row, r) => {
            expect(row.cells.map((_, i) => table.cellPosition(row, i))).toEqual(written[r]?.cellStarts);
            expect(table.rowAt(row.offset)).toEqual(row);
          });
        },
      ),
      { seed: 20261206, numRuns: 1000 },
    );
  });

  it('trims every cell when asked, the header always', () => {
    const table = parseCsvRows(' h1 , h2\n a ," b "\n', 'r.csv', true);
    expect(table.header.cells).toEqual(['h1', 'h2']);
    expect([...table.rows].map((row) => row.cells)).toEqual([['a', 'b']]);
    expect([...parseCsvRows(' h1 , h2\n a ," b "\n', 'r.csv').rows].map((row) => row.cells)).toEqual([[' a ', ' b ']]);
  });

  it.each([
    [
      'a,b\n1,2\n"unclosed\n',
      'r.csv:3 cell 1: malformed CSV (quote not closed); expected a closing " before the end of the file',
    ],
    ['a,b\n1,2"3\n', 'r.csv:2 cell 2: malformed CSV (quote inside an unquoted cell)'],
    ['a,b\n1,"2"3\n', 'r.csv:2 cell 2: malformed CSV (text after a closing quote)'],
    ['\n\n', 'r.csv:1:1: empty file'],
  ])('refuses %j naming the line and cell', (text, message) => {
    expect(() => parseCsvRows(text, 'r.csv')).toThrow(message);
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
    expect(table.rowAt(row.offset)).toEqual(row);
  });
});
