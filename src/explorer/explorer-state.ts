/**
 * The explorer's state: which model, its parameters, the fusion and the counting convention, as
 * the page's controls set them, and its text form in the URL hash
 * (`#model=mobilenet-v1&width=2&fusion=bft`), so a link reproduces a view. Pure (no DOM).
 *
 * The hash uses the CLI's option names (`fusion`, `base`, `log-mode`, `shape-policy`,
 * `residual`, `fuse-se`, `fuse-attention`, `fuse-all`, `params-rule`, `count`); every other key is a model
 * parameter (`width`, `resolution`, `variant`, `classes`, `stage4`, …); a parameter whose name
 * is one of those option names is written `set.<name>`. Only values that differ from the
 * defaults are written, in a fixed order.
 */
import { DEFAULT_BFT, type FusionStrategy } from '../fusion/strategy.js';
import { PAPER_CONVENTION, PARAMS_RULES, type CountingConvention, type ParamsRule } from '../model/convention.js';
import {
  BUTTERFLY_LOG_MODES,
  BUTTERFLY_SHAPE_POLICIES,
  type ButterflyLogMode,
  type ButterflyShapePolicy,
} from '../model/layer.js';
import type { ParameterValue } from '../model/model-source.js';

/** The extra non-MAC operations a count may include (the CLI's `--count`). */
export const EXTRA_OPS = ['bias', 'bn', 'act', 'pool', 'eltwise'] as const;
export type ExtraOp = (typeof EXTRA_OPS)[number];

/** Everything the controls set. */
export interface ExplorerState {
  /** Zoo id, or `file:<name>` for a dropped architecture file. */
  readonly model: string;
  /** Model parameters the user set (others take the model's defaults), as typed. */
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly fusion: 'pointwise' | 'bft';
  readonly base: number;
  readonly logMode: ButterflyLogMode;
  readonly shapePolicy: ButterflyShapePolicy;
  readonly residual: boolean;
  readonly fuseSe: boolean;
  /** Transformers: also replace attention's q/k/v and output projections (the CLI's `--fuse-attention`). */
  readonly fuseAttention: boolean;
  readonly fuseAll: boolean;
  readonly paramsRule: ParamsRule;
  /** Extra ops counted in FLOPs, in `EXTRA_OPS` order. */
  readonly count: readonly ExtraOp[];
}

/** The state of a fresh page: MobileNetV1 at its defaults, dense pointwise, the paper's convention. */
export const DEFAULT_STATE: ExplorerState = {
  model: 'mobilenet-v1',
  parameters: {},
  fusion: 'pointwise',
  base: DEFAULT_BFT.base,
  logMode: DEFAULT_BFT.logMode,
  shapePolicy: DEFAULT_BFT.shapePolicy,
  residual: DEFAULT_BFT.residual,
  fuseSe: DEFAULT_BFT.includeSqueezeExcite,
  fuseAttention: false,
  fuseAll: DEFAULT_BFT.ignoreKeepDense,
  paramsRule: PAPER_CONVENTION.paramsRule,
  count: [],
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
] as const;

/** A prefix for a file model reference in the state. */
export const FILE_MODEL_PREFIX = 'file:';

/** A parameter value as typed: numbers when the text is a plain decimal number (like the CLI's `--set`). */
export function parameterValue(text: string): ParameterValue {
  return /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : text;
}

const oneOf = <T extends string>(values: readonly T[], text: string | null, fallback: T): T =>
  text !== null && (values as readonly string[]).includes(text) ? (text as T) : fallback;

const flag = (text: string | null, fallback: boolean): boolean =>
  text === null ? fallback : !['0', 'false', 'no', 'off'].includes(text);

/**
 * The state a URL hash describes (with or without the leading `#`). Unknown or malformed option
 * values fall back to the defaults; model parameters are kept as written (a bad one is reported
 * by the count, like the CLI's). O(length of the hash).
 */
