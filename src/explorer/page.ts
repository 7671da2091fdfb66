/// <reference lib="dom" />
/**
 * The explorer page's entry (bundled by `io/explorer-bundle.ts`, inlined by
 * `report/explorer-html.ts`): reads the embedded data files, resolves models through the pure
 * in-memory zoo (`zooSource`), a dropped architecture file (`architectureModel`) or a dropped ONNX
 * model (`onnxModelDescription`), counts with
 * `countCost` and renders every view. State lives in the URL hash.
 *
 * Each update paints the totals and the per-layer table at once (one count), then, once the
 * settings have rested for `SETTLE_MS`, in later tasks the side-by-side table (the twin under the
 * other fusion), the charts, the formula and the equal-cost search (one width per task), each
 * abandoned when a newer update starts. `<html data-status>` is `busy`, `ready` or `error`,
 * `<html data-counted>` the hash whose totals are shown;
 * `window.butterflopsExplorer.timings` records how long each update took (ms), for the bench.
 */
import { BROWSER_PACKAGES, loadDeferredPackages } from './browser-packages.js';
import { architectureModel } from '../arch/architecture-model.js';
import { parseStructuredText } from '../arch/structured-text.js';
import { zooSource } from '../arch/zoo-source.js';
import { UserError } from '../errors.js';
import { MissingBoundError } from '../onnx/missing-bound.js';
import { onnxModelDescription } from '../onnx/onnx-model.js';
import { exportModel } from '../export/export-model.js';
import { DEFAULT_EXPORT_OPTIONS } from '../export/export-network.js';
import { decimal, withThousands } from '../text/numbers.js';
import type { ModelDescription, ModelProvenance } from '../model/model-source.js';
import type { BoundableNode } from '../model/network.js';
import type { ResultRecord } from '../model/result-record.js';
import { parseResultsCsv } from '../results/parse-results-csv.js';
import { byId, h } from './dom.js';
import {
  boundLabel,
  boundsOf,
  controlIdOf,
  TRAINING_CONTROLS,
  withoutVs,
  DEFAULT_STATE,
  FILE_MODEL_PREFIX,
  hashFromState,
  stateFromHash,
  type ExplorerState,
} from './explorer-state.js';
import { countCost } from '../count/count-request.js';
import type { CostReport } from '../model/cost.js';
import {
  accuracyChartFamilies,
  accuracyChartSpec,
  countState,
  formulaOf,
  layerMacsChartSpec,
  maxDepth,
  requestOf,
  roleShareSpec,
  type ExplorerCounts,
} from './explorer-views.js';
import { formatCostReport } from '../format/cost-report-format.js';
import { equalCostRow, equalCostScope, type EqualCostRow } from './equal-cost.js';
import { exportBlocker } from './export-check.js';
import { renderDataDependent, renderSharedTensors } from './imported-model-views.js';
import { storesAllWeights } from '../export/rewrite-onnx.js';
import { weightlessOnnx } from './weightless-onnx.js';
import {
  addFileOption,
  boundControlId,
  buildControls,
  buildParameterControls,
  readControls,
  showBoundControls,
  writeControls,
  type BoundField,
} from './page-controls.js';
import {
  renderChart,
  renderChartNote,
  renderCompare,
  renderEqualCost,
  renderEqualCostScope,
  renderFormula,
  renderLayerTable,
  renderTotals,
  renderVs,
  renderVsNote,
  type TableView,
} from './page-views.js';

/** The result CSV whose rows the accuracy chart shows. */
const RESULTS = 'data/results/bft-paper.csv';

/** One update's timings in ms: to the first views painted, and to every view done. */
export interface UpdateTiming {
  readonly hash: string;
  readonly firstViewsMs: number;
  readonly allViewsMs: number;
}

interface ExplorerGlobal {
  readonly timings: UpdateTiming[];
  /** ms from navigation start to the first update's views all done. */
  firstRenderMs?: number;
}

declare global {
  interface Window {
    butterflopsExplorer: ExplorerGlobal;
  }
}

// Every module the first views need has been evaluated by now (the core, yaml): the start-up
// cost. mathjs and Vega are evaluated after the first views (`loadDeferredPackages`).
performance.mark('explorer:modules-ready');
const explorer: ExplorerGlobal = { timings: [] };
if (!BROWSER_PACKAGES) throw new Error('the lazy packages are not registered');
window.butterflopsExplorer = explorer;

