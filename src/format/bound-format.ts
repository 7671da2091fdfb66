import type { Table } from '../text/table.js';
import { renderTable } from '../text/table.js';
import type { BoundSample, BoundVerification } from '../checks/verify-bound.js';

/** One sample as table cells (CSV carries exact integers; ratios with 6 decimals). */
function sampleCells(s: BoundSample): string[] {
  return [
    String(s.index),
    String(s.base),
    String(s.n),
    String(s.width),
    s.radices.join('·'),
    s.closedFormEdges.toString(),
    s.graphEdges.toString(),
    s.instrumentedEdges?.toString() ?? '',
    s.paddedEdges.toString(),
    s.mixedEdges.toString(),
    s.ratio.toFixed(6),
    s.bound.toFixed(6),
    s.criteriaHold === null ? '' : String(s.criteriaHold),
    s.failure === undefined ? 'ok' : `FAIL: ${s.failure}`,
  ];
}

/** Every sample as a table (the `--csv` file). Columns name their units (edges per pixel). */
export function boundSamplesTable(verification: BoundVerification): Table {
  const headers = [
    'sample',
    'base',
    'n',
    'built_width',
    'radices',
    'closed_form_edges',
    'graph_edges',
    'instrumented_edges',
    'padded_edges',
    'mixed_edges',
    'edges_over_n_log2_n',
    'proven_bound',
    'criteria_hold',
    'status',
  ];
  return { columns: headers.map((header) => ({ header })), rows: verification.samples.map(sampleCells) };
}

/**
 * True when the per-base rows cannot differ: in mixed mode every width is built from its own
 * prime radices (≤ --max-radix), so the base enters no count; the rows are merged only when they
 * are indeed equal.
 */
export function baseIsUnused(verification: BoundVerification): boolean {
  if (verification.options.mode !== 'mixed') return false;
  const [first, ...rest] = verification.perBase;
  if (first === undefined) return false;
  const key = (b: typeof first) =>
    [b.samples, b.fittedConstant, b.maxRatio, b.asymptoticConstant, b.failures].join(' ');
  return rest.every((b) => key(b) === key(first));
}

/**
 * The per-base summary as a table: one row per base, or in mixed mode (where the base is unused,
 * see {@link baseIsUnused}) a single row for all bases, without the k/log2 k column.
 */
export function boundSummaryTable(verification: BoundVerification): Table {
  if (baseIsUnused(verification)) {
    const b = verification.perBase[0] as BoundVerification['perBase'][number];
    return {
      columns: [
        { header: 'bases' },
        { header: 'samples', align: 'right' },
        { header: 'fitted c', align: 'right' },
        { header: 'max ratio', align: 'right' },
        { header: 'asymptotic bound', align: 'right' },
        { header: 'failures', align: 'right' },
      ],
      rows: [
        [
          `${verification.perBase.map((one) => one.base).join(', ')} (unused)`,
          String(b.samples),
          b.fittedConstant.toFixed(4),
          b.maxRatio.toFixed(4),
          b.asymptoticConstant.toFixed(4),
          String(b.failures),
        ],
      ],
    };
  }
  return {
    columns: [
      { header: 'base' },
      { header: 'samples', align: 'right' },
      { header: 'fitted c', align: 'right' },
      { header: 'max ratio', align: 'right' },
      { header: 'k/log2 k', align: 'right' },
      { header: 'asymptotic bound', align: 'right' },
      { header: 'failures', align: 'right' },
    ],
    rows: verification.perBase.map((b) => [
      String(b.base),
      String(b.samples),
      b.fittedConstant.toFixed(4),
      b.maxRatio.toFixed(4),
      b.exactPowerConstant.toFixed(4),
      b.asymptoticConstant.toFixed(4),
      String(b.failures),
    ]),
  };
}

/**
 * What each column of {@link boundSummaryTable} means, one line per column (printed under the
 * table by `bound` and in the report), including why "max ratio" may exceed "asymptotic bound"
 * without a failure.
 */
