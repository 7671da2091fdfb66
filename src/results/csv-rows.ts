import { CsvError, parse } from 'csv-parse/sync';
import { UserError } from '../errors.js';

/**
 * RFC 4180 CSV text split into a header and rows of string cells, with the line where every row
 * starts and, on demand, where any cell starts, so later checks can point at the exact cell.
 * csv-parse does the parsing: cells separated by `,`, quoted cells holding commas, line breaks
 * and `""`; rows ending at `\n`, `\r\n` or a lone `\r`; blank lines skipped; malformed quoting
 * a `UserError` at the file, line and cell. Then one pass over the (now known well-formed) text
 * finds where each row starts — a quote toggles "inside a quoted cell", a line break outside one
 * ends the row — which csv-parse's per-record `info` would give at twice the parse time. Pure.
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

/** A parsed CSV file: the header (cells trimmed), the data rows, and where a cell starts. */
export interface CsvTable {
  readonly header: CsvRow;
  readonly rows: Iterable<CsvRow>;
  /**
   * Where cell `i` of `row` starts; for `i` equal to the number of cells, one past the row's
   * last character (for "missing cell" errors). O(length of the row).
   */
  readonly cellPosition: (row: CsvRow, i: number) => CellPosition;
  /** The row that starts at `offset` (as a row gave it). O(log rows). */
  readonly rowAt: (offset: number) => CsvRow;
}

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** csv-parse's error codes for malformed quoting, in our words. */
const MALFORMED: Readonly<Record<string, { problem: string; expected: string }>> = {
  CSV_QUOTE_NOT_CLOSED: { problem: 'quote not closed', expected: 'a closing " before the end of the file' },
  INVALID_OPENING_QUOTE: {
    problem: 'quote inside an unquoted cell',
    expected: 'the whole cell in quotes, with "" for "',
  },
  CSV_INVALID_CLOSING_QUOTE: {
    problem: 'text after a closing quote',
    expected: 'a comma or the end of the row after "',
  },
};

/**
 * Parses `text` (already decoded, without BOM) of `file`; with `trim`, every cell loses its
 * leading and trailing white space (`String.prototype.trim`), else only the header's do. Throws a
 * `UserError` with file, line and cell for malformed quoting and for an empty file. Does not
 * check row lengths: that is the caller's job, with {@link CsvTable.cellPosition}. O(length of text).
 */
export function parseCsvRows(text: string, file: string, trim = false): CsvTable {
  let records: string[][];
  try {
    records = parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const known = Object.hasOwn(MALFORMED, error.code) ? MALFORMED[error.code] : undefined;
    const where = error as CsvError & { lines?: number; index?: number };
    throw new UserError(`malformed CSV (${known?.problem ?? error.message.split(':')[0]?.toLowerCase()})`, {
      location: {
        file,
        ...(where.lines !== undefined ? { line: where.lines } : {}),
        ...(where.index !== undefined ? { field: `cell ${where.index + 1}` } : {}),
      },
      ...(known !== undefined ? { expected: known.expected } : {}),
    });
  }
  const { offsets, lines } = rowStarts(text);
  if (offsets.length !== records.length) {
    throw new Error(`csv-rows: ${records.length} records but ${offsets.length} row starts in ${file}`);
  }
  const rowOf = (k: number): CsvRow => {
    const cells = records[k] ?? [];
    return { cells: trim ? cells.map((cell) => cell.trim()) : cells, line: lines[k] ?? 0, offset: offsets[k] ?? 0 };
  };
  if (records.length === 0) {
    throw new UserError('empty file', {
      location: { file, line: 1, column: 1 },
      expected: 'a header line, then one line per result',
    });
  }
  const header = rowOf(0);
  function* rows(): Generator<CsvRow> {
    for (let k = 1; k < records.length; k++) yield rowOf(k);
  }
  return {
    header: { ...header, cells: header.cells.map((cell) => cell.trim()) },
    rows: rows(),
    cellPosition: (row, i) => positionAfter(text, row.offset, row.line, cellOffset(text, row.offset, i)),
    rowAt: (offset) => {
      const k = lowerBound(offsets, offset);
      if (offsets[k] !== offset) throw new RangeError(`no row at offset ${offset}`);
      return rowOf(k);
    },
  };
}

/**
 * Where each row of well-formed CSV `text` starts: its offset and 1-based line. A quote toggles
 * "inside a quoted cell" (a doubled quote toggles twice); a line break (`\n`, `\r\n`, lone `\r`)
 * outside one ends the row; an empty line is no row. O(length of text).
 */
function rowStarts(text: string): { offsets: Float64Array; lines: Float64Array } {
  const offsets: number[] = [];
  const lines: number[] = [];
  let line = 1;
  let quoted = false;
  let inRow = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === LF || code === CR) {
      if (code === CR && text.charCodeAt(i + 1) === LF) i += 1;
      line += 1;
      if (!quoted) inRow = false;
      continue;
    }
    if (!inRow) {
      offsets.push(i);
      lines.push(line);
      inRow = true;
    }
    if (code === QUOTE) quoted = !quoted;
  }
  return { offsets: Float64Array.from(offsets), lines: Float64Array.from(lines) };
}

/** The first index of sorted `values` whose value is at least `target`. O(log n). */
function lowerBound(values: Float64Array, target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] ?? Infinity) < target) low = middle + 1;
    else high = middle;
  }
  return low;
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
