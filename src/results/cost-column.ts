/**
 * The cost column of a result CSV. Its header names its unit, so a number never stands without
 * one: MACs (multiply-accumulates, what the papers call "FLOPs") in units, millions or billions,
 * or FLOPs that are explicitly 2 × MACs. A bare `flops` / `mflops` header is refused because
 * papers use it for both meanings.
 */

/** A cost-column header and what one unit of it is worth. */
export interface CostColumn {
  /** Header as written in the CSV. */
  readonly header: string;
  /** What the header means, for documentation and error messages. */
  readonly meaning: string;
  /** Power of ten one written unit is worth (0, 6 or 9). */
  readonly exponent: number;
  /** True when the column counts FLOPs = 2 × MACs, so MACs = value / 2. */
  readonly twoFlopsPerMac: boolean;
}

/** Every accepted cost header, in the order the documentation lists them. */
export const COST_COLUMNS: readonly CostColumn[] = [
  { header: 'macs', meaning: 'multiply-accumulates', exponent: 0, twoFlopsPerMac: false },
  { header: 'mmacs', meaning: 'million multiply-accumulates', exponent: 6, twoFlopsPerMac: false },
  { header: 'gmacs', meaning: 'billion multiply-accumulates', exponent: 9, twoFlopsPerMac: false },
  { header: 'flops_2xmacs', meaning: 'FLOPs counted as 2 × MACs', exponent: 0, twoFlopsPerMac: true },
  { header: 'mflops_2xmacs', meaning: 'million FLOPs counted as 2 × MACs', exponent: 6, twoFlopsPerMac: true },
  { header: 'gflops_2xmacs', meaning: 'billion FLOPs counted as 2 × MACs', exponent: 9, twoFlopsPerMac: true },
];

/** Headers refused as ambiguous: they do not say whether one FLOP is a MAC or half of one. */
export const AMBIGUOUS_COST_HEADERS: readonly string[] = ['flops', 'mflops', 'gflops', 'madds', 'mmadds'];

/** Why a cost cell could not be converted. */
export type CostCellProblem = 'not-a-number' | 'negative' | 'finer-than-one-mac';

/**
 * Converts a cost cell written in `column`'s unit to exact MACs, or says why it cannot:
 * plain decimal notation only (`12.9`, `569`), no exponent, no sign; the value must be a whole
 * number of MACs (`12.9` mmacs = 12 900 000 MACs; `1.5` flops_2xmacs is refused).
 * Exact: no floating point is involved. O(length of the cell).
 */
export function macsFromCostCell(cell: string, column: CostColumn): bigint | CostCellProblem {
  const text = cell.trim();
  if (/^-\s*\d/.test(text)) return 'negative';
  const match = /^\+?(\d+)(?:\.(\d+))?$/.exec(text);
  if (match === null) return 'not-a-number';
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > column.exponent) return 'finer-than-one-mac';
  const units = BigInt(whole + fraction.padEnd(column.exponent, '0'));
  if (!column.twoFlopsPerMac) return units;
  if (units % 2n !== 0n) return 'finer-than-one-mac';
  return units / 2n;
}