const data = JSON.parse(byId('explorer-data').textContent ?? '{}') as { files: Record<string, string> };
const dataFiles = new Map(Object.entries(data.files));
const zoo = zooSource(dataFiles);
const records: ResultRecord[] = dataFiles.has(RESULTS) ? parseResultsCsv(dataFiles.get(RESULTS) ?? '', RESULTS) : [];
const dropped = new Map<string, ModelDescription>();
/**
 * The file of a dropped ONNX model that stores its weights (its export rewrites the file), and
 * the weightless bytes the model was decoded from. The page keeps no weights
 * (`weightless-onnx.ts`): the export reads the file again.
 */
const weightFiles = new WeakMap<ModelDescription, { readonly file: File; readonly weightless: Uint8Array }>();
/** The parameters last set for each model, so that a model switched back to shows them again. */
const parametersByModel = new Map<string, ExplorerState['parameters']>();
/** The bounds last given for each dropped ONNX model (as its parameters). */
const boundsByModel = new Map<string, ExplorerState['bounds']>();
/**
 * A dropped ONNX model's weightless bytes, from which it is described again with the bounds the
 * user gives (`OnnxImportOptions.bounds`, the CLI's `--bound`), and the last such description.
 */
interface DroppedOnnx {
  readonly weightless: Uint8Array;
  readonly provenance: ModelProvenance;
  bounded?: { readonly key: string; readonly model: ModelDescription };
}
const droppedOnnx = new WeakMap<ModelDescription, DroppedOnnx>();
/** The op type of each node a bound was asked or given for (from refusals and counts), for its field's hint. */
const boundOps = new Map<string, string>();
/** The nodes a bound can be given for, from each dropped model's last count (a refused count keeps them). */
const boundableByModel = new WeakMap<ModelDescription, readonly BoundableNode[]>();

let state: ExplorerState = DEFAULT_STATE;
let shownModel: ModelDescription | undefined;
let generation = 0;
const table: TableView = { depth: 99, hideZero: true, sort: 'order', descending: false, expanded: new Set() };

function resolve(reference: string): ModelDescription {
  if (reference.startsWith(FILE_MODEL_PREFIX)) {
    const name = reference.slice(FILE_MODEL_PREFIX.length);
    const model = dropped.get(name);
    if (model === undefined)
      throw new UserError(`the dropped file "${name}" is not stored in the link; drop it on the page again`);
    return model;
  }
  return zoo.resolve(reference);
}

/**
 * `model` as counted under the state's bounds: a dropped ONNX model described again from its
 * weightless bytes with them (checked as the CLI checks `--bound`, a refused value naming its
 * field); any other model, or no bounds, as it is.
 */
function withBounds(model: ModelDescription, shown: ExplorerState): ModelDescription {
  const source = droppedOnnx.get(model);
  if (source === undefined) return model;
  const bounds = boundsOf(shown);
  const key = JSON.stringify(Object.entries(bounds).sort(([a], [b]) => a.localeCompare(b)));
  if (key === '[]') return model;
  if (source.bounded?.key !== key)
    source.bounded = {
      key,
      model: onnxModelDescription(source.weightless, source.provenance, { complete: false, bounds }),
    };
  return source.bounded.model;
}

/**
 * A count's refusal in the page's words: a size without a bound names the field that gives one
 * (not the CLI's `--bound`), a bound given for a node that needs none names that node's field.
 */
function pageError(error: unknown, shown: ExplorerState): unknown {
  if (error instanceof MissingBoundError)
    return new UserError(error.problem, {
      location: { ...error.location, field: boundLabel(error.node) },
      expected: `a bound of its own in the graph (a Loop's maximum trip count M), or the most it can be given in this field, under Model`,
    });
  if (error instanceof UserError && error.location.field === 'bound') {
    const node = Object.keys(shown.bounds).find((name) => error.problem.includes(JSON.stringify(name)));
    if (node !== undefined) return error.at({ ...error.location, field: boundLabel(node) });
  }
  // A glob that matches nothing: the core names the option (`freeze`), the page its field.
  if (error instanceof UserError && (error.location.field === 'freeze' || error.location.field === 'trainable'))
    return error.at({ ...error.location, field: TRAINING_CONTROLS[error.location.field].label });
  return error;
}

/**
 * The bound fields of `model` (`#bounds`): one per node a bound can be given for (those the graph
 * bounds itself, as NonMaxSuppression, show its bound and may stay empty), one per bound the state
 * gives and one for the node a refusal says needs a bound; none for a model that is not a dropped
 * ONNX graph.
 */