export function stateFromHash(hash: string): ExplorerState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const parameters: Record<string, ParameterValue> = {};
  for (const [key, value] of params) {
    if ((OPTION_KEYS as readonly string[]).includes(key)) continue;
    const name = key.startsWith('set.') ? key.slice(4) : key;
    if (/^[A-Za-z_]\w*$/.test(name)) parameters[name] = parameterValue(value);
  }
  const base = Number(params.get('base'));
  const count = (params.get('count') ?? '').split(',').map((item) => item.trim());
  const all = count.includes('all');
  return {
    model: params.get('model') || DEFAULT_STATE.model,
    parameters,
    fusion: oneOf(['pointwise', 'bft'] as const, params.get('fusion'), DEFAULT_STATE.fusion),
    base: Number.isInteger(base) && base >= 2 ? base : DEFAULT_STATE.base,
    logMode: oneOf(BUTTERFLY_LOG_MODES, params.get('log-mode'), DEFAULT_STATE.logMode),
    shapePolicy: oneOf(BUTTERFLY_SHAPE_POLICIES, params.get('shape-policy'), DEFAULT_STATE.shapePolicy),
    residual: flag(params.get('residual'), DEFAULT_STATE.residual),
    fuseSe: flag(params.get('fuse-se'), DEFAULT_STATE.fuseSe),
    fuseAttention: flag(params.get('fuse-attention'), DEFAULT_STATE.fuseAttention),
    fuseAll: flag(params.get('fuse-all'), DEFAULT_STATE.fuseAll),
    paramsRule: oneOf(PARAMS_RULES, params.get('params-rule'), DEFAULT_STATE.paramsRule),
    count: EXTRA_OPS.filter((op) => all || count.includes(op)),
  };
}

/**
 * The hash of a state (without `#`): the model first, then the set parameters in name order, then
 * the options that differ from the defaults, in `OPTION_KEYS` order. `stateFromHash(hashFromState(s))`
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
  if (state.fusion !== DEFAULT_STATE.fusion) params.set('fusion', state.fusion);
  if (state.base !== DEFAULT_STATE.base) params.set('base', String(state.base));
  if (state.logMode !== DEFAULT_STATE.logMode) params.set('log-mode', state.logMode);
  if (state.shapePolicy !== DEFAULT_STATE.shapePolicy) params.set('shape-policy', state.shapePolicy);
  if (state.residual !== DEFAULT_STATE.residual) params.set('residual', String(state.residual));
  if (state.fuseSe !== DEFAULT_STATE.fuseSe) params.set('fuse-se', String(state.fuseSe));
  if (state.fuseAttention !== DEFAULT_STATE.fuseAttention) params.set('fuse-attention', String(state.fuseAttention));
  if (state.fuseAll !== DEFAULT_STATE.fuseAll) params.set('fuse-all', String(state.fuseAll));
  if (state.paramsRule !== DEFAULT_STATE.paramsRule) params.set('params-rule', state.paramsRule);
  if (state.count.length > 0) params.set('count', state.count.join(','));
  return params.toString().replaceAll('%2C', ',');
}

/**
 * The fusion strategy of a state (`kind` overrides the state's fusion), with the same defaults
 * as the CLI's fusion options (`--base 4 --log-mode ceil --shape-policy official`, residual on).
 */
export function fusionOf(state: ExplorerState, kind: 'pointwise' | 'bft' = state.fusion): FusionStrategy {
  if (kind === 'pointwise') return { kind: 'pointwise' };
  return {
    ...DEFAULT_BFT,
    base: state.base,
    logMode: state.logMode,
    shapePolicy: state.shapePolicy,
    residual: state.residual,
    includeSqueezeExcite: state.fuseSe,
    ...(state.fuseAttention ? { includeAttentionProjections: true } : {}),
    ignoreKeepDense: state.fuseAll,
  };
}

/** The counting convention of a state (the CLI's `--params-rule` and `--count`). */
export function conventionOf(state: ExplorerState): CountingConvention {
  const has = (op: ExtraOp) => state.count.includes(op);
  return {
    paramsRule: state.paramsRule,
    extraBiasAdds: has('bias'),
    extraBatchNorm: has('bn'),
    extraActivations: has('act'),
    extraPooling: has('pool'),
    extraElementwise: has('eltwise'),
  };
}

/** How the page names a parameter in messages: the CLI's flag, so errors read the same. */
export function parameterField(name: string): string {
  return ['width', 'resolution', 'variant', 'classes'].includes(name) ? `--${name}` : `--set ${name}`;
}
