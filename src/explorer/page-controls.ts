/// <reference lib="dom" />
/**
 * The explorer's controls: one labelled, keyboard-operable form element per setting, built from
 * the model's own parameter list (`ModelDescription.parameters`), read back into an
 * {@link ExplorerState}, and set from one (when the URL hash changes).
 */
import { PARAMS_RULES } from '../model/convention.js';
import { BUTTERFLY_LOG_MODES, BUTTERFLY_SHAPE_POLICIES } from '../model/layer.js';
import type { ModelDescription, ModelParameter } from '../model/model-source.js';
import { byId, h } from './dom.js';
import {
  boundLabel,
  EXTRA_OPS,
  FILE_MODEL_PREFIX,
  parameterLabel,
  parameterValue,
  TRAINING_CONTROLS,
  type ExplorerState,
} from './explorer-state.js';

const EXTRA_OP_LABELS: Readonly<Record<(typeof EXTRA_OPS)[number], string>> = {
  bias: 'bias adds',
  bn: 'batch norm',
  act: 'activations',
  pool: 'pooling',
  eltwise: 'element-wise adds/multiplies',
};

/** Step of a number input: the arrow keys move width by 0.05 and resolution by 16 pixels. */
function stepOf(parameter: ModelParameter): string {
  if (parameter.name === 'width') return '0.05';
  if (parameter.name === 'resolution') return '16';
  return typeof parameter.default === 'number' && Number.isInteger(parameter.default) ? '1' : 'any';
}

function select(
  id: string,
  options: readonly string[],
  labels: (value: string) => string = (value) => value,
): HTMLSelectElement {
  return h('select', { id, name: id }, ...options.map((value) => h('option', { value }, labels(value))));
}

function row(id: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h(
    'div',
    { class: 'control' },
    h('label', { for: id }, label),
    control,
    hint ? h('small', { id: `${id}-hint` }, hint) : null,
  );
}

function checkbox(id: string, label: string): HTMLElement {
  return h(
    'div',
    { class: 'control check' },
    h('input', { type: 'checkbox', id, name: id }),
    h('label', { for: id }, label),
  );
}