function showBounds(model: ModelDescription, shown: ExplorerState, error: unknown, overwrite: boolean): void {
  if (!droppedOnnx.has(model)) {
    showBoundControls([], {}, true);
    return;
  }
  if (error instanceof MissingBoundError) boundOps.set(error.node, error.op);
  const boundable = boundableByModel.get(model) ?? [];
  const nodes = boundable.map((b) => b.node);
  for (const node of Object.keys(shown.bounds)) if (!nodes.includes(node)) nodes.push(node);
  if (error instanceof MissingBoundError && !nodes.includes(error.node)) nodes.push(error.node);
  const fields = nodes.map((node): BoundField => {
    const op = boundOps.get(node);
    const graphBound = boundable.find((b) => b.node === node)?.graphBound;
    return { node, ...(op !== undefined ? { op } : {}), ...(graphBound !== undefined ? { graphBound } : {}) };
  });
  showBoundControls(fields, shown.bounds, overwrite);
}

/** The one-line text the CLI prints for a user mistake (`butterflops: …`); anything else is a bug. */
function problemText(error: unknown): string {
  if (error instanceof UserError) return `butterflops: ${error.message}`;
  console.error(error);
  return `internal error (a bug in butterflops): ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Marks the control a `UserError` names (its location's field is the control's label, see
 * `explorer-state.ts`) as invalid and points it at the message; clears every other mark.
 */
function markInvalid(error: unknown, model: ModelDescription): void {
  for (const element of Array.from(document.querySelectorAll('[aria-invalid]'))) {
    element.removeAttribute('aria-invalid');
    element.removeAttribute('aria-errormessage');
  }
  const field = error instanceof UserError ? error.location.field : undefined;
  const id =
    field === undefined
      ? undefined
      : controlIdOf(
          field,
          model.parameters.map((parameter) => parameter.name),
        );
  const control = document.getElementById(id ?? (field === undefined ? '' : (boundControlId(field) ?? '')));
  control?.setAttribute('aria-invalid', 'true');
  control?.setAttribute('aria-errormessage', 'error');
}

function showError(text: string | undefined): void {
  const element = byId('error');
  element.textContent = text ?? '';
  element.hidden = text === undefined;
}

const setStatus = (status: 'busy' | 'ready' | 'error') => {
  document.documentElement.dataset['status'] = status;
};

/**
 * How long the settings must rest before the later views are computed (ms): clicking through
 * several controls, or a number being typed, recounts the totals at each step but computes the
 * later views (the formula alone can take a second) only for where the clicks stop.
 */
const SETTLE_MS = 150;

/**
 * Waits for the browser to paint (and `delayMs` more), then runs `task` unless a newer update
 * started; resolves to whether this update is still the newest. A failing task shows its error
 * and the next runs.
 */
const later = (mine: number, task: () => void | Promise<void>, delayMs = 0): Promise<boolean> =>
  new Promise((done) =>
    setTimeout(() => {
      if (mine !== generation) return done(false);
      void Promise.resolve()
        .then(task)
        .catch((error: unknown) => {
          if (mine === generation) showError(problemText(error));
        })
        .then(() => done(mine === generation));
    }, delayMs),
  );

/** The views drawn after the first paint (each from the current model's counts). */
const LATER_VIEWS = ['compare', 'vs', 'vs-chart', 'formula', 'equal-cost', 'role-chart', 'accuracy-chart'] as const;

/** Empties the later views, so that no view shows another model's numbers while its own are computed. */
function clearLaterViews(): void {
  for (const id of LATER_VIEWS) byId(id).replaceChildren();
}

/** Marks the later views as out of date until they are redrawn for the shown configuration. */
function markLaterViewsStale(): void {
  for (const id of LATER_VIEWS) byId(id).classList.add('stale');
}

function clearViews(): void {
  delete document.documentElement.dataset['counted'];
  for (const id of [
    'totals',
    'layers',
    'not-counted',
    'batch-note',
    'training-note',
    'data-dependent',
    'shared-tensors',
  ])
    byId(id).replaceChildren();
  clearLaterViews();
}

/** A later view drawn: no longer stale. */
const fresh = (id: (typeof LATER_VIEWS)[number]) => byId(id).classList.remove('stale');

/** `MobileNetV1-2 @224 · BFT k=4`: the model, its width and resolution, and the fusion. */
function configurationLabel(model: ModelDescription, shown: ExplorerState, report?: CostReport): string {
  const { width, resolution } = report?.parameters ?? shown.parameters;
  const size = `${width !== undefined ? `-${String(width)}` : ''}${resolution !== undefined ? ` @${String(resolution)}` : ''}`;
  return `${model.title}${size} · ${shown.fusion === 'bft' ? `BFT k=${shown.base}` : 'dense pointwise'}`;
}

/** Shows `next`: counts it and renders every view (see the module comment for the order). */
async function update(next: ExplorerState, options: { fromHash: boolean }): Promise<void> {
  const started = performance.now();
  const mine = ++generation;
  setStatus('busy');
  state = next;
  const hash = hashFromState(state);
  if (location.hash.slice(1) !== hash) history.replaceState(null, '', `#${hash}`);
  let model: ModelDescription;
  try {
    model = resolve(state.model);
  } catch (error) {
    showBoundControls([], {}, true);
    showError(problemText(error));
    clearViews();
    setStatus('error');
    return;
  }
  // The bound fields take the state's values when the model or the link changed (else they are what was typed).
  const overwriteBounds = model !== shownModel || options.fromHash;
  if (model !== shownModel) {
    clearLaterViews();
    buildParameterControls(model);
    shownModel = model;
    writeControls(state, model);
  } else {
    markLaterViewsStale();
    if (options.fromHash) writeControls(state, model);
  }
  parametersByModel.set(state.model, state.parameters);
  boundsByModel.set(state.model, state.bounds);
  let current: CostReport;
  const base = model;
  try {
    // The model as counted: a dropped ONNX graph under the bounds given (the controls stay the base's).
    model = withBounds(base, state);
    current = countCost(requestOf(model, state));
  } catch (caught) {
    const error = pageError(caught, state);
    showBounds(base, state, caught, overwriteBounds);
    showError(problemText(error));
    markInvalid(error, base);
    clearViews();
    setStatus('error');
    return;
  }
  for (const group of current.dataDependent ?? []) boundOps.set(group.node, group.op);
  for (const node of current.boundable ?? []) boundOps.set(node.node, node.op);
  boundableByModel.set(base, current.boundable ?? []);
  showBounds(base, state, undefined, overwriteBounds);
  showError(undefined);
  markInvalid(undefined, model);
  const { resolution } = current.parameters;
  const label = configurationLabel(model, state, current);
  byId('current').textContent = label;
  renderTotals(current);
  renderDataDependent(current, new Set(Object.keys(state.bounds)));
  renderSharedTensors(current);
  document.documentElement.dataset['counted'] = hash;
  const drawTable = () =>
    renderLayerTable(
      current,
      table,
      (key) => {
        table.descending =
          table.sort === key ? !table.descending : key === 'macs' || key === 'params' || key === 'activations';
        table.sort = key;
        drawTable();
      },
      (path) => {
        if (!table.expanded.delete(path)) table.expanded.add(path);
        drawTable();
      },
    );
  redrawTable = drawTable;
  shownReport = { model, report: current };
  drawTable();
  const firstViewsMs = performance.now() - started;
  if (explorer.timings.length === 0) performance.mark('explorer:first-views');

  showExportState(base, current);

  // The twin under the other fusion comes next; the views after it read `counts`.
  let counts: ExplorerCounts | undefined;
  let vsShown: { readonly report: CostReport; readonly label: string } | undefined;
  const countsNow = () => (counts ??= countState(model, state, current));
  const currentResolution = Number(resolution ?? Number.NaN);
  const steps: (() => void | Promise<void>)[] = [
    () => {
      renderCompare(countsNow());
      fresh('compare');
    },
    () => {
      if (state.vs === undefined) {
        renderVsNote(
          'No comparison: pin the shown configuration as B with the button, change the settings, and both are shown side by side (the link keeps B as vs. keys).',
        );
      } else {
        try {
          const vsModel = withBounds(resolve(state.vs.model), state.vs);
          vsShown = { report: countCost(requestOf(vsModel, state.vs)), label: configurationLabel(vsModel, state.vs) };
          renderVs(current, vsShown.report, label, vsShown.label);
        } catch (error) {
          vsShown = undefined;
          renderVsNote(`The comparison (B) cannot be counted: ${problemText(error)}`);
        }
      }
      fresh('vs');
    },
    async () => {
      await loadDeferredPackages();
    },
    async () => {
      if (state.vs !== undefined && vsShown !== undefined)
        await renderChart(
          'vs-chart',
          layerMacsChartSpec(current, vsShown.report, `A: ${label}`, `B: ${vsShown.label}`),
          'MACs per layer, A and B',
        );
      else renderChartNote('vs-chart', '');
      fresh('vs-chart');
    },
    async () => {
      await renderChart(
        'role-chart',
        roleShareSpec(countsNow(), label),
        'share of MACs by layer role, pointwise vs BFT',
      );
      fresh('role-chart');
    },
    async () => {
      const spec = accuracyChartSpec(records, model.id, current.total.macs, 'this configuration');
      if (spec === undefined) {
        renderChartNote(
          'accuracy-chart',
          `No accuracy chart: the paper's published accuracies (its Tables 1a–1c) are of ${accuracyChartFamilies(records).join(', ')}, and ${model.provenance.kind === 'onnx' ? model.id : model.title} is not one of them.`,
        );
      } else {
        await renderChart('accuracy-chart', spec, 'accuracy vs MACs with the current configuration as a rule');
      }
      fresh('accuracy-chart');
    },
    () => {
      renderFormula(formulaOf(model, state));
      fresh('formula');
    },
  ];
  // The equal-cost search: what the model lets it vary first, then one width per step (appended
  // while the steps run; the loop below sees them).
  const baseline = () => countsNow().pointwise.total.macs;
  const rows: EqualCostRow[] = [];
  steps.push(() => {
    const scope = equalCostScope(model, state, currentResolution);
    if (scope.kind !== 'search') {
      renderEqualCostScope(scope, baseline());
      fresh('equal-cost');
      return;
    }
    scope.widths.forEach((width, i) =>
      steps.push(() => {
        rows.push(equalCostRow(model, state, baseline(), width, currentResolution));
        renderEqualCost(baseline(), rows, scope.widths[0] !== undefined, i === scope.widths.length - 1);
        fresh('equal-cost');
      }),
    );
  });
  // The page's first update has nothing to settle: its views are drawn at once.
  const settleMs = mine === 1 ? 0 : SETTLE_MS;
  for (const [i, step] of steps.entries()) {
    if (!(await later(mine, step, i === 0 ? settleMs : 0))) return;
  }
  const allViewsMs = performance.now() - started;
  explorer.timings.push({ hash, firstViewsMs, allViewsMs });
  if (explorer.firstRenderMs === undefined) {
    explorer.firstRenderMs = performance.now();
    performance.mark('explorer:first-render');
  }
  setStatus(byId('error').hidden ? 'ready' : 'error');
}

