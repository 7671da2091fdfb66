import { UserError } from '../errors.js';
import type { ResultRecord } from '../model/result-record.js';
import { AMBIGUOUS_COST_HEADERS, COST_COLUMNS, macsFromCostCell, type CostColumn } from './cost-column.js';
import { parseCsvRows, type CsvRow, type CsvTable } from './csv-rows.js';
import { compareValues } from '../text/compare.js';

/**
 * Reads a result CSV (format: `data/README.md`, section "Result CSVs") into records. Every
 * problem is a `UserError` naming the file, line and column of the offending cell:
 * missing or ambiguous columns, ragged rows, empty cells where a value is required,
 * non-numeric or negative costs, accuracies outside 0–100, duplicate rows.
 * Pure: takes the decoded text. O(cells); a million rows read in a few seconds (csv-parse most of it).
 */

/** Columns every result CSV must have, besides one cost column (see `COST_COLUMNS`). */
export const REQUIRED_COLUMNS = ['model', 'family', 'fusion', 'top1'] as const;

/** Optional columns with a meaning; any other column is kept in `extra`. */
export const OPTIONAL_COLUMNS = ['width', 'resolution', 'arch', 'params', 'mparams', 'source', 'note'] as const;

/** Columns ignored when deciding whether two rows are duplicates. */
const NOT_IDENTIFYING = new Set(['note']);

const KNOWN = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS, ...COST_COLUMNS.map((c) => c.header)]);

/** Parses the result CSV `text` of `file`; see the module comment for the checks. */
export function parseResultsCsv(text: string, file: string): ResultRecord[] {
  const table = parseCsvRows(text, file, true);
  const header = table.header;
  const at = locator(table, file);

  // 1. The header: unique names, the required ones, exactly one cost column with a unit.
  const index = new Map<string, number>();
  header.cells.forEach((name, i) => {
    if (name === '') throw new UserError('empty column name', { location: at(header, i) });
    if (index.has(name)) throw new UserError(`column "${name}" appears twice`, { location: at(header, i, name) });
    if (AMBIGUOUS_COST_HEADERS.includes(name.toLowerCase())) {
      throw new UserError(`ambiguous cost column "${name}": say whether it counts MACs or 2 × MACs`, {
        location: at(header, i, name),
        expected: `one of ${COST_COLUMNS.map((c) => c.header).join(', ')} (papers' "MFLOPs" are usually mmacs)`,
      });
    }
    index.set(name, i);
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!index.has(required)) {
      throw new UserError(`missing required column "${required}"`, {
        location: { file, line: header.line, column: 1 },
        received: header.cells.join(','),
        expected: `columns ${REQUIRED_COLUMNS.join(', ')} and one cost column`,
      });
    }
  }
  const costColumns = COST_COLUMNS.filter((c) => index.has(c.header));
  const costColumn = costColumns[0];
  if (costColumn === undefined || costColumns.length > 1) {
    const problem =
      costColumn === undefined
        ? 'missing cost column'
        : `two cost columns (${costColumns.map((c) => c.header).join(', ')})`;
    throw new UserError(problem, {
      location: { file, line: header.line, column: 1 },
      expected: `exactly one of ${COST_COLUMNS.map((c) => c.header).join(', ')}`,
    });
  }
  if (index.has('params') && index.has('mparams')) {
    throw new UserError('two params columns (params, mparams)', { location: { file, line: header.line, column: 1 } });
  }
  // 2. The rows.
  const columns = resultColumns(index, costColumn);
  const width = header.cells.length;
  const duplicates = duplicateFinder(
    table,
    header.cells.map((name) => !NOT_IDENTIFYING.has(name)),
  );
  const records: ResultRecord[] = [];
  // Values that repeat from row to row (family, fusion, …) are kept once: less memory, and equal
  // values are then the same string, which the analysis compares and looks up by the million.
  const pool = new Map<string, string>();
  const intern = (value: string): string => {
    const known = pool.get(value);
    if (known !== undefined) return known;
    pool.set(value, value);
    return value;
  };
  for (const row of table.rows) {
    if (row.cells.length !== width) {
      throw new UserError(`row has ${row.cells.length} cells, the header has ${width}`, {
        location: at(row, Math.min(row.cells.length, width)),
      });
    }
    const previous = duplicates(row);
    if (previous !== undefined) {
      throw new UserError(`duplicate row: same values as line ${previous}`, { location: at(row, 0) });
    }
    records.push(readRecord(row, row.cells, columns, file, at, intern));
  }
  if (records.length === 0) {
    throw new UserError('no data rows', {
      location: { file, line: header.line + 1, column: 1 },
      expected: 'one line per result after the header',
    });
  }

  return records;
}

