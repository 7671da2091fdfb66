/// <reference lib="dom" />
/**
 * The explorer's views rendered into the page: totals, pointwise vs BFT, the per-layer table,
 * the formula, the equal-cost configurations, and charts through vega-embed. Numbers are exact
 * bigints formatted by the same functions as the CLI's tables (`withThousands`, `withSuffix`).
 */
import type { Result } from 'vega-embed';
import type { TopLevelSpec } from 'vega-lite';
import type { CheckedFormula } from '../checks/checked-formula.js';
import { trainingNote } from '../format/training-format.js';
import type { CostReport } from '../model/cost.js';
import { flopsFromMacs } from '../model/units.js';
import { decimal, percent, withSuffix, withThousands } from '../text/numbers.js';
import type { MatchCandidate } from '../search/match.js';
import { deferredPackages } from './browser-packages.js';
import { RESOLUTION_LIMIT, type EqualCostRow, type EqualCostScope } from './equal-cost.js';
import { byId, h } from './dom.js';
import {
  layerRows,
  maxDepth,
  sortRows,
  type ExplorerCounts,
  type LayerRow,
  type LayerSortKey,
} from './explorer-views.js';

/** An exact count as page text: `146,404,352` with a title of `146.40M`. */
function count(id: string, value: bigint, unit = ''): HTMLElement {
  return h(
    'output',
    { id, 'data-value': value.toString(), title: `${withSuffix(value)}${unit}` },
    `${withThousands(value)}${unit}`,
  );
}

/** The four totals of the current configuration. */
export function renderTotals(report: CostReport): void {
  const { total } = report;
  const card = (label: string, value: HTMLElement, note: string) =>
    h('div', { class: 'card' }, h('span', { class: 'label' }, label), value, h('small', {}, note));
  // Counted at the bounds of data-dependent sizes: upper bounds (listed under the cards).
  const atMost = report.dataDependent !== undefined ? ', at most' : '';
  byId('totals').replaceChildren(
    card(`MACs${atMost}`, count('total-macs', total.macs), `${withSuffix(total.macs)} multiply-accumulates`),
    card(
      `FLOPs${atMost}`,
      count('total-flops', total.flops),
      total.extraOps > 0n ? `2 × MACs + ${withThousands(total.extraOps)} extra ops` : '2 × MACs',
    ),
    card(
      'Params',
      count('total-params', total.params),
      `${withSuffix(total.params)} (${report.convention.paramsRule} rule)`,
    ),
    card(
      'Peak activation memory',
      count('total-peak-bytes', report.peakActivationBytes, ' B'),
      `${withThousands(report.peakActivations)} float32 values alive at once`,
    ),
  );
  const training = report.training;
  if (training !== undefined) {
    const t = training.total;
    byId('totals').append(
      card(
        'Training step MACs',
        count('total-training-macs', t.trainingMacs),
        `forward ${withSuffix(t.forwardMacs)} + backward ${withSuffix(t.backwardMacs)}`,
      ),
      card(
        'Backward MACs',
        count('total-backward-macs', t.backwardMacs),
        `input gradients ${withThousands(t.inputGradientMacs)} + weight gradients ${withThousands(t.weightGradientMacs)}`,
      ),
    );
  }
  byId('training-note').textContent = training === undefined ? '' : trainingNote(training);
  const notCounted = report.notCounted.map((entry) => `${entry.kind} (${entry.layers.length})`).join(', ');
  byId('not-counted').textContent = notCounted === '' ? '' : `Not counted (no cost rule): ${notCounted}`;
  byId('batch-note').textContent = batchNote(report) ?? '';
}

/**
 * The sentence on the layers that run on several images per sample (`LayerCost.batch`, e.g.
 * RAFT's feature encoder on two frames stacked along the batch axis), as the CLI's `batch:` line
 * says it; undefined when every layer runs on one image.
 */
export function batchNote(report: CostReport): string | undefined {
  const batched = report.layers.filter((layer) => layer.batch !== undefined);
  if (batched.length === 0) return undefined;
  const counts = [...new Set(batched.map((layer) => layer.batch ?? 1))].sort((a, b) => a - b).join(', ');
  return `Batch: ${batched.length} layer${batched.length === 1 ? ' runs' : 's run'} on ${counts} images per sample (the graph stacks them along its batch axis). Their shapes in the table are one image's; their MACs and activations, and the totals, count every image.`;
}

/** b / a as `0.16×`. */
const ratio = (a: bigint, b: bigint): string => (a === 0n ? '—' : `${decimal(b, a, 2)}×`);