let redrawTable: () => void = () => undefined;
/** The shown configuration's count, for the table's copy and download. */
let shownReport: { readonly model: ModelDescription; readonly report: CostReport } | undefined;

/** File name suffixes of the table's formats. */
const TABLE_FORMAT_FILES = { csv: 'csv', markdown: 'md', latex: 'tex' } as const;

/**
 * The per-layer table as `butterflops count --format <format>` prints it (the CLI's own
 * formatter), with the rows the page shows: its path depth (as `--depth` when it groups), zero
 * rows hidden (`--hide-zero`) and the sort by MACs or params (`--sort`).
 */
function tableText(report: CostReport, format: keyof typeof TABLE_FORMAT_FILES): string {
  const sort = table.descending && (table.sort === 'macs' || table.sort === 'params') ? table.sort : 'order';
  return formatCostReport(report, format, {
    ...(table.depth < maxDepth(report) ? { depth: table.depth } : {}),
    hideZero: table.hideZero,
    sort,
  });
}

/** Copies or downloads the per-layer table in the chosen format. */
async function exportTable(how: 'copy' | 'download'): Promise<void> {
  const status = byId('table-status');
  if (shownReport === undefined) return;
  const format = byId<HTMLSelectElement>('table-format').value as keyof typeof TABLE_FORMAT_FILES;
  const text = tableText(shownReport.report, format);
  if (how === 'download') {
    const name = `${shownReport.model.id}-layers.${TABLE_FORMAT_FILES[format]}`;
    const link = h('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/plain' })), download: name });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.getAttribute('href') ?? ''), 60_000);
    status.textContent = ` ${name}`;
    return;
  }
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = ' copied';
  } catch {
    status.textContent = ' the browser refused the clipboard: use Download';
  }
}

