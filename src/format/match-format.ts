/**
 * Rendering of `butterflops match`: the configurations near a budget and, per baseline, the BFT
 * configuration of equal cost. Human formats print rounded millions; CSV one table with exact
 * integers. Pure and byte-stable.
 */
import type { EqualCostPair, MatchCandidate } from '../search/match.js';
import { decimal, withSuffix } from '../text/numbers.js';
import { stringifyExact } from '../text/json.js';
import { markdownCell, terminalLines } from '../text/escape.js';
import { renderLatexTable, renderTable } from '../text/table.js';

/** What was searched, for the heading. */
export interface MatchQuery {
  readonly model: string;
  readonly fusion: string;
  readonly tolerance: number;
  readonly budgetMacs: bigint;
}

/** The width as shown: the model's multiplier, or — when the model has none. */
const widthText = (c: MatchCandidate): string => (c.width === undefined ? '—' : String(c.width));

const signed = (percent: number) => `${percent >= 0 ? '+' : ''}${percent.toFixed(1)} %`;
/** (macs / reference − 1) · 100. */
const deviation = (macs: bigint, reference: bigint) => (Number(macs) / Number(reference) - 1) * 100;
/** The resolution, marked when it is the search's bound and the target lies beyond it. */
const resolutionText = (c: MatchCandidate) =>
  c.limit === 'highest'
    ? `${c.resolution} (max)`
    : c.limit === 'lowest'
      ? `${c.resolution} (min)`
      : String(c.resolution);

const row = (c: MatchCandidate) => [
  widthText(c),
  resolutionText(c),
  withSuffix(c.macs),
  signed(c.deviationPercent),
  withSuffix(c.params),
  `${decimal(c.peakActivationBytes, 1_000_000n, 2)}MB`,
];
const COLUMNS = [
  { header: 'width', align: 'right' as const },
  { header: 'resolution', align: 'right' as const },
  { header: 'macs', align: 'right' as const },
  { header: 'vs budget', align: 'right' as const },
  { header: 'params', align: 'right' as const },
  { header: 'peak activations', align: 'right' as const },
];

/**
 * One CSV for both tables, exact integers: `kind` is `match` (a grid configuration near the
 * budget) or `equal-cost` (the BFT configuration of each width matching a baseline's MACs).
 * `deviation_percent` is from the row's own target (the budget for `match`, the baseline's MACs
 * for `equal-cost`); `budget_deviation_percent` always from the budget.
 */
function matchCsv(budgetMacs: bigint, matches: readonly MatchCandidate[], pairs: readonly EqualCostPair[]): string {
  const cells = (c: MatchCandidate) => [
    c.width === undefined ? '' : String(c.width),
    String(c.resolution),
    c.macs.toString(),
    c.deviationPercent.toFixed(3),
    deviation(c.macs, budgetMacs).toFixed(3),
    c.params.toString(),
    c.peakActivationBytes.toString(),
    c.limit ?? '',
  ];
  const columns = [
    'kind',
    'baseline_width',
    'baseline_resolution',
    'baseline_macs',
    'width',
    'resolution',
    'macs',
    'deviation_percent',
    'budget_deviation_percent',
    'params',
    'peak_activation_bytes',
    'resolution_limit',
  ];
  const rows = [
    ...matches.map((c) => ['match', '', '', '', ...cells(c)]),
    ...pairs.flatMap((pair) =>
      pair.bft.map((b) => [
        'equal-cost',
        pair.baseline.width === undefined ? '' : String(pair.baseline.width),
        String(pair.baseline.resolution),
        pair.baseline.macs.toString(),
        ...cells(b),
      ]),
    ),
  ];
  return renderTable({ columns: columns.map((header) => ({ header })), rows }, 'csv');
}

/** The output formats of `match`. */
export const MATCH_FORMATS = ['table', 'markdown', 'csv', 'json', 'latex'] as const;
export type MatchFormat = (typeof MATCH_FORMATS)[number];

/** One candidate as JSON: exact counts, the deviation in percent as a plain number; width null when the model has none. */
function candidateJson(c: MatchCandidate): Record<string, unknown> {
  return {
    width: c.width ?? null,
    resolution: c.resolution,
    macs: c.macs,
    params: c.params,
    peakActivationBytes: c.peakActivationBytes,
    deviationPercent: Number(c.deviationPercent.toFixed(4)),
    ...(c.limit !== undefined ? { resolutionLimit: c.limit } : {}),
  };
}

