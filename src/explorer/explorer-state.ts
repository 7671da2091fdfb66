/**
 * The explorer's state: which model, its parameters, the fusion and the counting convention, as
 * the page's controls set them, and its text form in the URL hash
 * (`#model=mobilenet-v1&width=2&fusion=bft`), so a link reproduces a view. Pure (no DOM).
 *
 * The hash uses the CLI's option names (`fusion`, `base`, `log-mode`, `shape-policy`,
 * `residual`, `fuse-se`, `fuse-attention`, `fuse-all`, `params-rule`, `count`, `training`,
 * `freeze`, `trainable`); every other key is a model
 * parameter (`width`, `resolution`, `variant`, `classes`, `stage4`, …); a parameter whose name
 * is one of those option names is written `set.<name>`, and the bound of a dropped ONNX graph's
 * data-dependent size (the CLI's `--bound node=N`) is written `bound.<node>=N`. Only values that
 * differ from the defaults are written, in a fixed order.
 */
import {
  boundsFromOptions,
  conventionFromOptions,
  EXTRA_OPS,
  fusionFromOptions,
  parametersFromOptions,
  type ExtraOp,
  type ModelOptions,
  type OptionField,
} from '../count/model-options.js';
import { DEFAULT_BFT, type FusionStrategy } from '../fusion/strategy.js';
import { PAPER_CONVENTION, type CountingConvention } from '../model/convention.js';
import type { ParameterValue } from '../model/model-source.js';
import type { TrainingSelection } from '../model/training.js';

export { EXTRA_OPS, type ExtraOp };

/** Everything the controls set. */
export interface ExplorerState {
  /** Zoo id, or `file:<name>` for a dropped architecture file. */
  readonly model: string;
  /** Model parameters the user set (others take the model's defaults), as typed. */
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  /**
   * Dropped ONNX models: the bounds the user gave data-dependent sizes the graph does not bound
   * (the CLI's `--bound node=N`), by node name, as typed.
   */
  readonly bounds: Readonly<Record<string, string>>;
  /** The options as given (a link may hold a value the translation refuses, naming its control). */
  readonly fusion: string;
  readonly base: string;
  readonly logMode: string;
  readonly shapePolicy: string;
  readonly residual: boolean;
  readonly fuseSe: boolean;
  /** Transformers: also replace attention's q/k/v and output projections (the CLI's `--fuse-attention`). */
  readonly fuseAttention: boolean;
  readonly fuseAll: boolean;
  readonly paramsRule: string;
  /** Extra ops counted in FLOPs, in `EXTRA_OPS` order (`all` written out; others kept as given). */
  readonly count: readonly string[];
  /** Also count one training step (the CLI's `--training`). */
  readonly training: boolean;
  /** With `training`: globs of the layers that stay frozen (the CLI's `--freeze`), comma-separated as typed. */
  readonly freeze: string;
  /** With `training`: globs of the only layers that train (the CLI's `--trainable`), comma-separated as typed. */
  readonly trainable: string;
  /** A second configuration shown beside this one (`vs.` keys in the hash); never has its own. */
  readonly vs?: ExplorerState;
}

/** The prefix of the comparison configuration's keys in the hash (`vs.model=resnet-18`). */
const VS_PREFIX = 'vs.';
/** The prefix of a bound's key in the hash (`bound./Loop=10`). */
const BOUND_PREFIX = 'bound.';

/** The state of a fresh page: MobileNetV1 at its defaults, dense pointwise, the paper's convention. */
export const DEFAULT_STATE: ExplorerState = {
  model: 'mobilenet-v1',
  parameters: {},
  bounds: {},
  fusion: 'pointwise',
  base: String(DEFAULT_BFT.base),
  logMode: DEFAULT_BFT.logMode,
  shapePolicy: DEFAULT_BFT.shapePolicy,
  residual: DEFAULT_BFT.residual,
  fuseSe: DEFAULT_BFT.includeSqueezeExcite,
  fuseAttention: false,
  fuseAll: DEFAULT_BFT.ignoreKeepDense,
  paramsRule: PAPER_CONVENTION.paramsRule,
  count: [],
  training: false,
  freeze: '',
  trainable: '',
};

/** Hash keys that are options, not model parameters. */
const OPTION_KEYS = [
  'model',
  'fusion',
  'base',
  'log-mode',
  'shape-policy',
  'residual',
  'fuse-se',
  'fuse-attention',
  'fuse-all',
  'params-rule',
  'count',
  'training',
  'freeze',
  'trainable',
] as const;

/** A prefix for a file model reference in the state. */
export const FILE_MODEL_PREFIX = 'file:';

/** A parameter value as typed: numbers when the text is a plain decimal number (like the CLI's `--set`). */
export function parameterValue(text: string): ParameterValue {
  return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : text;
}

const flag = (text: string | null, fallback: boolean): boolean =>
  text === null ? fallback : !['0', 'false', 'no', 'off'].includes(text);

