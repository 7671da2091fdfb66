import { UserError } from '../errors.js';

/**
 * RFC 4180 CSV text split into a header and rows of string cells. Cells are separated by `,`;
 * a cell that starts with `"` is quoted: it may hold commas and line breaks, and `""` inside it
 * is one `"`. Rows end at `\n`, `\r\n` or a lone `\r`; blank lines are skipped. A quote anywhere
 * else (inside an unquoted cell, or a quoted cell followed by anything but `,` or the end of the
 * row) is malformed, as is a quote never closed: a `UserError` at the file, line and column.
 *
 * One pass over the text, row by row as the caller asks, with no object per cell: a row keeps
 * where it starts, and the line and column of any of its cells are found again on demand
 * ({@link CsvTable.cellPosition}), which only error messages need. A million-row file reads in
 * well under a second. Pure.
 */

/** Where a cell starts in the file (1-based; the column counts Unicode code points). */
export interface CellPosition {
  readonly line: number;
  readonly column: number;
}

/** One row: its cells as written (quotes removed), the line it starts on and its offset. */
export interface CsvRow {
  readonly cells: readonly string[];
  /** 1-based line where the row starts. */
  readonly line: number;
  /** Offset in the text (UTF-16 code units) of the row's first character, column 1 of `line`. */
  readonly offset: number;
}

/**
 * A CSV file being read: the header (cells trimmed), the data rows (read once, as they are
 * iterated, so a million rows are never all held), and where a cell starts.
 */
export interface CsvTable {
  readonly header: CsvRow;
  readonly rows: Iterable<CsvRow>;
  /**
   * Where cell `i` of `row` starts; for `i` equal to the number of cells, one past the row's
   * last character (for "missing cell" errors). O(length of the row).
   */
  readonly cellPosition: (row: CsvRow, i: number) => CellPosition;
  /** The row that starts at `offset`, on `line` (both as a row gave them), read again. O(length of the row). */
  readonly rowAt: (offset: number, line: number) => CsvRow;
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Parses `text` (already decoded, without BOM) of `file`; with `trim`, every cell loses its
 * leading and trailing white space (`String.prototype.trim`), else only the header's do. Throws a
 * `UserError` with file, line and column for malformed quoting and for an empty file; a problem
 * in a data row is thrown as `rows` reaches it. Does not check row lengths: that is the caller's
 * job, with {@link CsvTable.cellPosition}. O(length of text).
 */
export function parseCsvRows(text: string, file: string, trim = false): CsvTable {
  const nextRow = rowReader(text, file, trim);
  const header = nextRow();
  if (header === undefined) {
    throw new UserError('empty file', {
      location: { file, line: 1, column: 1 },
      expected: 'a header line, then one line per result',
    });
  }
  function* rows(): Generator<CsvRow> {
    for (let row = nextRow(); row !== undefined; row = nextRow()) yield row;
  }
  const cellPosition = (row: CsvRow, i: number): CellPosition =>
    positionAfter(text, row.offset, row.line, cellOffset(text, row.offset, i));
  const rowAt = (offset: number, line: number): CsvRow => {
    const row = rowReader(text, file, trim, offset, line)();
    if (row === undefined) throw new RangeError(`no row at offset ${offset}`);
    return row;
  };
  return {
    header: { ...header, cells: header.cells.map((cell) => cell.trim()) },
    rows: rows(),
    cellPosition,
    rowAt,
  };
}

/**
 * A function returning the next row of `text` at each call, `undefined` at the end; reading
 * starts at offset `start`, column 1 of line `startLine`.
 */
function rowReader(text: string, file: string, trim: boolean, start = 0, startLine = 1): () => CsvRow | undefined {
  const length = text.length;
  const malformed = (problem: string, offset: number, from: number, fromLine: number, expected: string): never => {
    const { line, column } = positionAfter(text, from, fromLine, offset);
    throw new UserError(`malformed CSV (${problem})`, { location: { file, line, column }, expected });
  };
  let at = start;
  let line = startLine;
  return () => {
    // Blank lines.
    for (;;) {
      if (at >= length) return undefined;
      const first = text.charCodeAt(at);
      if (first !== LF && first !== CR) break;
      at += first === CR && text.charCodeAt(at + 1) === LF ? 2 : 1;
      line += 1;
    }
    const offset = at;
    const rowLine = line;
    const cells: string[] = [];
    for (;;) {
      if (text.charCodeAt(at) === QUOTE) {
        // A quoted cell: up to the quote that is not doubled.
        const open = at;
        let value = '';
        let from = at + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close < 0) malformed('quote not closed', open, offset, rowLine, 'a closing " before the end of the file');
          line += lineBreaks(text, from, close);
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += text.slice(from, close + 1);
            from = close + 2;
            continue;
          }
          value += text.slice(from, close);
          at = close + 1;
          break;
        }
        cells.push(trim ? value.trim() : value);
        const next = text.charCodeAt(at);
        if (at < length && next !== COMMA && next !== LF && next !== CR)
          malformed('text after a closing quote', at, offset, rowLine, 'a comma or the end of the row after "');
      } else {
        let end = at;
        while (end < length) {
          const code = text.charCodeAt(end);
          if (code === COMMA || code === LF || code === CR) break;
          if (code === QUOTE)
            malformed('quote inside an unquoted cell', end, offset, rowLine, 'the whole cell in quotes, with "" for "');
          end += 1;
        }
        cells.push(trim ? text.slice(at, end).trim() : text.slice(at, end));
        at = end;
      }
      if (at < length && text.charCodeAt(at) === COMMA) at += 1;
      else break;
    }
    // The row's end: a line break (or the end of the text).
    if (at < length) {
      at += text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF ? 2 : 1;
      line += 1;
    }
    return { cells, line: rowLine, offset };
  };
}

/** Line breaks (`\n`, `\r\n`, lone `\r`) in `text` from `from` up to `to`. */
function lineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === LF || (code === CR && text.charCodeAt(i + 1) !== LF)) count += 1;
  }
  return count;
}

/**
 * The line and column of `target`, walking from `from`, which is column 1 of line `fromLine`.
 * Columns count code points: the second half of a surrogate pair adds nothing.
 */
function positionAfter(text: string, from: number, fromLine: number, target: number): CellPosition {
  let line = fromLine;
  let column = 1;
  for (let i = from; i < target; i++) {
    const code = text.charCodeAt(i);
    if (code === LF || (code === CR && text.charCodeAt(i + 1) !== LF)) {
      line += 1;
      column = 1;
    } else if (code !== CR && !(code >= 0xdc00 && code <= 0xdfff)) {
      column += 1;
    }
  }
  return { line, column };
}

/**
 * The offset where cell `index` of the (well-formed) row starting at `offset` begins; past the
 * last cell, the offset of the row's end.
 */
function cellOffset(text: string, offset: number, index: number): number {
  let cell = 0;
  let quoted = false;
  let i = offset;
  for (; i < text.length; i++) {
    if (cell === index) return i;
    const code = text.charCodeAt(i);
    if (code === QUOTE) quoted = !quoted;
    else if (!quoted && code === COMMA) cell += 1;
    else if (!quoted && (code === LF || code === CR)) return i;
  }
  return i;
}
