/**
 * Side-by-side formatting of two cost reports of the same model (`butterflops compare`):
 * typically pointwise vs BFT fusion, possibly at another width or resolution.
 */
import { assertNever } from '../errors.js';
import type { CostReport, LayerCost } from '../model/cost.js';
import { LAYER_ROLES } from '../model/layer.js';
import { reportedTotal } from '../conventions/preset.js';
import { describeConvention } from './convention-text.js';
import { shapeText, reportJson } from './cost-report-format.js';
import { stringifyExact } from '../text/json.js';
import { decimal, percent, withSuffix, withThousands } from '../text/numbers.js';
import { markdownCell, markdownLine, terminalLines } from '../text/escape.js';
import { renderLatexTable, renderTable, type Table, type TableFormat } from '../text/table.js';

export const COMPARE_FORMATS = ['table', 'markdown', 'csv', 'json', 'latex'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

/** Short label of a report's configuration, e.g. `bft k=4 width=2 resolution=224`. */
export function configurationLabel(report: CostReport): string {
  const p = report.parameters;
  const fusion =
    p['fusion'] !== 'bft'
      ? 'pointwise'
      : p['logMode'] === 'mixed-radix'
        ? 'bft mixed-radix'
        : `bft k=${String(p['base'])}`;
  const rest = Object.entries(p)
    .filter(([k]) => !['fusion', 'base', 'logMode', 'shapePolicy', 'residual'].includes(k))
    .map(([k, v]) => `${k}=${v}`);
  return [fusion, ...rest].join(' ');
}

/** ratio b / a with 2 decimals ("0.16×"), or "—" when a is 0. */
function ratio(a: bigint, b: bigint): string {
  return a === 0n ? '—' : `${decimal(b, a, 2)}×`;
}

/** ratio b / a as a plain decimal with 6 places (machine formats), or undefined when a is 0. */
function rawRatio(a: bigint, b: bigint): string | undefined {
  return a === 0n ? undefined : decimal(b, a, 6);
}

function costlyLayers(a: CostReport, b: CostReport): { name: string; left?: LayerCost; right?: LayerCost }[] {
  const right = new Map(b.layers.map((layer) => [layer.name, layer]));
  const names = new Set<string>();
  const rows: { name: string; left?: LayerCost; right?: LayerCost }[] = [];
  for (const layer of a.layers) {
    names.add(layer.name);
    const other = right.get(layer.name);
    if (
      layer.macs > 0n ||
      (layer.params > 0n && layer.kind !== 'batchnorm') ||
      (other !== undefined && other.macs > 0n)
    ) {
      rows.push({ name: layer.name, left: layer, ...(other ? { right: other } : {}) });
    }
  }
  for (const layer of b.layers) {
    if (!names.has(layer.name) && layer.macs > 0n) rows.push({ name: layer.name, right: layer });
  }
  return rows;
}

/**
 * The per-layer table. Where A and B differ in a layer's kind or output shape the human formats
 * show both as `A / B` under a header that says so (an arrow would read like input → output);
 * CSV has a column per side.
 */
function layerTable(a: CostReport, b: CostReport, human: boolean): Table {
  const count = (v: bigint | undefined) => (v === undefined ? '' : human ? withThousands(v) : v.toString());
  const headers = human
    ? ['layer', 'kind (A / B)', 'output (A / B)', 'macs A', 'macs B', 'B/A', 'params A', 'params B']
    : [
        'layer',
        'kind_a',
        'kind_b',
        'output_a',
        'output_b',
        'macs_a',
        'macs_b',
        'macs_b_over_a',
        'params_a',
        'params_b',
      ];
  const numeric = human ? 3 : 5;
  const shape = (layer: LayerCost | undefined) => (layer === undefined ? '' : shapeText([layer.output]));
  return {
    columns: headers.map((header, i) => (i >= numeric ? { header, align: 'right' as const } : { header })),
    rows: costlyLayers(a, b).map(({ name, left, right }) => [
      name,
      ...(human
        ? [
            left?.kind === right?.kind ? (left?.kind ?? '') : `${left?.kind ?? '—'} / ${right?.kind ?? '—'}`,
            left && right && shape(left) !== shape(right) ? `${shape(left)} / ${shape(right)}` : shape(left ?? right),
          ]
        : [left?.kind ?? '', right?.kind ?? '', shape(left), shape(right)]),
      count(left?.macs),
      count(right?.macs),
      left && right ? (human ? ratio(left.macs, right.macs) : (rawRatio(left.macs, right.macs) ?? '')) : '',
      count(left?.params),
      count(right?.params),
    ]),
  };
}

function roleTable(a: CostReport, b: CostReport): Table {
  const share = (report: CostReport, role: string) => report.roles.find((r) => r.role === role);
  return {
    columns: [
      { header: 'role' },
      { header: 'macs A', align: 'right' },
      { header: 'share A', align: 'right' },
      { header: 'macs B', align: 'right' },
      { header: 'share B', align: 'right' },
      { header: 'B/A', align: 'right' },
    ],
    rows: LAYER_ROLES.flatMap((role) => {
      const left = share(a, role);
      const right = share(b, role);
      if ((left?.macs ?? 0n) === 0n && (right?.macs ?? 0n) === 0n) return [];
      const l = left?.macs ?? 0n;
      const r = right?.macs ?? 0n;
      return [
        [
          role,
          withThousands(l),
          `${percent(l, a.total.macs)} %`,
          withThousands(r),
          `${percent(r, b.total.macs)} %`,
          ratio(l, r),
        ],
      ];
    }),
  };
}

/** MACs of what `export` builds (the counted MACs when the report has no buildable count). */
const built = (report: CostReport): bigint => report.buildable?.total.macs ?? report.total.macs;
const buildableDiffers = (report: CostReport): boolean => built(report) !== report.total.macs;

function totalLines(a: CostReport, b: CostReport): string[] {
  return [
    `A: ${configurationLabel(a)}`,
    `B: ${configurationLabel(b)}`,
    `total macs: A ${withSuffix(a.total.macs)}  B ${withSuffix(b.total.macs)}  B/A ${ratio(a.total.macs, b.total.macs)}`,
    `total params: A ${withSuffix(a.total.params)}  B ${withSuffix(b.total.params)}  B/A ${ratio(a.total.params, b.total.params)}`,
    ...(buildableDiffers(a) || buildableDiffers(b)
      ? [
          `buildable macs (what \`export\` builds; butterfly sizes that are not powers of the base are built padded or mixed radix): A ${withSuffix(built(a))}  B ${withSuffix(built(b))}  B/A ${ratio(built(a), built(b))}`,
        ]
      : []),
    ...(a.convention.preset === undefined
      ? []
      : [
          `reported (${a.convention.preset.version}, ${a.convention.preset.reportedUnit}): A ${withSuffix(reportedTotal(a.convention, a.total).reported)}  B ${withSuffix(reportedTotal(b.convention, b.total).reported)}`,
        ]),
    `peak activation memory (float32): A ${withSuffix(a.peakActivationBytes)}B  B ${withSuffix(b.peakActivationBytes)}B  B/A ${ratio(a.peakActivationBytes, b.peakActivationBytes)}`,
  ];
}

/** B/A of two counts as a JSON number (6 decimals), null when A is 0. */
function jsonRatio(a: bigint, b: bigint): number | null {
  const text = rawRatio(a, b);
  return text === undefined ? null : Number(text);
}

/**
 * The comparison as JSON: both reports in full (`a`, `b`), the B/A ratios of the totals, the
 * per-layer rows and the role table the human formats show (exact counts, shares in percent and
 * ratios as plain numbers).
 */
export function comparisonJson(a: CostReport, b: CostReport): object {
  const share = (report: CostReport, role: string) => report.roles.find((r) => r.role === role)?.macs ?? 0n;
  return {
    a: reportJson(a),
    b: reportJson(b),
    ratios: {
      macs: jsonRatio(a.total.macs, b.total.macs),
      params: jsonRatio(a.total.params, b.total.params),
      peakActivationBytes: jsonRatio(a.peakActivationBytes, b.peakActivationBytes),
    },
    layers: costlyLayers(a, b).map(({ name, left, right }) => ({
      name,
      kindA: left?.kind ?? null,
      kindB: right?.kind ?? null,
      macsA: left?.macs ?? null,
      macsB: right?.macs ?? null,
      macsRatio: left && right ? jsonRatio(left.macs, right.macs) : null,
      paramsA: left?.params ?? null,
      paramsB: right?.params ?? null,
    })),
    roles: LAYER_ROLES.flatMap((role) => {
      const l = share(a, role);
      const r = share(b, role);
      if (l === 0n && r === 0n) return [];
      return [
        {
          role,
          macsA: l,
          sharePercentA: Number(percent(l, a.total.macs, 4)),
          macsB: r,
          sharePercentB: Number(percent(r, b.total.macs, 4)),
          macsRatio: jsonRatio(l, r),
        },
      ];
    }),
  };
}

/** The role table and the totals as a LaTeX tabular (paper-shaped, like `count --format latex`). */
function comparisonLatex(a: CostReport, b: CostReport): string {
  const row = (label: string, macsA: bigint, macsB: bigint) => [
    label,
    withThousands(macsA),
    `${percent(macsA, a.total.macs)}%`,
    withThousands(macsB),
    `${percent(macsB, b.total.macs)}%`,
    ratio(macsA, macsB),
  ];
  const table: Table = {
    columns: [
      { header: 'role' },
      { header: 'MACs A', align: 'right' },
      { header: 'share A', align: 'right' },
      { header: 'MACs B', align: 'right' },
      { header: 'share B', align: 'right' },
      { header: 'B/A', align: 'right' },
    ],
    rows: roleTable(a, b).rows.map(([role = '']) =>
      row(role, a.roles.find((r) => r.role === role)?.macs ?? 0n, b.roles.find((r) => r.role === role)?.macs ?? 0n),
    ),
  };
  return renderLatexTable(
    table,
    [`${a.model}: A = ${configurationLabel(a)}; B = ${configurationLabel(b)}`, describeConvention(a.convention)],
    [row('total', a.total.macs, b.total.macs)],
  );
}

/** Renders the comparison of `a` (baseline) and `b`. */
export function formatComparison(a: CostReport, b: CostReport, format: CompareFormat): string {
  switch (format) {
    case 'json':
      return stringifyExact(comparisonJson(a, b));
    case 'latex':
      return comparisonLatex(a, b);
    case 'csv':
      return renderTable(layerTable(a, b, false), 'csv');
    case 'table':
    case 'markdown': {
      const tableFormat: TableFormat = format;
      const convention = `convention: ${describeConvention(a.convention)}`;
      const lines = totalLines(a, b);
      // Names from the user's files (model, parameters) are escaped for the format: the whole
      // terminal text, or each Markdown line that holds one.
      const head =
        format === 'table'
          ? [`${a.model}: A vs B`, ...lines, convention]
          : [
              `## ${markdownLine(a.model)}: A vs B`,
              '',
              ...lines.map((l) => `- ${markdownLine(l)}`),
              '',
              `_${markdownCell(convention)}_`,
            ];
      const text = [
        ...head,
        '',
        renderTable(layerTable(a, b, true), tableFormat),
        'MACs by role',
        '',
        renderTable(roleTable(a, b), tableFormat),
      ].join('\n');
      return format === 'table' ? terminalLines(text) : text;
    }
    default:
      return assertNever(format, 'format');
  }
}