/**
 * The state a URL hash describes (with or without the leading `#`). Option values and model
 * parameters are kept as written: a bad one is refused when the state is translated to a request
 * (`count/model-options.ts`, as the CLI refuses it), naming its control. O(length of the hash).
 */
export function stateFromHash(hash: string): ExplorerState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const vsParams = new URLSearchParams();
  for (const [key, value] of params) if (key.startsWith(VS_PREFIX)) vsParams.append(key.slice(VS_PREFIX.length), value);
  const vs = vsParams.has('model') ? withoutVs(stateFromHash(vsParams.toString())) : undefined;
  const parameters: Record<string, ParameterValue> = {};
  const bounds: Record<string, string> = {};
  for (const [key, value] of params) {
    if ((OPTION_KEYS as readonly string[]).includes(key)) continue;
    if (key.startsWith(BOUND_PREFIX)) {
      // Defined, not assigned: a node may be called __proto__ like any other name.
      Object.defineProperty(bounds, key.slice(BOUND_PREFIX.length), { value, enumerable: true });
      continue;
    }
    const name = key.startsWith('set.') ? key.slice(4) : key;
    if (/^[A-Za-z_]\w*$/.test(name)) parameters[name] = parameterValue(value);
  }
  const count = (params.get('count') ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const extras = count.includes('all') ? [...EXTRA_OPS] : count;
  return {
    model: params.get('model') || DEFAULT_STATE.model,
    parameters,
    bounds,
    fusion: params.get('fusion') ?? DEFAULT_STATE.fusion,
    base: params.get('base') ?? DEFAULT_STATE.base,
    logMode: params.get('log-mode') ?? DEFAULT_STATE.logMode,
    shapePolicy: params.get('shape-policy') ?? DEFAULT_STATE.shapePolicy,
    residual: flag(params.get('residual'), DEFAULT_STATE.residual),
    fuseSe: flag(params.get('fuse-se'), DEFAULT_STATE.fuseSe),
    fuseAttention: flag(params.get('fuse-attention'), DEFAULT_STATE.fuseAttention),
    fuseAll: flag(params.get('fuse-all'), DEFAULT_STATE.fuseAll),
    paramsRule: params.get('params-rule') ?? DEFAULT_STATE.paramsRule,
    count: [
      ...EXTRA_OPS.filter((op) => extras.includes(op)),
      ...extras.filter((item) => !(EXTRA_OPS as readonly string[]).includes(item)),
    ],
    training: flag(params.get('training'), DEFAULT_STATE.training),
    freeze: params.get('freeze') ?? DEFAULT_STATE.freeze,
    trainable: params.get('trainable') ?? DEFAULT_STATE.trainable,
    ...(vs !== undefined ? { vs } : {}),
  };
}

/**
 * The hash of a state (without `#`): the model first, then the set parameters in name order, then
 * the options that differ from the defaults, in `OPTION_KEYS` order, then the comparison's keys
 * prefixed `vs.`. `stateFromHash(hashFromState(s))`
 * equals `s` for every state whose parameters are numbers or texts without surrounding spaces.
 */
export function hashFromState(state: ExplorerState): string {
  const params = new URLSearchParams();
  params.set('model', state.model);
  for (const name of Object.keys(state.parameters).sort()) {
    params.set(
      (OPTION_KEYS as readonly string[]).includes(name) ? `set.${name}` : name,
      String(state.parameters[name]),
    );
  }
  for (const node of Object.keys(state.bounds).sort()) params.set(`${BOUND_PREFIX}${node}`, String(state.bounds[node]));
  if (state.fusion !== DEFAULT_STATE.fusion) params.set('fusion', state.fusion);
  if (state.base !== DEFAULT_STATE.base) params.set('base', state.base);
  if (state.logMode !== DEFAULT_STATE.logMode) params.set('log-mode', state.logMode);
  if (state.shapePolicy !== DEFAULT_STATE.shapePolicy) params.set('shape-policy', state.shapePolicy);
  if (state.residual !== DEFAULT_STATE.residual) params.set('residual', String(state.residual));
  if (state.fuseSe !== DEFAULT_STATE.fuseSe) params.set('fuse-se', String(state.fuseSe));
  if (state.fuseAttention !== DEFAULT_STATE.fuseAttention) params.set('fuse-attention', String(state.fuseAttention));
  if (state.fuseAll !== DEFAULT_STATE.fuseAll) params.set('fuse-all', String(state.fuseAll));
  if (state.paramsRule !== DEFAULT_STATE.paramsRule) params.set('params-rule', state.paramsRule);
  if (state.count.length > 0) params.set('count', state.count.join(','));
  if (state.training !== DEFAULT_STATE.training) params.set('training', String(state.training));
  if (state.freeze !== DEFAULT_STATE.freeze) params.set('freeze', state.freeze);
  if (state.trainable !== DEFAULT_STATE.trainable) params.set('trainable', state.trainable);
  if (state.vs !== undefined)
    for (const [key, value] of new URLSearchParams(hashFromState(withoutVs(state.vs))))
      params.append(`${VS_PREFIX}${key}`, value);
  return params.toString().replaceAll('%2C', ',');
}