/** Builds the static controls (zoo ids, fusion, convention) into `#controls`; model parameters go to `#parameters`. */
export function buildControls(models: readonly string[]): void {
  const modelSelect = h(
    'select',
    { id: 'model', name: 'model' },
    ...models.map((id) => h('option', { value: id }, id)),
  );
  byId('controls').replaceChildren(
    h(
      'fieldset',
      {},
      h('legend', {}, 'Model'),
      row('model', 'Model', modelSelect),
      h('div', { id: 'parameters' }),
      h('div', { id: 'bounds' }),
      h(
        'div',
        { class: 'control' },
        h('label', { for: 'file' }, 'Architecture file (JSON or YAML) or ONNX model; or drop it on the page'),
        h('input', { type: 'file', id: 'file', name: 'file', accept: '.json,.yaml,.yml,.onnx,application/json' }),
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Channel fusion'),
      row(
        'fusion',
        'Fusion',
        select('fusion', ['pointwise', 'bft'], (v) =>
          v === 'bft' ? 'Butterfly Transform (BFT)' : 'dense pointwise 1×1',
        ),
      ),
      row(
        'base',
        'BFT base k',
        h('input', { type: 'number', id: 'base', name: 'base', min: 2, step: 1, inputmode: 'numeric' }),
      ),
      row('log-mode', 'Log mode', select('log-mode', BUTTERFLY_LOG_MODES)),
      row('shape-policy', 'Shape policy (n_in ≠ n_out)', select('shape-policy', BUTTERFLY_SHAPE_POLICIES)),
      checkbox('residual', 'first-to-last residual in BFT blocks'),
      checkbox('fuse-se', 'fuse squeeze-excite 1×1 convs too'),
      checkbox('fuse-attention', "transformers: fuse attention's q/k/v and output projections too"),
      checkbox('fuse-all', "fuse all (ignore the model's keep-dense rule)"),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Counting convention'),
      row('params-rule', 'Params rule', select('params-rule', PARAMS_RULES)),
      h(
        'fieldset',
        { class: 'inner' },
        h('legend', {}, 'Extra non-MAC ops in FLOPs'),
        ...EXTRA_OPS.map((op) => checkbox(`count-${op}`, EXTRA_OP_LABELS[op])),
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Training'),
      checkbox('training', 'count one training step: forward + the backward MACs autograd executes'),
      row(
        TRAINING_CONTROLS.freeze.id,
        TRAINING_CONTROLS.freeze.label,
        h('input', {
          type: 'text',
          id: TRAINING_CONTROLS.freeze.id,
          name: 'freeze',
          placeholder: 'e.g. conv1, block1/*',
        }),
        'layers whose name or weight-tensor name matches stay frozen (* any characters, ? one)',
      ),
      row(
        TRAINING_CONTROLS.trainable.id,
        TRAINING_CONTROLS.trainable.label,
        h('input', { type: 'text', id: TRAINING_CONTROLS.trainable.id, name: 'trainable', placeholder: 'e.g. fc' }),
        'empty: every layer with parameters trains',
      ),
    ),
  );
}

/** Rebuilds `#parameters` for `model`: a number input (with its published values suggested) or a choice per parameter. */
export function buildParameterControls(model: ModelDescription): void {
  const rows = model.parameters.map((parameter) => {
    const id = `param-${parameter.name}`;
    const label = parameterLabel(parameter.name);
    if (typeof parameter.default === 'string') {
      return row(
        id,
        label,
        select(id, parameter.values.length > 0 ? parameter.values.map(String) : [parameter.default]),
        parameter.description,
      );
    }
    const list = `${id}-values`;
    const input = h('input', {
      type: 'number',
      id,
      name: parameter.name,
      step: stepOf(parameter),
      inputmode: 'decimal',
      'data-parameter': parameter.name,
      ...(parameter.values.length > 0 ? { list } : {}),
      'aria-describedby': `${id}-hint`,
    });
    return h(
      'div',
      { class: 'control' },
      h('label', { for: id }, label),
      input,
      parameter.values.length > 0
        ? h('datalist', { id: list }, ...parameter.values.map((value) => h('option', { value: String(value) })))
        : null,
      h('small', { id: `${id}-hint` }, parameter.rule),
    );
  });
  byId('parameters').replaceChildren(...rows);
  for (const parameter of model.parameters) byId(`param-${parameter.name}`).dataset['parameter'] = parameter.name;
}

/**
 * A data-dependent size of a dropped ONNX graph whose bound the user may give: its node, op type
 * (when known) and the bound the graph sets itself (when it does: the field may then stay empty).
 */
export interface BoundField {
  readonly node: string;
  readonly op?: string;
  readonly graphBound?: number;
}

/** Ids of the bound fields: a counter, as node names may hold any character. */
let boundIds = 0;

function boundRow(field: BoundField, value: string): HTMLElement {
  const id = `bound-${++boundIds}`;
  return h(
    'div',
    { class: 'control', 'data-bound-row': field.node },
    h('label', { for: id }, boundLabel(field.node)),
    h('input', {
      type: 'number',
      id,
      name: id,
      min: 0,
      step: 1,
      inputmode: 'numeric',
      value,
      ...(field.graphBound !== undefined ? { placeholder: String(field.graphBound) } : {}),
      'data-bound': field.node,
      'aria-describedby': `${id}-hint`,
    }),
    h(
      'small',
      { id: `${id}-hint` },
      field.graphBound !== undefined
        ? `${field.op !== undefined ? `a ${field.op} node` : 'a node'} whose size depends on the data; the graph bounds it at ${field.graphBound} (left empty, that bound counts): an integer >= 0 counts everything after it at this bound instead, "at most", as the CLI's --bound does`
        : `${field.op !== undefined ? `a ${field.op} node` : 'a node'} whose size depends on the data and that the graph does not bound (a Loop: how many times it runs): an integer >= 0; everything after it is counted at this bound, "at most"`,
    ),
  );
}

/**
 * Shows a labelled number field per bound in `#bounds` (the CLI's `--bound node=N`): fields of
 * nodes no longer listed are removed, new ones appended, and the others kept as they are (so
 * that a field being typed in keeps its focus) unless `overwrite` sets every value from `bounds`.
 */
export function showBoundControls(
  fields: readonly BoundField[],
  bounds: Readonly<Record<string, string>>,
  overwrite: boolean,
): void {
  const container = byId('bounds');
  const wanted = new Set(fields.map((field) => field.node));
  const shown = new Map<string, HTMLElement>();
  for (const row of Array.from(container.querySelectorAll<HTMLElement>('[data-bound-row]'))) {
    const node = row.dataset['boundRow'] ?? '';
    if (wanted.has(node) && !shown.has(node)) shown.set(node, row);
    else row.remove();
  }
  const given = (node: string) => (Object.hasOwn(bounds, node) ? (bounds[node] ?? '') : '');
  for (const field of fields) {
    const row = shown.get(field.node);
    if (row === undefined) container.append(boundRow(field, given(field.node)));
    else if (overwrite) {
      const input = row.querySelector<HTMLInputElement>('input[data-bound]');
      if (input !== null) input.value = given(field.node);
    }
  }
}

/** The label → id of each bound field shown (for marking the one a message names). */
export function boundControlId(label: string): string | undefined {
  return Array.from(document.querySelectorAll<HTMLInputElement>('input[data-bound]')).find(
    (input) => boundLabel(input.dataset['bound'] ?? '') === label,
  )?.id;
}

/** Adds (once) a model-select option for a dropped file. */
export function addFileOption(name: string): void {
  const modelSelect = byId<HTMLSelectElement>('model');
  const value = `${FILE_MODEL_PREFIX}${name}`;
  if (!Array.from(modelSelect.options).some((option) => option.value === value))
    modelSelect.append(h('option', { value }, `${name} (dropped file)`));
}

const value = (id: string): string => byId<HTMLInputElement | HTMLSelectElement>(id).value;
const checked = (id: string): boolean => byId<HTMLInputElement>(id).checked;

/** The state the controls show, given the model they show parameters of. */
export function readControls(model: ModelDescription | undefined): ExplorerState {
  const parameters: Record<string, string | number> = {};
  for (const parameter of model?.parameters ?? []) {
    const text = value(`param-${parameter.name}`);
    if (text !== String(parameter.default))
      parameters[parameter.name] = typeof parameter.default === 'string' ? text : parameterValue(text);
  }
  const bounds: Record<string, string> = {};
  for (const input of Array.from(document.querySelectorAll<HTMLInputElement>('input[data-bound]'))) {
    const text = input.value.trim();
    // Defined, not assigned: a node may be called __proto__ like any other name.
    if (text !== '') Object.defineProperty(bounds, input.dataset['bound'] ?? '', { value: text, enumerable: true });
  }
  return {
    model: value('model'),
    parameters,
    bounds,
    fusion: value('fusion'),
    base: value('base').trim(),
    logMode: value('log-mode'),
    shapePolicy: value('shape-policy'),
    residual: checked('residual'),
    fuseSe: checked('fuse-se'),
    fuseAttention: checked('fuse-attention'),
    fuseAll: checked('fuse-all'),
    paramsRule: value('params-rule'),
    count: EXTRA_OPS.filter((op) => checked(`count-${op}`)),
    training: checked('training'),
    freeze: value(TRAINING_CONTROLS.freeze.id),
    trainable: value(TRAINING_CONTROLS.trainable.id),
  };
}

/** Sets every control to `state` (parameters of `model`; unset ones show their defaults). */
export function writeControls(state: ExplorerState, model: ModelDescription | undefined): void {
  const set = (id: string, text: string) => {
    byId<HTMLInputElement | HTMLSelectElement>(id).value = text;
  };
  const tick = (id: string, on: boolean) => {
    byId<HTMLInputElement>(id).checked = on;
  };
  set('model', state.model);
  for (const parameter of model?.parameters ?? [])
    set(`param-${parameter.name}`, String(state.parameters[parameter.name] ?? parameter.default));
  set('fusion', state.fusion);
  set('base', state.base);
  set('log-mode', state.logMode);
  set('shape-policy', state.shapePolicy);
  tick('residual', state.residual);
  tick('fuse-se', state.fuseSe);
  tick('fuse-attention', state.fuseAttention);
  tick('fuse-all', state.fuseAll);
  set('params-rule', state.paramsRule);
  for (const op of EXTRA_OPS) tick(`count-${op}`, state.count.includes(op));
  tick('training', state.training);
  for (const [key, control] of Object.entries(TRAINING_CONTROLS)) {
    const input = byId<HTMLInputElement>(control.id);
    input.value = key === 'freeze' ? state.freeze : state.trainable;
    // The globs choose what trains: without a training step they mean nothing.
    input.disabled = !state.training;
  }
}