export function boundColumnNotes(verification: BoundVerification): string[] {
  const o = verification.options;
  const merged = baseIsUnused(verification);
  const perSample =
    o.mode === 'pad'
      ? '(k²/log2 k)(1 + log2 k/log2 n) for padded widths, k/log2 k at exact powers'
      : '(N/n)(log2 N/log2 n)·max r/log2 r for a width n built at the smooth width N';
  return [
    ...(merged
      ? []
      : [
          `base: the butterfly base k; widths that are not powers of k are ${o.mode === 'pad' ? 'padded to the next power' : 'rounded up to a smooth width'}.`,
        ]),
    ...(merged
      ? [
          `bases: mixed mode builds every width from its own prime radices ≤ ${o.maxRadix}, so the base enters no count and the bases ${o.bases.join(', ')} give identical rows; one row is shown.`,
        ]
      : []),
    'samples: widths n drawn log-uniformly (the same widths for every base).',
    'fitted c: least-squares c in edges ≈ c·n·log2 n over the samples (through the origin).',
    "max ratio: the largest edges/(n·log2 n) over the samples; 1 is the paper's lower bound n·log2 n.",
    ...(merged ? [] : ['k/log2 k: the ratio of the base-k butterfly at widths that are exact powers of k.']),
    `asymptotic bound: the limit of the proven per-sample bound as n grows (${o.mode === 'pad' ? 'k²/log2 k' : 'max r/log2 r over the radices'}). ` +
      `Each sample is checked against its own proven bound, ${perSample}, which is larger at small n; so max ratio may exceed the asymptotic bound without any failure.`,
    'failures: samples whose closed form, graph and instrumented counts disagree, whose ratio passes its proven bound, or whose criteria fail.',
  ];
}

/** A one-line description of a sample (the offending sample on failure, the worst one otherwise). */
export function describeSample(s: BoundSample): string {
  return (
    `sample ${s.index}: n=${s.n} base=${s.base} built width ${s.width} radices ${s.radices.join('·')}, ` +
    `edges ${s.closedFormEdges} (graph ${s.graphEdges}, instrumented ${s.instrumentedEdges ?? 'skipped'}), ` +
    `edges/(n log2 n) = ${s.ratio.toFixed(4)} (bound ${s.bound.toFixed(4)})` +
    (s.failure === undefined ? '' : ` FAILED: ${s.failure}`)
  );
}

/**
 * Markdown section for reports: what was checked, the per-base table, the worst sample and the
 * failures. Byte-stable for fixed options.
 */
export function renderBoundMarkdown(verification: BoundVerification): string {
  const o = verification.options;
  const construction =
    o.mode === 'pad'
      ? 'widths that are not powers of the base are padded to the next power k^⌈log_k n⌉ ' +
        '(proven: ratio = k/log2 k at exact powers, < (k²/log2 k)(1 + log2 k/log2 n) otherwise)'
      : `widths are rounded up to the next width whose prime factors are ≤ ${o.maxRadix} and built with mixed radices ` +
        '(proven: ratio ≤ (N/n)(log2 N/log2 n)·max r/log2 r)';
  const lines = [
    `${o.samples} widths drawn log-uniformly from [2, ${o.maxN}] (seed ${o.seed}), bases ${o.bases.join(', ')}; ${construction}.`,
    `Each sample: cost-model closed form = built graph edges = instrumented multiplies (widths ≤ ${o.instrumentCap}); ` +
      `criteria on the graph for widths ≤ ${o.criteriaCap}.`,
    '',
    renderTable(boundSummaryTable(verification), 'markdown').trimEnd(),
    '',
    ...boundColumnNotes(verification).map((note) => `- ${note}`),
    '',
  ];
  if (verification.worst !== undefined) lines.push(`Worst ratio: ${describeSample(verification.worst)}.`);
  lines.push(
    verification.failures.length === 0
      ? 'All samples passed.'
      : `${verification.failures.length} samples failed; first: ${describeSample(verification.failures[0] as BoundSample)}.`,
  );
  return `${lines.join('\n')}\n`;
}

/** One sample as JSON (exact integers). */
function sampleJson(s: BoundSample): Record<string, unknown> {
  return {
    sample: s.index,
    base: s.base,
    n: s.n,
    builtWidth: s.width,
    radices: s.radices,
    closedFormEdges: s.closedFormEdges,
    graphEdges: s.graphEdges,
    instrumentedEdges: s.instrumentedEdges,
    ratio: s.ratio,
    bound: s.bound,
    criteriaHold: s.criteriaHold,
    ...(s.failure === undefined ? {} : { failure: s.failure }),
  };
}

/**
 * The verification as JSON: the options (seed included), the per-base summary the table shows
 * (`bases[]`: base, samples, fittedConstant, maxRatio, asymptoticBound, failures), the worst
 * sample and the failing samples. Every sample is in the CSV (`--format csv`).
 */
export function boundJson(verification: BoundVerification): Record<string, unknown> {
  return {
    options: verification.options,
    bases: verification.perBase.map((b) => ({
      base: b.base,
      samples: b.samples,
      fittedConstant: b.fittedConstant,
      maxRatio: b.maxRatio,
      exactPowerConstant: b.exactPowerConstant,
      asymptoticBound: b.asymptoticConstant,
      failures: b.failures,
    })),
    samples: verification.samples.length,
    worst: verification.worst === undefined ? null : sampleJson(verification.worst),
    failures: verification.failures.map(sampleJson),
  };
}