/** Says which BFT configurations stopped at a bound of the resolution search. */
function limitNote(capped: readonly MatchCandidate[]): string {
  const high = capped.filter((c) => c.limit === 'highest');
  const low = capped.filter((c) => c.limit === 'lowest');
  const names = (cs: readonly MatchCandidate[]) => cs.map((c) => widthText(c)).join(', ');
  return [
    ...(high.length > 0
      ? [
          `(max): resolution ${high[0]?.resolution ?? ''} is the largest the search tries; the BFT network of width ${names(high)} has fewer MACs than the baseline even there, so no resolution up to it matches.`,
        ]
      : []),
    ...(low.length > 0
      ? [
          `(min): even the smallest resolution of the BFT network of width ${names(low)} has more MACs than the baseline.`,
        ]
      : []),
  ].join('\n');
}

/** The query, the configurations near the budget and the equal-cost pairs, as JSON. */
export function matchJson(
  query: MatchQuery,
  matches: readonly MatchCandidate[],
  pairs: readonly EqualCostPair[],
): object {
  return {
    model: query.model,
    fusion: query.fusion,
    budgetMacs: query.budgetMacs,
    tolerance: query.tolerance,
    matches: matches.map(candidateJson),
    equalCost: pairs.map((pair) => ({
      baseline: candidateJson(pair.baseline),
      bft: pair.bft.map((b) => ({
        ...candidateJson(b),
        budgetDeviationPercent: Number(deviation(b.macs, query.budgetMacs).toFixed(4)),
      })),
    })),
  };
}

/** Renders a match result in `format` (table, markdown, csv, json). */
export function formatMatch(
  query: MatchQuery,
  matches: readonly MatchCandidate[],
  pairs: readonly EqualCostPair[],
  format: MatchFormat,
): string {
  if (format === 'json') return stringifyExact(matchJson(query, matches, pairs));
  if (format === 'csv') return matchCsv(query.budgetMacs, matches, pairs);
  if (format === 'latex') {
    const heading = `${matches.length} configuration(s) of ${query.model} (${query.fusion}) within ${(query.tolerance * 100).toFixed(1)} % of ${withSuffix(query.budgetMacs)} MACs`;
    return renderLatexTable({ columns: COLUMNS, rows: matches.map(row) }, [`butterflops match: ${heading}`]);
  }
  // The model's name comes from the user's files: escaped for the format.
  const model = format === 'markdown' ? markdownCell(query.model) : query.model;
  let out = `${matches.length} configuration(s) of ${model} (${query.fusion}) within ${(query.tolerance * 100).toFixed(1)} % of ${withSuffix(query.budgetMacs)} MACs\n`;
  out += renderTable({ columns: COLUMNS, rows: matches.map(row) }, format);
  if (pairs.length > 0) {
    out += `\nbaseline (pointwise) configurations near the budget and the BFT configuration of equal cost per width (resolution solved on the exact symbolic total, or by exact counts where the model has none):\n`;
    const rows = pairs.flatMap((pair) =>
      pair.bft.map((b) => [
        `${pair.baseline.width ?? ''}@${pair.baseline.resolution}`,
        withSuffix(pair.baseline.macs),
        widthText(b),
        resolutionText(b),
        withSuffix(b.macs),
        signed(b.deviationPercent),
        signed(deviation(b.macs, query.budgetMacs)),
        withSuffix(b.params),
        `${decimal(b.peakActivationBytes, 1_000_000n, 2)}MB`,
      ]),
    );
    out += renderTable(
      {
        columns: [
          { header: 'baseline' },
          { header: 'baseline macs', align: 'right' },
          { header: 'bft width', align: 'right' },
          { header: 'bft resolution', align: 'right' },
          { header: 'bft macs', align: 'right' },
          { header: 'bft vs baseline', align: 'right' },
          { header: 'bft vs budget', align: 'right' },
          { header: 'bft params', align: 'right' },
          { header: 'bft peak activations', align: 'right' },
        ],
        rows,
      },
      format,
    );
    const capped = pairs.flatMap((pair) => pair.bft.filter((b) => b.limit !== undefined));
    if (capped.length > 0) {
      out += `\n${limitNote(capped)}\n`;
    }
  }
  return format === 'table' ? terminalLines(out) : out;
}
