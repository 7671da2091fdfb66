import { UserError } from '../errors.js';
import type { ResultRecord } from '../model/result-record.js';
import { AMBIGUOUS_COST_HEADERS, COST_COLUMNS, macsFromCostCell, type CostColumn } from './cost-column.js';
import { parseCsvRows, type CellPosition, type CsvRow } from './csv-rows.js';
import { compareValues } from '../text/compare.js';

/**
 * Reads a result CSV (format: `data/README.md`, section "Result CSVs") into records. Every
 * problem is a `UserError` naming the file, line and column of the offending cell:
 * missing or ambiguous columns, ragged rows, empty cells where a value is required,
 * non-numeric or negative costs, accuracies outside 0–100, duplicate rows.
 * Pure: takes the decoded text. O(cells).
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
  const table = parseCsvRows(text, file);
  const header = table.header;
  const at = (position: CellPosition | undefined, field?: string) => ({
    file,
    line: position?.line ?? header.line,
    column: position?.column ?? 1,
    ...(field !== undefined ? { field } : {}),
  });

  // 1. The header: unique names, the required ones, exactly one cost column with a unit.
  const index = new Map<string, number>();
  header.cells.forEach((name, i) => {
    if (name === '') throw new UserError('empty column name', { location: at(header.positions[i]) });
    if (index.has(name))
      throw new UserError(`column "${name}" appears twice`, { location: at(header.positions[i], name) });
    if (AMBIGUOUS_COST_HEADERS.includes(name.toLowerCase())) {
      throw new UserError(`ambiguous cost column "${name}": say whether it counts MACs or 2 × MACs`, {
        location: at(header.positions[i], name),
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
  if (table.rows.length === 0) {
    throw new UserError('no data rows', {
      location: { file, line: header.line + 1, column: 1 },
      expected: 'one line per result after the header',
    });
  }

  // 2. The rows.
  const seen = new Map<string, number>();
  return table.rows.map((row) => {
    if (row.cells.length !== header.cells.length) {
      const position = row.cells.length > header.cells.length ? row.positions[header.cells.length] : row.end;
      throw new UserError(`row has ${row.cells.length} cells, the header has ${header.cells.length}`, {
        location: at(position),
      });
    }
    const key = JSON.stringify(
      header.cells.map((name, i) => (NOT_IDENTIFYING.has(name) ? '' : (row.cells[i] ?? '').trim())),
    );
    const previous = seen.get(key);
    if (previous !== undefined) {
      throw new UserError(`duplicate row: same values as line ${previous}`, { location: at(row.positions[0]) });
    }
    seen.set(key, row.line);
    return readRecord(row, index, costColumn, file, at);
  });
}

type Locate = (position: CellPosition | undefined, field?: string) => { file: string; line: number; column: number };

function readRecord(
  row: CsvRow,
  index: ReadonlyMap<string, number>,
  costColumn: CostColumn,
  file: string,
  at: Locate,
): ResultRecord {
  const cell = (name: string): { text: string; position: CellPosition | undefined } | undefined => {
    const i = index.get(name);
    if (i === undefined) return undefined;
    return { text: (row.cells[i] ?? '').trim(), position: row.positions[i] };
  };
  const fail = (name: string, problem: string, received: string, expected: string): never => {
    throw new UserError(problem, { location: at(cell(name)?.position, name), received, expected });
  };
  const text = (name: string): string | undefined => {
    const value = cell(name)?.text;
    return value === undefined || value === '' ? undefined : value;
  };
  const required = (name: string, expected: string): string => text(name) ?? fail(name, `empty ${name}`, '', expected);

  const model = required('model', 'a model name, e.g. MobileNetV1-0.5');
  const family = required('family', 'a model family, e.g. MobileNetV1');
  const fusion = required('fusion', 'pointwise, bft or another lower-case method name');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(fusion))
    fail('fusion', 'fusion must be a lower-case word', fusion, 'pointwise, bft, nas, circulant, …');

  const top1Text = required('top1', 'top-1 accuracy in percent');
  const top1 = Number(top1Text);
  if (!/^[+]?\d+(\.\d+)?$/.test(top1Text) || !Number.isFinite(top1))
    fail('top1', 'top1 is not a number', top1Text, 'a percentage, e.g. 54.3');
  if (top1 < 0 || top1 > 100) fail('top1', 'top1 outside 0–100', top1Text, 'a percentage between 0 and 100');

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
  const paramsColumn: CostColumn | undefined = index.has('params')
    ? { header: 'params', meaning: 'parameters', exponent: 0, twoFlopsPerMac: false }
    : index.has('mparams')
      ? { header: 'mparams', meaning: 'million parameters', exponent: 6, twoFlopsPerMac: false }
      : undefined;
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

  const extra: Record<string, string> = {};
  for (const [name, i] of [...index].sort(([a], [b]) => compareValues(a, b))) {
    // Defined, not assigned: a column may be called __proto__ like any other name.
    if (!KNOWN.has(name))
      Object.defineProperty(extra, name, { value: (row.cells[i] ?? '').trim(), enumerable: true, writable: true });
  }
  const arch = text('arch');
  const source = text('source');
  const note = text('note');
  return {
    model,
    family,
    fusion,
    ...(width !== undefined ? { width } : {}),
    ...(resolutionText !== undefined ? { resolution: Number(resolutionText) } : {}),
    ...(arch !== undefined ? { arch } : {}),
    ...(publishedMacs !== undefined ? { publishedMacs } : {}),
    top1,
    ...(params !== undefined ? { params } : {}),
    ...(source !== undefined ? { source } : {}),
    ...(note !== undefined ? { note } : {}),
    extra,
    origin: {
      file,
      line: row.line,
      costColumn: cell(costColumn.header)?.position?.column ?? 1,
      costHeader: costColumn.header,
    },
  };
}