/** A state without its comparison configuration. */
export function withoutVs(state: ExplorerState): ExplorerState {
  const { vs: _vs, ...rest } = state;
  return rest;
}

/** What each option's control is called on the page, and its element id. */
export const OPTION_CONTROLS: { readonly [F in OptionField]: { readonly label: string; readonly id: string } } = {
  width: { label: 'Width', id: 'param-width' },
  resolution: { label: 'Resolution', id: 'param-resolution' },
  classes: { label: 'Classes', id: 'param-classes' },
  fusion: { label: 'Fusion', id: 'fusion' },
  base: { label: 'BFT base k', id: 'base' },
  'log-mode': { label: 'Log mode', id: 'log-mode' },
  'shape-policy': { label: 'Shape policy', id: 'shape-policy' },
  'params-rule': { label: 'Params rule', id: 'params-rule' },
  count: { label: 'Extra non-MAC ops in FLOPs', id: 'count-bias' },
};

/** What the training controls are called on the page (messages name them), and their element ids. */
export const TRAINING_CONTROLS = {
  freeze: { label: 'Frozen layers (globs)', id: 'freeze' },
  trainable: { label: 'Only these layers train (globs)', id: 'trainable' },
} as const;

/** Comma-separated globs as typed → the globs (blanks around each dropped, empty ones too). */
function globs(text: string): string[] {
  return text
    .split(',')
    .map((glob) => glob.trim())
    .filter((glob) => glob !== '');
}

/**
 * The training step a state asks for (the CLI's `--training`, `--freeze`, `--trainable`), or
 * undefined without `training` (the glob fields are then ignored, as their controls are off).
 */
export function trainingOf(state: ExplorerState): TrainingSelection | undefined {
  if (!state.training) return undefined;
  const freeze = globs(state.freeze);
  const trainable = globs(state.trainable);
  return {
    ...(freeze.length > 0 ? { freeze } : {}),
    ...(trainable.length > 0 ? { trainable } : {}),
  };
}

/** The label of the field of a bound of node `node` (`Bound of /Loop`), as messages name it. */
export function boundLabel(node: string): string {
  return `Bound of ${node}`;
}

/**
 * The bounds of a state (node name → N), checked as the CLI checks its `--bound node=N`; a
 * refused value is a `UserError` naming its field.
 */
export function boundsOf(state: ExplorerState): Record<string, number> {
  return boundsFromOptions(state.bounds, boundLabel);
}

/** The label of a model parameter's control: its name capitalised (`Width`, `Heads`). */
export function parameterLabel(name: string): string {
  return `${name[0]?.toUpperCase() ?? ''}${name.slice(1)}`;
}

/** How the page names an option in messages: its control's label. */
const controlName = (field: OptionField): string => OPTION_CONTROLS[field].label;

/** How the page names a model parameter in messages: its control's label. */
export const parameterField = parameterLabel;

/**
 * The id of the control a message's field names (an option's or a model parameter's label), or
 * undefined when no control has that label.
 */
export function controlIdOf(label: string, parameterNames: readonly string[]): string | undefined {
  const option = [...Object.values(OPTION_CONTROLS), ...Object.values(TRAINING_CONTROLS)].find(
    (control) => control.label === label,
  );
  if (option !== undefined) return option.id;
  const parameter = parameterNames.find((name) => parameterLabel(name) === label);
  return parameter === undefined ? undefined : `param-${parameter}`;
}

/** The state's options in the shared form (`count/model-options.ts`), as given. */
function optionsOf(state: ExplorerState): ModelOptions {
  return {
    parameters: state.parameters,
    fusion: state.fusion,
    base: state.base,
    logMode: state.logMode,
    shapePolicy: state.shapePolicy,
    residual: state.residual,
    fuseSe: state.fuseSe,
    fuseAttention: state.fuseAttention,
    fuseAll: state.fuseAll,
    paramsRule: state.paramsRule,
    count: state.count,
  };
}

/**
 * The fusion strategy of a state (`kind` overrides the state's fusion), translated and checked as
 * the CLI translates its options; a refused value is a `UserError` naming its control.
 */
export function fusionOf(state: ExplorerState, kind: string = state.fusion): FusionStrategy {
  return fusionFromOptions(optionsOf(state), kind, controlName);
}

/** The counting convention of a state (the CLI's `--params-rule` and `--count`), checked as the CLI checks them. */
export function conventionOf(state: ExplorerState): CountingConvention {
  return conventionFromOptions(optionsOf(state), controlName);
}

/** The model parameters of a state, the size options (width, resolution, classes) checked as the CLI checks them. */
export function parametersOf(state: ExplorerState): Record<string, ParameterValue> {
  return parametersFromOptions(optionsOf(state), controlName);
}
