/// <reference lib="dom" />
/**
 * The explorer page's entry (bundled by `io/explorer-bundle.ts`, inlined by
 * `report/explorer-html.ts`): reads the embedded data files, resolves models through the pure
 * in-memory zoo (`zooSource`), a dropped architecture file (`architectureModel`) or a dropped ONNX
 * model (`onnxModelDescription`), counts with
 * `countCost` and renders every view. State lives in the URL hash.
 *
 * Each update paints the totals and the per-layer table at once (one count), then in later tasks
 * the side-by-side table (the twin under the other fusion), the charts, the formula and the
 * equal-cost search (one width per task), each
 * abandoned when a newer update starts. `<html data-status>` is `busy`, `ready` or `error`,
 * `<html data-counted>` the hash whose totals are shown;
 * `window.butterflopsExplorer.timings` records how long each update took (ms), for the bench.
 */
import { BROWSER_PACKAGES, loadDeferredPackages } from './browser-packages.js';
import { architectureModel } from '../arch/architecture-model.js';
import { parseStructuredText } from '../arch/structured-text.js';
import { zooSource } from '../arch/zoo-source.js';
import { UserError } from '../errors.js';
import { onnxModelDescription } from '../onnx/onnx-model.js';
import { exportModel } from '../export/export-model.js';
import { DEFAULT_EXPORT_OPTIONS } from '../export/export-network.js';
import { withThousands } from '../text/numbers.js';
import type { ModelDescription } from '../model/model-source.js';
import type { ResultRecord } from '../model/result-record.js';
import { parseResultsCsv } from '../results/parse-results-csv.js';
import { byId, h } from './dom.js';
import {
  DEFAULT_STATE,
  FILE_MODEL_PREFIX,
  hashFromState,
  stateFromHash,
  type ExplorerState,
} from './explorer-state.js';
import { countCost } from '../count/count-request.js';
import type { CostReport } from '../model/cost.js';
import {
  accuracyChartSpec,
  countState,
  equalCost,
  formulaOf,
  requestOf,
  roleShareSpec,
  type EqualCost,
  type ExplorerCounts,
} from './explorer-views.js';
import { addFileOption, buildControls, buildParameterControls, readControls, writeControls } from './page-controls.js';
import {
  renderChart,
  renderCompare,
  renderEqualCost,
  renderFormula,
  renderLayerTable,
  renderTotals,
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

let state: ExplorerState = DEFAULT_STATE;
let shownModel: ModelDescription | undefined;
let generation = 0;
const table: TableView = { depth: 99, hideZero: true, sort: 'order', descending: false };

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

/** The one-line text the CLI prints for a user mistake (`butterflops: …`); anything else is a bug. */
function problemText(error: unknown): string {
  if (error instanceof UserError) return `butterflops: ${error.message}`;
  console.error(error);
  return `internal error (a bug in butterflops): ${error instanceof Error ? error.message : String(error)}`;
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
 * Waits for the browser to paint, then runs `task` unless a newer update started; resolves to
 * whether this update is still the newest. A failing task shows its error and the next runs.
 */
const later = (mine: number, task: () => void | Promise<void>): Promise<boolean> =>
  new Promise((done) =>
    setTimeout(() => {
      if (mine !== generation) return done(false);
      void Promise.resolve()
        .then(task)
        .catch((error: unknown) => {
          if (mine === generation) showError(problemText(error));
        })
        .then(() => done(mine === generation));
    }, 0),
  );

function clearViews(): void {
  delete document.documentElement.dataset['counted'];
  for (const id of [
    'totals',
    'compare',
    'layers',
    'formula',
    'equal-cost',
    'role-chart',
    'accuracy-chart',
    'not-counted',
  ])
    byId(id).replaceChildren();
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
    showError(problemText(error));
    clearViews();
    setStatus('error');
    return;
  }
  if (model !== shownModel) {
    buildParameterControls(model);
    shownModel = model;
    writeControls(state, model);
  } else if (options.fromHash) {
    writeControls(state, model);
  }
  let current: CostReport;
  try {
    current = countCost(requestOf(model, state));
  } catch (error) {
    showError(problemText(error));
    clearViews();
    setStatus('error');
    return;
  }
  showError(undefined);
  const { width, resolution } = current.parameters;
  const label = `${model.title}${width !== undefined ? `-${String(width)}` : ''}${resolution !== undefined ? ` @${String(resolution)}` : ''}`;
  byId('current').textContent = `${label} · ${state.fusion === 'bft' ? `BFT k=${state.base}` : 'dense pointwise'}`;
  renderTotals(current);
  document.documentElement.dataset['counted'] = hash;
  const drawTable = () =>
    renderLayerTable(current, table, (key) => {
      table.descending =
        table.sort === key ? !table.descending : key === 'macs' || key === 'params' || key === 'activations';
      table.sort = key;
      drawTable();
    });
  redrawTable = drawTable;
  drawTable();
  const firstViewsMs = performance.now() - started;
  if (explorer.timings.length === 0) performance.mark('explorer:first-views');

  // The twin under the other fusion comes next; the views after it read `counts`.
  let counts: ExplorerCounts | undefined;
  const steps: (() => void | Promise<void>)[] = [
    () => {
      counts = countState(model, state, current);
      renderCompare(counts);
    },
    async () => {
      await loadDeferredPackages();
    },
    () =>
      renderChart(
        'role-chart',
        roleShareSpec(counts ?? countState(model, state, current), label),
        'share of MACs by layer role, pointwise vs BFT',
      ),
    () =>
      renderChart(
        'accuracy-chart',
        accuracyChartSpec(records, model.id, current.total.macs, 'this configuration'),
        'accuracy vs MACs with the current configuration as a rule',
      ),
    () => renderFormula(formulaOf(model, state)),
  ];
  const widthParameter = model.parameters.find((p) => p.name === 'width');
  const currentWidth = Number(current.parameters['width'] ?? 1);
  const widths =
    widthParameter === undefined
      ? [1]
      : [...new Set([...widthParameter.values.map(Number), currentWidth])]
          .filter(Number.isFinite)
          .sort((a, b) => a - b);
  const solved: EqualCost['bft'][number][] = [];
  widths.forEach((width, i) =>
    steps.push(() => {
      const found = equalCost(model, state, (counts ?? countState(model, state, current)).pointwise.total.macs, [
        width,
      ]);
      solved.push(...found.bft);
      renderEqualCost(
        { baselineMacs: found.baselineMacs, bft: solved },
        widthParameter !== undefined,
        i === widths.length - 1,
      );
    }),
  );
  for (const step of steps) {
    if (!(await later(mine, step))) return;
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

async function loadFile(file: File): Promise<void> {
  let model: ModelDescription;
  try {
    if (/\.onnx$/i.test(file.name)) {
      // The importer's protobufjs comes with the deferred bundle.
      await loadDeferredPackages();
      model = onnxModelDescription(new Uint8Array(await file.arrayBuffer()), {
        kind: 'onnx',
        reference: file.name,
        path: file.name,
      });
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
  await update({ ...state, model: `${FILE_MODEL_PREFIX}${file.name}`, parameters: {} }, { fromHash: true });
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
    const model = resolve(state.model);
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
      h('form', { id: 'controls', 'aria-label': 'settings' }),
      h(
        'main',
        {},
        h('p', { id: 'current', class: 'current', 'aria-live': 'polite' }),
        h('p', { id: 'error', role: 'alert', hidden: true }),
        section('totals', 'Totals', h('div', { id: 'totals', class: 'cards' }), h('p', { id: 'not-counted' })),
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
          h('button', { type: 'button', id: 'export-onnx' }, 'Download .onnx'),
          h('span', { id: 'export-status', role: 'status' }),
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

function wire(): void {
  const onControls = () => {
    void update(readControls(shownModel), { fromHash: false });
  };
  const controls = byId('controls');
  controls.addEventListener('submit', (event) => event.preventDefault());
  controls.addEventListener('change', (event) => {
    const target = event.target as HTMLElement;
    // A number field's every edit already came as an `input` event; its `change` (on blur) is
    // stale, and may arrive after a new link was followed: reading the controls then would undo it.
    if (target.id === 'file' || target.matches('input[type=number]')) return;
    if (target.id === 'model') {
      // A new model keeps only the width and resolution the user set, if it has them.
      const { width, resolution } = state.parameters;
      const next = {
        ...readControls(undefined),
        parameters: { ...(width !== undefined ? { width } : {}), ...(resolution !== undefined ? { resolution } : {}) },
      };
      let model: ModelDescription | undefined;
      try {
        model = resolve(next.model);
      } catch {
        model = undefined;
      }
      const kept = Object.fromEntries(
        Object.entries(next.parameters).filter(([name]) => model?.parameters.some((p) => p.name === name)),
      );
      void update({ ...next, parameters: kept }, { fromHash: true });
      return;
    }
    onControls();
  });
  controls.addEventListener('input', (event) => {
    if ((event.target as HTMLElement).matches('input[type=number]')) onControls();
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
    if (hash.slice(1) !== hashFromState(state)) void update(stateFromHash(hash), { fromHash: true });
  });
}

buildPage();
wire();
void update(location.hash.length > 1 ? stateFromHash(location.hash) : DEFAULT_STATE, { fromHash: true });