/** Enables the export button, or disables it with the reason next to it (`export-check.ts`). */
function showExportState(model: ModelDescription, report: CostReport): void {
  const blocker = exportBlocker(report, weightFiles.has(model));
  const button = byId<HTMLButtonElement>('export-onnx');
  button.disabled = blocker !== undefined;
  byId('export-reason').textContent = blocker === undefined ? '' : ` Download ${blocker}.`;
  byId('export-status').textContent = '';
  byId('export-note').textContent = blocker === undefined ? (buildableNote(report) ?? '') : '';
}

/**
 * Why the downloaded graph's MACs differ from the count (`CostReport.buildable`, as `count` and
 * `export` print it): butterflies whose size is not a power of the base have no construction
 * under the counted log mode, so the export builds them zero-padded or mixed-radix. Undefined
 * when the export builds what is counted.
 */
function buildableNote(report: CostReport): string | undefined {
  const buildable = report.buildable;
  if (buildable === undefined || buildable.rebuilt.length === 0) return undefined;
  const { macs, params } = buildable.total;
  if (macs === report.total.macs && params === report.total.params) return undefined;
  const built = (mode: string) => buildable.rebuilt.filter((layer) => layer.built === mode).length;
  const how = [
    ...(built('padded') > 0 ? [`${built('padded')} zero-padded to the next power of the base`] : []),
    ...(built('mixed-radix') > 0 ? [`${built('mixed-radix')} as mixed-radix butterflies`] : []),
  ].join(' and ');
  const change = `${macs >= report.total.macs ? '+' : ''}${decimal((macs - report.total.macs) * 100n, report.total.macs, 1)} %`;
  return `Note: ${buildable.rebuilt.length} butterfly layer(s) have a size that is not a power of the base (first ${buildable.rebuilt[0]?.name ?? ''}); the count above has no construction there, so the export builds them (${how}). The downloaded graph has ${withThousands(macs)} MACs (${change} vs ${withThousands(report.total.macs)}) and ${withThousands(params)} params — the count's "buildable" total.`;
}