/** Pointwise vs BFT totals and MACs by role, side by side. */
export function renderCompare(counts: ExplorerCounts): void {
  const { pointwise, bft } = counts;
  const line = (label: string, a: bigint, b: bigint) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, label),
      h('td', {}, withThousands(a)),
      h('td', {}, withThousands(b)),
      h('td', {}, ratio(a, b)),
    );
  const roles = [...new Set([...pointwise.roles, ...bft.roles].map((share) => share.role))];
  const macsOf = (report: CostReport, role: string) => report.roles.find((share) => share.role === role)?.macs ?? 0n;
  byId('compare').replaceChildren(
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'numbers' },
        h('caption', {}, 'Same model and parameters, dense pointwise vs BFT (current BFT settings)'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, ''),
            h('th', { scope: 'col' }, 'pointwise'),
            h('th', { scope: 'col' }, 'BFT'),
            h('th', { scope: 'col' }, 'BFT / pointwise'),
          ),
        ),
        h(
          'tbody',
          {},
          line('MACs', pointwise.total.macs, bft.total.macs),
          line(
            'FLOPs',
            flopsFromMacs(pointwise.total.macs, pointwise.total.extraOps),
            flopsFromMacs(bft.total.macs, bft.total.extraOps),
          ),
          line('params', pointwise.total.params, bft.total.params),
          line('peak activation bytes', pointwise.peakActivationBytes, bft.peakActivationBytes),
          ...roles
            .filter((role) => macsOf(pointwise, role) > 0n || macsOf(bft, role) > 0n)
            .map((role) => line(`MACs: ${role}`, macsOf(pointwise, role), macsOf(bft, role))),
        ),
      ),
    ),
  );
}

/** How the per-layer table is shown. */
export interface TableView {
  depth: number;
  hideZero: boolean;
  sort: LayerSortKey;
  descending: boolean;
  /** The grouped rows (by path) whose layers are shown under them. */
  readonly expanded: Set<string>;
}

const COLUMNS: readonly { key: LayerSortKey; label: string; numeric?: true }[] = [
  { key: 'path', label: 'layer (path)' },
  { key: 'kind', label: 'kind' },
  { key: 'role', label: 'role' },
  { key: 'macs', label: 'MACs', numeric: true },
  { key: 'params', label: 'params', numeric: true },
  { key: 'activations', label: 'activations', numeric: true },
];

/** Columns shown but not sorted by. */
const SHAPE_COLUMNS = ['input', 'output'] as const;