/**
 * A function that, called with each row of `table` in turn, returns the line of an earlier row
 * with the same `identifying` cells, or `undefined`. Rows are hashed (FNV-1a over the cells, cut
 * to 30 bits) and only where and on which line each starts is kept; a row whose hash was seen before
 * is compared exactly (the earlier row is read again), so a million distinct rows cost a few
 * numbers each, not a key string each, and colliding hashes cost no more than exact keys.
 * O(length of the row) per row.
 */
function duplicateFinder(table: CsvTable, identifying: readonly boolean[]): (row: CsvRow) => number | undefined {
  const firstWithHash = new Map<number, number>();
  const offsets: number[] = [];
  const lines: number[] = [];
  const byKey = new Map<string, number>();
  const key = (row: CsvRow) => JSON.stringify(row.cells.map((cell, i) => (identifying[i] === true ? cell : '')));
  return (row) => {
    let hash = 0x811c9dc5;
    for (let i = 0; i < row.cells.length; i++) {
      const cell = identifying[i] === true ? (row.cells[i] ?? '') : '';
      for (let k = 0; k < cell.length; k++) hash = Math.imul(hash ^ cell.charCodeAt(k), 0x01000193);
      hash = Math.imul(hash ^ 0x1f, 0x01000193); // the cell's end: ["ab", ""] and ["a", "b"] differ
    }
    hash &= 0x3fffffff; // 30 bits: a small integer to V8, so the Map holds no boxed numbers
    const first = firstWithHash.get(hash);
    if (first === undefined) {
      firstWithHash.set(hash, offsets.length);
      offsets.push(row.offset);
      lines.push(row.line);
      return undefined;
    }
    const firstLine = lines[first] ?? 0;
    const firstKey = key(table.rowAt(offsets[first] ?? 0));
    if (!byKey.has(firstKey)) byKey.set(firstKey, firstLine);
    const rowKey = key(row);
    const previous = byKey.get(rowKey);
    if (previous === undefined) byKey.set(rowKey, row.line);
    return previous;
  };
}

/** Where cell `i` (when given) of a row is, with the column's name as `field`. */
type Locate = (
  row: CsvRow,
  i: number | undefined,
  field?: string,
) => { file: string; line: number; column: number; field?: string };

function locator(table: CsvTable, file: string): Locate {
  return (row, i, field) => {
    const { line, column } = i === undefined ? { line: row.line, column: 1 } : table.cellPosition(row, i);
    return { file, line, column, ...(field !== undefined ? { field } : {}) };
  };
}

/** The index of every column with a meaning, found once per file. */
interface ResultColumns {
  readonly index: ReadonlyMap<string, number>;
  readonly cost: CostColumn;
  readonly params: CostColumn | undefined;
  /** The other columns, by name, with their index: they go to `extra`. */
  readonly extra: readonly (readonly [string, number])[];
}

function resultColumns(index: ReadonlyMap<string, number>, cost: CostColumn): ResultColumns {
  const params: CostColumn | undefined = index.has('params')
    ? { header: 'params', meaning: 'parameters', exponent: 0, twoFlopsPerMac: false }
    : index.has('mparams')
      ? { header: 'mparams', meaning: 'million parameters', exponent: 6, twoFlopsPerMac: false }
      : undefined;
  const extra = [...index].filter(([name]) => !KNOWN.has(name)).sort(([a], [b]) => compareValues(a, b));
  return { index, cost, params, extra };
}