async function loadFile(file: File): Promise<void> {
  let model: ModelDescription;
  try {
    if (/\.onnx$/i.test(file.name)) {
      // The importer's protobufjs comes with the deferred bundle.
      await loadDeferredPackages();
      const bytes = new Uint8Array(await file.arrayBuffer());
      const provenance = { kind: 'onnx', reference: file.name, path: file.name } as const;
      // The whole file is checked as the CLI checks it (the same refusals), then only its
      // weightless bytes are kept: `bytes` is garbage once this returns.
      onnxModelDescription(bytes, provenance);
      const weightless = weightlessOnnx(bytes);
      model = onnxModelDescription(weightless, provenance, { complete: false });
      droppedOnnx.set(model, { weightless, provenance });
      if (storesAllWeights(bytes)) weightFiles.set(model, { file, weightless });
    } else {
      model = architectureModel(parseStructuredText(await file.text(), file.name), {
        kind: 'architecture-file',
        reference: file.name,
        path: file.name,
      });
    }
  } catch (error) {
    showError(problemText(error));
    setStatus('error');
    return;
  }
  dropped.set(file.name, model);
  addFileOption(file.name);
  const reference = `${FILE_MODEL_PREFIX}${file.name}`;
  // A link that named this file keeps the bounds it gave; another model's are not this one's.
  const bounds = state.model === reference ? state.bounds : {};
  await update({ ...state, model: reference, parameters: {}, bounds }, { fromHash: true });
}

/**
 * Exports the shown configuration as `butterflops export` would (the same `exportModel`) and
 * offers the bytes as a download; the export code's protobufjs comes with the deferred bundle.
 */
async function downloadOnnx(): Promise<void> {
  const status = byId('export-status');
  status.textContent = ' exporting…';
  try {
    await loadDeferredPackages();
    const shown = resolve(state.model);
    const source = weightFiles.get(shown);
    const model =
      source === undefined
        ? withBounds(shown, state)
        : await withWeights(shown, source.file, source.weightless, boundsOf(state));
    const result = exportModel(requestOf(model, state), DEFAULT_EXPORT_OPTIONS);
    const name = `${model.id}${state.fusion === 'bft' ? `-bft${state.base}` : ''}.onnx`;
    const link = h('a', {
      href: URL.createObjectURL(new Blob([result.exported.bytes.slice()], { type: 'application/octet-stream' })),
      download: name,
    });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.getAttribute('href') ?? ''), 60_000);
    status.textContent = ` ${name}: ${withThousands(BigInt(result.exported.bytes.length))} bytes, ${withThousands(result.realised.macs)} MACs as exported`;
  } catch (error) {
    status.textContent = '';
    showError(problemText(error));
  }
}

/**
 * The dropped ONNX model `model` with its weights: its file read again (the page keeps none, see
 * `weightFiles`). A file that can no longer be read, or that is no longer the graph counted, is
 * a UserError that asks for the file again.
 */
async function withWeights(
  model: ModelDescription,
  file: File,
  weightless: Uint8Array,
  bounds: Readonly<Record<string, number>>,
): Promise<ModelDescription> {
  const location = { file: file.name };
  const expected =
    'the same file dropped on the page again (the page keeps no weights: the export reads them from the file)';
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    throw new UserError('the file can no longer be read (moved, changed or deleted since it was dropped)', {
      location,
      expected,
    });
  }
  if (!sameBytes(weightlessOnnx(bytes), weightless))
    throw new UserError('the file has changed since it was dropped', { location, expected });
  return onnxModelDescription(bytes, model.provenance, Object.keys(bounds).length > 0 ? { bounds } : {});
}

