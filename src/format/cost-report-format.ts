/**
 * Formatting of a cost report (`butterflops count`) in every output format. Human formats use
 * thousands separators and M/G suffixes; CSV and JSON carry exact integers.
 */
import { assertNever } from '../errors.js';
import { printMath, texNode } from '../expr/math.js';
import type { CostReport, LayerCost } from '../model/cost.js';
import { formatShape, shapeTuple, type Shape } from '../model/shape.js';
import { flopsFromMacs } from '../model/units.js';
import { reportedTotal } from '../conventions/preset.js';
import { buildableLine } from './buildable-text.js';
import { describeConvention } from './convention-text.js';
import { moduleRollup, selectRows, type RowSelection } from './module-rollup.js';
import { stringifyExact } from '../text/json.js';
import { percent, withSuffix, withThousands } from '../text/numbers.js';
import { markdownCell, markdownLine, terminalCell, terminalLines } from '../text/escape.js';
import { latexCell, renderLatexTable, renderTable, type Table } from '../text/table.js';
import {
  moduleBackwardMacs,
  trainingCells,
  trainingColumns,
  trainingLayerJson,
  trainingSelectionJson,
  trainingTotalJson,
  trainingNote,
  trainingTotalsLines,
} from './training-format.js';

export const REPORT_FORMATS = ['table', 'markdown', 'csv', 'json', 'latex'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * Which rows a report shows: with `depth`, one row per module (layers grouped by the first
 * `depth` segments of their names, see `module-rollup.ts`) instead of one per layer; the
 * selection (hide zero rows, sort, top N) applies to either. Totals always cover every layer.
 */
export interface ReportRows extends RowSelection {
  readonly depth?: number;
}

/** `32×112×112` (a clip: `64×8×56×56`); several inputs joined by ` + `. */
export function shapeText(shapes: readonly Shape[]): string {
  return shapes.map(formatShape).join(' + ');
}

/** The options a report was computed with, for the echo line and the JSON `options`. */
function optionsText(report: CostReport): string {
  return Object.entries(report.parameters)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/**
 * The per-layer table. Machine form (CSV) always carries `extra_ops` and `flops` (= 2·macs +
 * extra ops) as exact integers; the human form shows extra ops only when the convention counts any.
 */
function layerTable(report: CostReport, human: boolean, rows: ReportRows = {}): Table {
  const count = (v: bigint) => (human ? withThousands(v) : v.toString());
  if (rows.depth !== undefined) return moduleTable(report, human, rows.depth, rows);
  const c = report.convention;
  const extras =
    !human || c.extraBiasAdds || c.extraBatchNorm || c.extraActivations || c.extraPooling || c.extraElementwise;
  const training = report.training === undefined ? undefined : new Map(report.training.layers.map((l) => [l.name, l]));
  // Shapes are one image's; a layer run on several images per sample says how many (absent: none does).
  const batched = report.layers.some((layer) => layer.batch !== undefined);
  return {
    columns: [
      { header: 'layer' },
      { header: 'kind' },
      { header: 'role' },
      { header: 'input' },
      { header: 'output' },
      ...(batched ? [{ header: 'batch', align: 'right' as const }] : []),
      { header: 'macs', align: 'right' },
      ...(training ? trainingColumns(human) : []),
      ...(extras
        ? [
            { header: human ? 'extra ops' : 'extra_ops', align: 'right' as const },
            { header: 'flops', align: 'right' as const },
          ]
        : []),
      { header: 'params', align: 'right' },
      { header: 'activations', align: 'right' },
      // `formula` is always the symbolic MAC formula; `substituted` the same with this layer's numbers.
      ...(human ? [{ header: 'substituted' }] : [{ header: 'formula' }, { header: 'substituted' }]),
    ],
    rows: selectRows(report.layers, rows).map((layer) => [
      layer.name,
      layer.kind,
      layer.role,
      shapeText(layer.inputs),
      shapeText([layer.output]),
      ...(batched ? [String(layer.batch ?? 1)] : []),
      atMost(layer, count(layer.macs)),
      ...(training ? trainingCells(training.get(layer.name), human) : []),
      ...(extras
        ? [atMost(layer, count(layer.extraOps)), atMost(layer, count(flopsFromMacs(layer.macs, layer.extraOps)))]
        : []),
      count(layer.params),
      count(layer.activations),
      ...(human ? [layer.substituted] : [layer.formula, layer.substituted]),
    ]),
  };
}

/** A cost of a layer counted at a data-dependent bound reads "at most …" in human tables. */
function atMost(layer: LayerCost, text: string): string {
  return layer.dataDependent !== undefined && text !== '0' ? `at most ${text}` : text;
}

/** The per-module table: module, layers, MACs, share, extra ops and FLOPs when counted, params. */
function moduleTable(report: CostReport, human: boolean, depth: number, selection: RowSelection): Table {
  const count = (v: bigint) => (human ? withThousands(v) : v.toString());
  const backward = report.training === undefined ? undefined : moduleBackwardMacs(report.training, depth);
  const c = report.convention;
  const extras =
    !human || c.extraBiasAdds || c.extraBatchNorm || c.extraActivations || c.extraPooling || c.extraElementwise;
  return {
    columns: [
      { header: `module (depth ${depth})` },
      { header: 'layers', align: 'right' },
      { header: 'macs', align: 'right' },
      ...(backward ? [{ header: human ? 'backward macs' : 'backward_macs', align: 'right' as const }] : []),
      { header: human ? 'share of macs' : 'share_of_macs', align: 'right' },
      ...(extras
        ? [
            { header: human ? 'extra ops' : 'extra_ops', align: 'right' as const },
            { header: 'flops', align: 'right' as const },
          ]
        : []),
      { header: 'params', align: 'right' },
      { header: 'activations', align: 'right' },
    ],
    rows: selectRows(moduleRollup(report.layers, depth), selection).map((row) => [
      row.module,
      `${row.layers}`,
      count(row.macs),
      ...(backward ? [count(backward.get(row.module) ?? 0n)] : []),
      `${percent(row.macs, report.total.macs)} %`,
      ...(extras ? [count(row.extraOps), count(flopsFromMacs(row.macs, row.extraOps))] : []),
      count(row.params),
      count(row.activations),
    ]),
  };
}

/** The per-role shares table (the paper's Figure 3 split). */
export function roleTable(report: CostReport): Table {
  return {
    columns: [
      { header: 'role' },
      { header: 'layers', align: 'right' },
      { header: 'macs', align: 'right' },
      { header: 'share of macs', align: 'right' },
      { header: 'params', align: 'right' },
    ],
    rows: report.roles.map((share) => [
      share.role,
      `${share.layers}`,
      withThousands(share.macs),
      `${percent(share.macs, report.total.macs)} %`,
      withThousands(share.params),
    ]),
  };
}

/** Lines on the sizes that depend on the data: the first five nodes, then how many more (all in the JSON). */
function dataDependentLines(report: CostReport): string[] {
  const groups = report.dataDependent ?? [];
  const lines = groups
    .slice(0, 5)
    .map(
      (d) =>
        `AT MOST (size depends on the data): node ${d.node} (${d.op}) gives at most ${withThousands(BigInt(d.bound))} ` +
        `(${d.reason}); ${d.layers.length} layer(s) counted at that bound: ${d.layers.slice(0, 5).join(', ')}${d.layers.length > 5 ? ', …' : ''}`,
    );
  if (groups.length > 5)
    lines.push(`AT MOST: ${groups.length - 5} more data-dependent sizes; see dataDependent in --format json`);
  return lines;
}

/** One line on the layers that run on several images per sample (their shapes are one image's). */
function batchLine(report: CostReport): string[] {
  const batched = report.layers.filter((layer) => layer.batch !== undefined);
  if (batched.length === 0) return [];
  const counts = [...new Set(batched.map((layer) => layer.batch))].sort((a = 0, b = 0) => a - b).join(', ');
  return [
    `batch: ${batched.length} layer(s) run on ${counts} images per sample (the graph stacks them along its batch axis); their shapes are one image's, their macs and activations count every image`,
  ];
}

/** One line on the tensors several layers read (the list is in the JSON report). */
function sharedTensorsLine(report: CostReport): string[] {
  const shared = report.sharedTensors ?? [];
  if (shared.length === 0) return [];
  const tied = shared.filter((t) => t.rule === 'tied').length;
  return [
    `shared tensors: ${shared.length} read by several layers — ${tied} tied (counted once), ${shared.length - tied} merged by the exporter from several modules (counted once per module); see sharedTensors in --format json`,
  ];
}

function totalsLines(report: CostReport): string[] {
  const t = report.total;
  const preset = report.convention.preset;
  const { reported, reportedUnit } = reportedTotal(report.convention, t);
  return [
    ...(preset === undefined
      ? []
      : [`reported by ${preset.version}: ${withThousands(reported)} ${reportedUnit} (${withSuffix(reported)})`]),
    `total macs: ${report.dataDependent !== undefined ? 'at most ' : ''}${withThousands(t.macs)} (${withSuffix(t.macs)})`,
    `total flops: ${withThousands(t.flops)} (${withSuffix(t.flops)}) = 2 × macs${t.extraOps > 0n ? ` + ${withThousands(t.extraOps)} extra ops` : ''}`,
    `total params: ${withThousands(t.params)} (${withSuffix(t.params)})`,
    ...[buildableLine(report)].filter((line) => line !== undefined),
    `activations: ${withThousands(t.activations)} elements in all layer outputs; peak alive ${withThousands(report.peakActivations)} elements = ${withSuffix(report.peakActivationBytes)}B as float32`,
    ...(report.training ? trainingTotalsLines(report.training) : []),
    ...batchLine(report),
    ...dataDependentLines(report),
    ...sharedTensorsLine(report),
    ...notCountedLines(report),
  ];
}

/**
 * One line per kind or operator not counted (`NOT COUNTED (operator Foo has no importer rule): 2
 * node(s): a, b`): said in every format — in the totals of table and Markdown, as `#` comment
 * lines after a CSV, as `%` comments and a note under a LaTeX table (JSON has `notCounted`).
 */
export function notCountedLines(report: CostReport): string[] {
  return report.notCounted.map(
    (n) =>
      `NOT COUNTED (${n.operator ? `operator ${n.kind} has no importer rule` : `no cost rule for kind ${n.kind}`}): ` +
      `${n.layers.length} ${n.operator ? 'node' : 'layer'}(s): ${n.layers.slice(0, 5).join(', ')}${n.layers.length > 5 ? ', …' : ''}`,
  );
}

/** JSON document of a report (the contract documented in README: keep these names); `modules` with a depth. */
export function reportJson(report: CostReport, rows: ReportRows = {}): object {
  const training = report.training === undefined ? undefined : new Map(report.training.layers.map((l) => [l.name, l]));
  return {
    model: report.model,
    options: report.parameters,
    convention: report.convention,
    layers: selectRows(report.layers, rows.depth === undefined ? rows : {}).map((layer: LayerCost) => ({
      name: layer.name,
      kind: layer.kind,
      role: layer.role,
      input: layer.inputs.length === 1 && layer.inputs[0] ? shapeTuple(layer.inputs[0]) : layer.inputs.map(shapeTuple),
      output: shapeTuple(layer.output),
      ...(layer.batch !== undefined ? { batch: layer.batch } : {}),
      macs: layer.macs,
      params: layer.params,
      activations: layer.activations,
      extraOps: layer.extraOps,
      formula: layer.formula,
      substituted: layer.substituted,
      ...(training ? trainingLayerJson(training.get(layer.name)) : {}),
    })),
    ...(report.training ? { training: trainingSelectionJson(report.training) } : {}),
    total: {
      macs: report.total.macs,
      flops: report.total.flops,
      params: report.total.params,
      activations: report.total.activations,
      extraOps: report.total.extraOps,
      ...reportedTotal(report.convention, report.total),
      peakActivations: report.peakActivations,
      peakActivationBytes: report.peakActivationBytes,
      ...(report.training ? trainingTotalJson(report.training) : {}),
      ...(report.buildable !== undefined
        ? { buildableMacs: report.buildable.total.macs, buildableParams: report.buildable.total.params }
        : {}),
    },
    ...(report.buildable !== undefined && report.buildable.rebuilt.length > 0
      ? { rebuilt: report.buildable.rebuilt }
      : {}),
    roles: report.roles.map((share) => ({
      role: share.role,
      layers: share.layers,
      macs: share.macs,
      params: share.params,
    })),
    ...(rows.depth !== undefined ? { modules: moduleRowsJson(report, rows.depth, rows) } : {}),
    ...(report.notCounted.length > 0 ? { notCounted: report.notCounted } : {}),
    ...(report.dataDependent !== undefined ? { dataDependent: report.dataDependent } : {}),
    ...(report.sharedTensors !== undefined ? { sharedTensors: report.sharedTensors } : {}),
    ...(report.paramsNote !== undefined ? { paramsNote: report.paramsNote } : {}),
  };
}

/**
 * Every layer with its formula as LaTeX math, then the total: `count --format latex`. With a
 * training step (`--training`), the backward MACs and whether each layer trains follow the MACs,
 * and a note under the table gives forward, backward and their sum.
 */
function renderLatex(report: CostReport): string {
  const training = report.training === undefined ? undefined : new Map(report.training.layers.map((l) => [l.name, l]));
  const batched = report.layers.some((layer) => layer.batch !== undefined);
  const table: Table = {
    columns: [
      { header: 'layer' },
      { header: 'kind' },
      { header: 'input' },
      { header: 'output' },
      ...(batched ? [{ header: 'batch', align: 'right' as const }] : []),
      { header: 'MACs', align: 'right' },
      ...(training ? [{ header: 'backward MACs', align: 'right' } as const, { header: 'trains' }] : []),
      { header: 'params', align: 'right' },
      { header: 'formula', align: 'right', latex: 'math' },
    ],
    rows: report.layers.map((layer) => [
      layer.name,
      layer.kind,
      shapeText(layer.inputs),
      shapeText([layer.output]),
      ...(batched ? [String(layer.batch ?? 1)] : []),
      atMost(layer, withThousands(layer.macs)),
      ...(training ? trainingCells(training.get(layer.name), true) : []),
      withThousands(layer.params),
      layer.formula === '0' ? '0' : texNode(printMath.parse(layer.formula)),
    ]),
  };
  const notCounted = notCountedLines(report);
  const trainingTotals = report.training === undefined ? [] : trainingTotalsLines(report.training);
  const latex = renderLatexTable(
    table,
    [
      `butterflops count ${report.model} (${optionsText(report)})`,
      describeConvention(report.convention, report.paramsNote),
      ...notCounted,
      ...dataDependentLines(report),
      ...batchLine(report),
      ...trainingTotals,
    ],
    [
      [
        'total',
        '',
        '',
        '',
        ...(batched ? [''] : []),
        `${report.dataDependent !== undefined ? 'at most ' : ''}${withThousands(report.total.macs)}`,
        ...(report.training ? [withThousands(report.training.total.backwardMacs), ''] : []),
        withThousands(report.total.params),
        '',
      ],
    ],
  );
  const notes = [
    // The totals are partial: a note the reader sees under the table, not only a comment.
    ...(notCounted.length === 0 ? [] : [`Totals exclude what was not counted: ${notCounted.join('; ')}`]),
    // An upper bound must not pass for a count: said under the table too.
    ...(report.dataDependent === undefined
      ? []
      : [
          `MACs marked "at most" depend on the data and are counted at the bounds the graph sets: ${report.dataDependent
            .slice(0, 5)
            .map((d) => `${d.node} (${d.op}) at most ${withThousands(BigInt(d.bound))}`)
            .join(
              '; ',
            )}${report.dataDependent.length > 5 ? `; ${report.dataDependent.length - 5} more (all in the JSON report)` : ''}.`,
        ]),
    ...(report.training === undefined ? [] : [trainingNote(report.training)]),
  ];
  return notes.reduce((text, note) => `${text}\\par\\noindent\\textit{${latexCell(note)}}\n`, latex);
}

/** The module rows of the JSON document, with `backwardMacs` when the report counts a training step. */
function moduleRowsJson(report: CostReport, depth: number, rows: ReportRows): object[] {
  const selected = selectRows(moduleRollup(report.layers, depth), rows);
  if (report.training === undefined) return selected;
  const backward = moduleBackwardMacs(report.training, depth);
  return selected.map((row) => ({ ...row, backwardMacs: backward.get(row.module) ?? 0n }));
}

/** Renders a cost report in `format`, with the rows chosen by `rows` (all layers by default; LaTeX always lists every layer). */
export function formatCostReport(report: CostReport, format: ReportFormat, rows: ReportRows = {}): string {
  switch (format) {
    case 'json':
      return stringifyExact(reportJson(report, rows));
    case 'csv':
      // What the numbers do not say alone (a partial total, an upper bound, stacked images):
      // said after the rows, as comments.
      return (
        renderTable(layerTable(report, false, rows), 'csv') +
        [...notCountedLines(report), ...dataDependentLines(report), ...batchLine(report)]
          .map((line) => `# ${terminalCell(line)}\n`)
          .join('')
      );
    case 'latex':
      return renderLatex(report);
    case 'table':
    case 'markdown': {
      const title = `${report.model} (${optionsText(report)})`;
      const convention = `convention: ${describeConvention(report.convention, report.paramsNote)}`;
      if (format === 'table') {
        return terminalLines(
          [
            title,
            convention,
            '',
            renderTable(layerTable(report, true, rows), 'table'),
            ...totalsLines(report),
            '',
            renderTable(roleTable(report), 'table'),
          ].join('\n'),
        );
      }
      return [
        `## ${markdownLine(title)}`,
        '',
        `_${markdownCell(convention)}_`,
        '',
        renderTable(layerTable(report, true, rows), 'markdown'),
        ...totalsLines(report).map((l) => `- ${markdownLine(l)}`),
        '',
        renderTable(roleTable(report), 'markdown'),
      ].join('\n');
    }
    default:
      return assertNever(format, 'format');
  }
}
