import { CsvError, parse } from 'csv-parse/sync';
import { UserError } from '../errors.js';

/**
 * RFC 4180 CSV text split into a header and rows of string cells, with the 1-based line and
 * column where every cell starts, so later checks can point at the exact cell. Blank lines are
 * skipped; quoted cells may span lines. Pure (csv-parse does the parsing).
 */

/** Where a cell starts in the file (1-based). */
export interface CellPosition {
  readonly line: number;
  readonly column: number;
}

/** One data row: its cells, the line it starts on and where each cell starts. */
export interface CsvRow {
  readonly cells: readonly string[];
  readonly line: number;
  readonly positions: readonly CellPosition[];
  /** Where the line ends (one past the last character), for "missing cell" errors. */
  readonly end: CellPosition;
}

/** A parsed CSV file: trimmed header names with their positions, and the data rows. */
export interface CsvTable {
  readonly header: CsvRow;
  readonly rows: readonly CsvRow[];
}

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number; readonly raw?: string };
}

/**
 * Parses `text` (already decoded, without BOM) of `file`. Throws a `UserError` with file, line
 * and column for malformed quoting and for an empty file. Does not check row lengths: that is
 * the caller's job, with the positions returned here. O(length of text).
 */
export function parseCsvRows(text: string, file: string): CsvTable {
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as ParsedRecord[]; // with `info: true` csv-parse returns {record, info}, which its typings do not express
  } catch (error) {
    if (error instanceof CsvError) {
      const detail = error as CsvError & { lines?: number };
      const problem = error.message.split(':')[0]?.toLowerCase() ?? 'malformed CSV';
      throw new UserError(`malformed CSV (${problem})`, {
        location: { file, ...(detail.lines !== undefined ? { line: detail.lines } : {}) },
      });
    }
    throw error;
  }
  const rows = records.map((parsed) => locateRow(parsed));
  const [header, ...data] = rows;
  if (header === undefined) {
    throw new UserError('empty file', {
      location: { file, line: 1, column: 1 },
      expected: 'a header line, then one line per result',
    });
  }
  return { header: { ...header, cells: header.cells.map((cell) => cell.trim()) }, rows: data };
}

function locateRow(parsed: ParsedRecord): CsvRow {
  const raw = (parsed.info.raw ?? '').replace(/^(?:\r?\n)+/, '').replace(/\r?\n$/, '');
  const internalBreaks = raw.split('\n').length - 1;
  const line = parsed.info.lines - internalBreaks;
  const positions: CellPosition[] = [];
  let currentLine = line;
  let column = 1;
  let quoted = false;
  let atFieldStart = true;
  for (const char of raw) {
    if (atFieldStart) {
      positions.push({ line: currentLine, column });
      atFieldStart = false;
    }
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) atFieldStart = true;
    if (char === '\n') {
      currentLine += 1;
      column = 1;
    } else {
      column += 1;
    }
  }
  if (atFieldStart) positions.push({ line: currentLine, column });
  return { cells: parsed.record, line, positions, end: { line: currentLine, column } };
}