/** Whether two byte arrays hold the same bytes. O(length). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function buildPage(): void {
  const section = (id: string, title: string, ...children: HTMLElement[]) =>
    h('section', { 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), ...children);
  byId('app').replaceChildren(
    h(
      'header',
      {},
      h('h1', {}, 'butterflops explorer'),
      h(
        'p',
        {},
        'Exact MACs, FLOPs, params and memory of CNNs under dense 1×1 vs Butterfly Transform channel fusion — the same code as the butterflops CLI, running in this page. Nothing is sent anywhere.',
      ),
    ),
    h(
      'div',
      { class: 'layout' },
      h(
        'details',
        { id: 'settings', open: true },
        h('summary', {}, 'Settings'),
        h('form', { id: 'controls', 'aria-label': 'settings' }),
      ),
      h(
        'main',
        {},
        h('p', { id: 'current', class: 'current', 'aria-live': 'polite' }),
        h('p', { id: 'error', role: 'alert', hidden: true }),
        section(
          'totals',
          'Totals',
          h('div', { id: 'totals', class: 'cards' }),
          h('p', { id: 'training-note' }),
          h('p', { id: 'not-counted' }),
          h('p', { id: 'batch-note' }),
          h('div', { id: 'data-dependent' }),
          h('div', { id: 'shared-tensors' }),
        ),
        section(
          'vs-section',
          'Two configurations side by side (A = shown, B = pinned)',
          h(
            'div',
            { class: 'table-controls' },
            h('button', { type: 'button', id: 'pin-vs' }, 'Pin the shown configuration as B'),
            h('button', { type: 'button', id: 'clear-vs' }, 'Clear B'),
          ),
          h('div', { id: 'vs' }),
          h('div', { id: 'vs-chart', class: 'chart' }),
        ),
        h(
          'div',
          { class: 'pair' },
          section('compare', 'Pointwise vs BFT', h('div', { id: 'compare' })),
          section('match', 'Equal-cost BFT configurations', h('div', { id: 'equal-cost' })),
        ),
        section(
          'roles',
          "Share of MACs by layer role, pointwise vs BFT (the paper's Figure 3)",
          h('div', { id: 'role-chart', class: 'chart' }),
        ),
        section(
          'accuracy',
          'Accuracy vs MACs (published results; the dashed rule is this configuration)',
          h('div', { id: 'accuracy-chart', class: 'chart' }),
        ),
        section('formula-section', 'Total MACs as a formula', h('div', { id: 'formula' })),
        section(
          'export-section',
          'Runnable ONNX of this configuration',
          h(
            'p',
            {},
            'BFT layers as channel shuffles + grouped 1×1 convs, as ',
            h('code', {}, 'butterflops export'),
            ' writes them: seeded weights, or for a dropped ONNX model its own file with only the replaced convs rewritten. Time it with ',
            h('code', {}, 'butterflops latency'),
            '.',
          ),
          h('button', { type: 'button', id: 'export-onnx', 'aria-describedby': 'export-reason' }, 'Download .onnx'),
          h('span', { id: 'export-reason' }),
          h('span', { id: 'export-status', role: 'status' }),
          h('p', { id: 'export-note', class: 'note' }),
        ),
        section(
          'layers-section',
          'Per-layer costs',
          h(
            'div',
            { class: 'table-controls' },
            h('label', { for: 'layer-depth' }, 'Group by path depth '),
            h('select', { id: 'layer-depth' }),
            h('input', { type: 'checkbox', id: 'hide-zero', checked: true }),
            h('label', { for: 'hide-zero' }, 'hide rows with zero MACs and params'),
          ),
          h(
            'div',
            { class: 'table-controls' },
            h('label', { for: 'table-format' }, 'Table for a paper, as '),
            h(
              'select',
              { id: 'table-format' },
              h('option', { value: 'csv' }, 'CSV'),
              h('option', { value: 'markdown' }, 'Markdown'),
              h('option', { value: 'latex' }, 'LaTeX'),
            ),
            h('button', { type: 'button', id: 'table-copy' }, 'Copy'),
            h('button', { type: 'button', id: 'table-download' }, 'Download'),
            h('span', { id: 'table-status', role: 'status' }),
          ),
          h('div', { id: 'layers' }),
        ),
      ),
    ),
    h(
      'div',
      { id: 'drop-overlay', hidden: true },
      'Drop an architecture file (JSON or YAML) or an ONNX model to count it',
    ),
  );
  buildControls(zoo.list());
}

/** How long typing in a number field must pause before the page recounts (ms). */
const TYPING_PAUSE_MS = 300;