/** The per-layer table of `report` as `view` says; header buttons sort (`onSort`). */
export function renderLayerTable(
  report: CostReport,
  view: TableView,
  onSort: (key: LayerSortKey) => void,
  onToggle: (path: string) => void,
): void {
  const depthSelect = byId<HTMLSelectElement>('layer-depth');
  const depths = maxDepth(report);
  if (depthSelect.options.length !== depths) {
    depthSelect.replaceChildren(
      ...Array.from({ length: depths }, (_, i) =>
        h('option', { value: String(i + 1) }, i + 1 === depths ? `${i + 1} (every layer)` : String(i + 1)),
      ),
    );
  }
  const depth = Math.min(view.depth, depths);
  depthSelect.value = String(depth);
  // Shapes are one image's; a layer run on several images per sample says how many (as the CLI's table).
  const batched = report.layers.some((layer) => layer.batch !== undefined);
  const rows: LayerRow[] = sortRows(layerRows(report, depth, view.hideZero), view.sort, view.descending);
  const header = COLUMNS.map(({ key, label, numeric }) => {
    const sorted = view.sort === key;
    const arrow = sorted ? (view.descending ? ' ▼' : ' ▲') : '';
    const button = h('button', { type: 'button', 'data-sort': key }, `${label}${arrow}`);
    button.addEventListener('click', () => onSort(key));
    return h(
      'th',
      {
        scope: 'col',
        class: numeric ? 'num' : undefined,
        'aria-sort': sorted ? (view.descending ? 'descending' : 'ascending') : 'none',
      },
      button,
    );
  });
  const cells = (row: LayerRow, path: HTMLElement) => [
    path,
    h('td', {}, row.kind),
    h('td', {}, row.role),
    h(
      'td',
      { class: 'num' },
      // A layer counted at a data-dependent bound: "at most", as the CLI's table says.
      row.macs !== 0n && row.members.some((layer) => layer.dataDependent !== undefined)
        ? `at most ${withThousands(row.macs)}`
        : withThousands(row.macs),
    ),
    h('td', { class: 'num' }, `${percent(row.macs, report.total.macs)} %`),
    h('td', { class: 'num' }, withThousands(row.params)),
    h('td', { class: 'num' }, withThousands(row.activations)),
    h('td', { class: 'shape' }, row.input),
    h('td', { class: 'shape' }, row.output),
    ...(batched ? [h('td', { class: 'num' }, row.batch)] : []),
    ...(row.backwardMacs !== undefined ? [h('td', { class: 'num' }, withThousands(row.backwardMacs))] : []),
  ];
  const body = rows.flatMap((row) => {
    if (row.layers === 1) return [h('tr', {}, ...cells(row, h('td', { class: 'path' }, row.path)))];
    const open = view.expanded.has(row.path);
    const toggle = h(
      'button',
      {
        type: 'button',
        class: 'toggle',
        'aria-expanded': String(open),
        'aria-label': `${open ? 'fold' : 'unfold'} ${row.path}`,
      },
      open ? '▾' : '▸',
    );
    toggle.addEventListener('click', () => onToggle(row.path));
    const group = h(
      'tr',
      { class: 'group' },
      ...cells(row, h('td', { class: 'path' }, toggle, ` ${row.path}`, h('small', {}, ` (${row.layers} layers)`))),
    );
    const members = open
      ? layerRows({ ...report, layers: row.members }, Number.MAX_SAFE_INTEGER, view.hideZero).map((member) =>
          h('tr', { class: 'member' }, ...cells(member, h('td', { class: 'path' }, member.path))),
        )
      : [];
    return [group, ...members];
  });
  const total = (value: bigint) => h('td', { class: 'num' }, h('strong', {}, withThousands(value)));
  byId('layers').replaceChildren(
    h(
      'table',
      { class: 'layers' },
      h(
        'caption',
        {},
        `${rows.length} rows at path depth ${depth}${view.hideZero ? ', rows with zero MACs and params hidden' : ''}; the totals cover every layer`,
      ),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...header.slice(0, 4),
          h('th', { scope: 'col', class: 'num' }, '% of MACs'),
          ...header.slice(4),
          ...SHAPE_COLUMNS.map((label) => h('th', { scope: 'col' }, label)),
          ...(batched ? [h('th', { scope: 'col', class: 'num' }, 'batch')] : []),
          ...(report.training ? [h('th', { scope: 'col', class: 'num' }, 'backward MACs')] : []),
        ),
      ),
      h('tbody', {}, ...body),
      h(
        'tfoot',
        {},
        h(
          'tr',
          { class: 'totals' },
          h('th', { scope: 'row' }, `total (${report.layers.length} layers)`),
          h('td', {}),
          h('td', {}),
          total(report.total.macs),
          h('td', { class: 'num' }, '100.00 %'),
          total(report.total.params),
          total(report.layers.reduce((sum, layer) => sum + layer.activations, 0n)),
          h('td', {}),
          h('td', {}),
          ...(batched ? [h('td', {})] : []),
          ...(report.training ? [total(report.training.total.backwardMacs)] : []),
        ),
      ),
    ),
  );
}

/** The total as a formula in the free parameters, with its check at the current point. */
export function renderFormula(formula: CheckedFormula | string): void {
  if (typeof formula === 'string') {
    byId('formula').replaceChildren(h('p', {}, formula));
    return;
  }
  const point = Object.entries(formula.at)
    .map(([name, value]) => `${name} = ${value}`)
    .join(', ');
  byId('formula').replaceChildren(
    h('p', {}, `MACs as a function of ${formula.total.free.join(' and ')} (${formula.total.terms.length} terms):`),
    h('pre', { class: 'formula', id: 'formula-expression' }, `MACs = ${formula.total.expression}`),
    h(
      'p',
      {},
      `Check: at ${point} the formula gives `,
      h('strong', {}, withThousands(formula.value)),
      ', equal to the layer-by-layer count. Valid wherever the layer structure is the same as at that point.',
    ),
  );
}

const deviation = (c: MatchCandidate): string =>
  `${c.deviationPercent >= 0 ? '+' : ''}${c.deviationPercent.toFixed(2)} %`;

const baselineLine = (baselineMacs: bigint, tail: string): HTMLElement =>
  h('p', {}, 'Baseline (dense pointwise, current parameters): ', h('strong', {}, withThousands(baselineMacs)), tail);