/** A record of one row's trimmed `cells`; every problem a `UserError` at its cell. */
function readRecord(
  row: CsvRow,
  cells: readonly string[],
  columns: ResultColumns,
  file: string,
  at: Locate,
  intern: (value: string) => string,
): ResultRecord {
  const fail = (name: string, problem: string, received: string, expected: string): never => {
    throw new UserError(problem, { location: at(row, columns.index.get(name), name), received, expected });
  };
  const text = (name: string): string | undefined => {
    const i = columns.index.get(name);
    const value = i === undefined ? undefined : cells[i];
    return value === undefined || value === '' ? undefined : value;
  };
  const required = (name: string, expected: string): string => text(name) ?? fail(name, `empty ${name}`, '', expected);

  const model = required('model', 'a model name, e.g. MobileNetV1-0.5');
  const family = intern(required('family', 'a model family, e.g. MobileNetV1'));
  const fusion = intern(required('fusion', 'pointwise, bft or another lower-case method name'));
  if (!/^[a-z0-9][a-z0-9-]*$/.test(fusion))
    fail('fusion', 'fusion must be a lower-case word', fusion, 'pointwise, bft, nas, circulant, …');

  const top1Text = required('top1', 'top-1 accuracy in percent');
  const top1 = Number(top1Text);
  if (!/^[+]?\d+(\.\d+)?$/.test(top1Text) || !Number.isFinite(top1))
    fail('top1', 'top1 is not a number', top1Text, 'a percentage, e.g. 54.3');
  if (top1 < 0 || top1 > 100) fail('top1', 'top1 outside 0–100', top1Text, 'a percentage between 0 and 100');

  const costColumn = columns.cost;
  let publishedMacs: bigint | undefined;
  const costText = text(costColumn.header);
  if (costText !== undefined) {
    const macs = macsFromCostCell(costText, costColumn);
    if (macs === 'not-a-number')
      fail(
        costColumn.header,
        `${costColumn.header} is not a number`,
        costText,
        `${costColumn.meaning} in decimal notation, or empty to let the cost model count it`,
      );
    else if (macs === 'negative')
      fail(costColumn.header, `negative ${costColumn.header}`, costText, `${costColumn.meaning} >= 0`);
    else if (macs === 'finer-than-one-mac')
      fail(
        costColumn.header,
        `${costColumn.header} is not a whole number of MACs`,
        costText,
        `${costColumn.meaning} that is a whole number of MACs`,
      );
    else publishedMacs = macs;
  }

  const widthText = text('width');
  const width = widthText === undefined ? undefined : Number(widthText);
  if (widthText !== undefined && (!/^\d+(\.\d+)?$/.test(widthText) || !(width !== undefined && width > 0))) {
    fail('width', 'width is not a positive number', widthText, 'a width multiplier, e.g. 0.75');
  }
  const resolutionText = text('resolution');
  if (resolutionText !== undefined && !/^[1-9]\d*$/.test(resolutionText)) {
    fail('resolution', 'resolution is not a positive integer', resolutionText, 'an input size in pixels, e.g. 224');
  }
  let params: bigint | undefined;
  const paramsColumn = columns.params;
  const paramsText = paramsColumn === undefined ? undefined : text(paramsColumn.header);
  if (paramsColumn !== undefined && paramsText !== undefined) {
    const value = macsFromCostCell(paramsText, paramsColumn);
    if (typeof value !== 'bigint')
      fail(
        paramsColumn.header,
        `${paramsColumn.header} is not a whole non-negative number of parameters`,
        paramsText,
        paramsColumn.meaning,
      );
    else params = value;
  }

  const extra: Record<string, string> = columns.extra.length === 0 ? NO_EXTRA : {};
  for (const [name, i] of columns.extra) {
    // Defined, not assigned: a column may be called __proto__ like any other name.
    Object.defineProperty(extra, name, { value: cells[i] ?? '', enumerable: true, writable: true });
  }
  const archText = text('arch');
  const arch = archText === undefined ? undefined : intern(archText);
  const sourceText = text('source');
  const source = sourceText === undefined ? undefined : intern(sourceText);
  const note = text('note');
  const costCell = at(row, columns.index.get(costColumn.header));
  const record: Mutable<ResultRecord> = {
    model,
    family,
    fusion,
    top1,
    extra,
    origin: { file, line: row.line, costColumn: costCell.column, costHeader: costColumn.header },
  };
  if (width !== undefined) record.width = width;
  if (resolutionText !== undefined) record.resolution = Number(resolutionText);
  if (arch !== undefined) record.arch = arch;
  if (publishedMacs !== undefined) record.publishedMacs = publishedMacs;
  if (params !== undefined) record.params = params;
  if (source !== undefined) record.source = source;
  if (note !== undefined) record.note = note;
  return record;
}

/** The `extra` of every record of a file without other columns: one shared, frozen object. */
const NO_EXTRA: Record<string, string> = Object.freeze({});

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