function wire(): void {
  let typing: ReturnType<typeof setTimeout> | undefined;
  const stopTyping = () => {
    clearTimeout(typing);
    typing = undefined;
  };
  /** The controls' state, keeping the pinned comparison (the controls set A only). */
  const withVs = (next: ExplorerState): ExplorerState => (state.vs !== undefined ? { ...next, vs: state.vs } : next);
  const onControls = () => {
    stopTyping();
    void update(withVs(readControls(shownModel)), { fromHash: false });
  };
  byId('pin-vs').addEventListener('click', () => {
    void update({ ...state, vs: withoutVs(state) }, { fromHash: false });
  });
  byId('clear-vs').addEventListener('click', () => {
    void update(withoutVs(state), { fromHash: false });
  });
  const controls = byId('controls');
  controls.addEventListener('submit', (event) => event.preventDefault());
  controls.addEventListener('change', (event) => {
    const target = event.target as HTMLElement;
    // A number field's every edit already came as an `input` event; its `change` (on blur) is
    // stale, and may arrive after a new link was followed: reading the controls then would undo it.
    if (target.id === 'file' || target.matches('input[type=number]')) return;
    if (target.id === 'model') {
      // A model shows the parameters last set for it (its defaults the first time): a width
      // means something else in another model (a multiplier in MobileNet, the token width in ViT).
      stopTyping(); // a number being typed belonged to the previous model
      const next = readControls(undefined);
      void update(
        withVs({
          ...next,
          parameters: parametersByModel.get(next.model) ?? {},
          bounds: boundsByModel.get(next.model) ?? {},
        }),
        { fromHash: true },
      );
      return;
    }
    if (target.id === 'training') {
      // The globs choose what trains: without a training step they mean nothing.
      for (const control of Object.values(TRAINING_CONTROLS))
        byId<HTMLInputElement>(control.id).disabled = !(target as HTMLInputElement).checked;
    }
    onControls();
  });
  // Typing is debounced: "0.75" is counted once, not as "0", "0." and "0.7" on the way.
  controls.addEventListener('input', (event) => {
    if (!(event.target as HTMLElement).matches('input[type=number]')) return;
    stopTyping();
    typing = setTimeout(onControls, TYPING_PAUSE_MS);
  });
  // Enter in a number field counts at once what is still waiting for the pause.
  controls.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && typing !== undefined) onControls();
  });
  byId<HTMLInputElement>('file').addEventListener('change', (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file !== undefined) void loadFile(file);
  });
  byId('export-onnx').addEventListener('click', () => {
    void downloadOnnx();
  });
  byId('layer-depth').addEventListener('change', (event) => {
    table.depth = Number((event.target as HTMLSelectElement).value);
    redrawTable();
  });
  byId('table-copy').addEventListener('click', () => {
    void exportTable('copy');
  });
  byId('table-download').addEventListener('click', () => {
    void exportTable('download');
  });
  byId('hide-zero').addEventListener('change', (event) => {
    table.hideZero = (event.target as HTMLInputElement).checked;
    redrawTable();
  });
  const overlay = byId('drop-overlay');
  window.addEventListener('dragover', (event) => {
    event.preventDefault();
    overlay.hidden = false;
  });
  window.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) overlay.hidden = true;
  });
  window.addEventListener('drop', (event) => {
    event.preventDefault();
    overlay.hidden = true;
    const file = event.dataTransfer?.files[0];
    if (file !== undefined) void loadFile(file);
  });
  window.addEventListener('hashchange', (event) => {
    // The link followed (the address may have been rewritten since by replaceState).
    const hash = new URL(event.newURL).hash;
    stopTyping(); // a link followed wins over what was being typed
    if (hash.slice(1) !== hashFromState(state)) void update(stateFromHash(hash), { fromHash: true });
  });
}

/** Below this width the settings fold away (one column: the totals come first in view). */
const NARROW = '(max-width: 900px)';

/** Opens the settings on a wide screen and folds them on a narrow one, at load and on resize. */
function foldSettingsOnNarrowScreens(): void {
  const query = window.matchMedia(NARROW);
  const apply = () => {
    byId<HTMLDetailsElement>('settings').open = !query.matches;
  };
  apply();
  query.addEventListener('change', apply);
}

buildPage();
foldSettingsOnNarrowScreens();
wire();
void update(location.hash.length > 1 ? stateFromHash(location.hash) : DEFAULT_STATE, { fromHash: true });