/** The BFT configurations of equal cost to the current pointwise baseline, one row per solved width. */
export function renderEqualCost(
  baselineMacs: bigint,
  rows: readonly EqualCostRow[],
  hasWidth: boolean,
  done: boolean,
): void {
  const solved = rows.flatMap((row) => (row.kind === 'solved' ? [row.candidate] : []));
  const skipped = rows.flatMap((row) => (row.kind === 'skipped' ? [row] : []));
  const firstSkipped = skipped[0];
  const parts: (HTMLElement | null)[] = [
    baselineLine(baselineMacs, ' MACs. BFT at the resolution whose MACs are nearest it:'),
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'numbers' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['BFT width', 'resolution', 'MACs', 'vs baseline', 'params'].map((label) =>
              h('th', { scope: 'col' }, label),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          ...solved.map((c) =>
            h(
              'tr',
              {},
              h('td', {}, hasWidth ? String(c.width) : '—'),
              h(
                'td',
                {},
                c.resolution === RESOLUTION_LIMIT && c.macs < baselineMacs
                  ? `${c.resolution} (search limit)`
                  : String(c.resolution),
              ),
              h('td', {}, withThousands(c.macs)),
              h('td', {}, deviation(c)),
              h('td', {}, withThousands(c.params)),
            ),
          ),
        ),
      ),
    ),
    firstSkipped === undefined
      ? null
      : h(
          'p',
          { class: 'note', id: 'equal-cost-skipped' },
          `Not searched: ${hasWidth ? `width ${skipped.map((row) => String(row.width)).join(', ')}` : 'this configuration'} — the model cannot be built there with these parameters (${firstSkipped.reason}).`,
        ),
    done ? null : h('p', { class: 'busy' }, 'solving the next width…'),
  ];
  byId('equal-cost').replaceChildren(...parts.filter((part) => part !== null));
}

/** What the equal-cost search cannot vary for this model, and the BFT twin at the fixed size. */
export function renderEqualCostScope(scope: Exclude<EqualCostScope, { kind: 'search' }>, baselineMacs: bigint): void {
  byId('equal-cost').replaceChildren(
    baselineLine(baselineMacs, ' MACs.'),
    h(
      'p',
      { class: 'note', id: 'equal-cost-fixed' },
      scope.kind === 'fixed-resolution'
        ? `This graph's shapes are fixed at resolution ${scope.resolution}: it cannot be counted at another (${scope.reason}), so there is no resolution to solve for an equal cost. The pointwise vs BFT table above compares the two at ${scope.resolution}.`
        : `${scope.reason}, so there is nothing to solve for an equal cost. The pointwise vs BFT table above compares the two as they are.`,
    ),
  );
}

const embedded = new Map<string, Result>();

/** A sentence in place of a chart (its previous chart, if any, finalized). */
export function renderChartNote(id: string, text: string): void {
  embedded.get(id)?.finalize();
  embedded.delete(id);
  byId(id).removeAttribute('aria-label');
  byId(id).replaceChildren(h('p', { class: 'note' }, text));
}

/** Renders a Vega-Lite spec into `#id` (SVG, no actions menu, nothing fetched); replaces the previous view. */
export async function renderChart(id: string, spec: TopLevelSpec, description: string): Promise<void> {
  const container = byId(id);
  embedded.get(id)?.finalize();
  embedded.delete(id);
  container.setAttribute('aria-label', description);
  const result = await deferredPackages().embed(container, spec, { actions: false, renderer: 'svg', tooltip: true });
  embedded.set(id, result);
}

/** The shown configuration (A) and the pinned comparison (B): totals, B / A, MACs by role. */
export function renderVs(a: CostReport, b: CostReport, labelA: string, labelB: string): void {
  const line = (label: string, x: bigint, y: bigint) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, label),
      h('td', {}, withThousands(x)),
      h('td', {}, withThousands(y)),
      h('td', {}, ratio(x, y)),
    );
  const macsOf = (report: CostReport, role: string) => report.roles.find((share) => share.role === role)?.macs ?? 0n;
  const roles = [...new Set([...a.roles, ...b.roles].map((share) => share.role))].filter(
    (role) => macsOf(a, role) > 0n || macsOf(b, role) > 0n,
  );
  byId('vs').replaceChildren(
    h(
      'div',
      { class: 'scroll' },
      h(
        'table',
        { class: 'numbers', id: 'vs-table' },
        h('caption', {}, `A: ${labelA} — B: ${labelB}`),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, ''),
            h('th', { scope: 'col' }, 'A (shown)'),
            h('th', { scope: 'col' }, 'B (comparison)'),
            h('th', { scope: 'col' }, 'B / A'),
          ),
        ),
        h(
          'tbody',
          {},
          line('MACs', a.total.macs, b.total.macs),
          line('FLOPs', a.total.flops, b.total.flops),
          line('params', a.total.params, b.total.params),
          line('peak activation bytes', a.peakActivationBytes, b.peakActivationBytes),
          ...roles.map((role) => line(`MACs: ${role}`, macsOf(a, role), macsOf(b, role))),
        ),
      ),
    ),
  );
}

/** The comparison box's text when there is none, or it cannot be counted. */
export function renderVsNote(text: string): void {
  byId('vs').replaceChildren(h('p', { class: 'note', id: 'vs-note' }, text));
}
