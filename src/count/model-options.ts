/**
 * The model options of a count (fusion, BFT settings, counting convention, size parameters) as a
 * user gives them — texts from a command line, a form or a link — checked and translated to the
 * parts of a {@link CountRequest}. The CLI (`cli/model-options.ts`, whose option parsers call the
 * same checks) and the explorer page (`explorer/explorer-state.ts`) both translate through here,
 * so a value one refuses the other refuses the same way. Errors name the option by the caller's
 * own word for it (`--base` on the command line, "BFT base k" on the page). Pure.
 */
import { UserError } from '../errors.js';
import { DEFAULT_BFT, FUSION_KINDS, type ButterflyFusion, type FusionStrategy } from '../fusion/strategy.js';
import { PAPER_CONVENTION, PARAMS_RULES, type CountingConvention, type ParamsRule } from '../model/convention.js';
import {
  BUTTERFLY_LOG_MODES,
  BUTTERFLY_SHAPE_POLICIES,
  type ButterflyLogMode,
  type ButterflyShapePolicy,
} from '../model/layer.js';
import type { ParameterValue } from '../model/model-source.js';

/** The extra non-MAC operations a count may include in FLOPs (`all` means every one). */
export const EXTRA_OPS = ['bias', 'bn', 'act', 'pool', 'eltwise'] as const;
export type ExtraOp = (typeof EXTRA_OPS)[number];

/** A value refused by an option check: what was expected instead (the caller adds where). */
export class OptionProblem extends Error {
  override readonly name = 'OptionProblem';
  constructor(readonly expected: string) {
    super(`expected ${expected}`);
  }
}

const integerAtLeast =
  (min: number) =>
  (value: string | number): number => {
    const text = String(value).trim();
    const number = Number(text);
    if (!/^[+]?\d+$/.test(text) || !Number.isSafeInteger(number) || number < min)
      throw new OptionProblem(`an integer >= ${min}`);
    return number;
  };

const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (value: string | number): T => {
    if (!(allowed as readonly string[]).includes(String(value)))
      throw new OptionProblem(`one of ${allowed.join(', ')}`);
    return value as T;
  };

/**
 * The check of each option's value: a text (or a number already parsed) to the value, or an
 * {@link OptionProblem}. The CLI's option parsers are these checks.
 */
export const OPTION_CHECKS = {
  width: (value: string | number): number => {
    const number = Number(value);
    if (String(value).trim() === '' || !Number.isFinite(number) || number <= 0)
      throw new OptionProblem('a number > 0, e.g. 0.75');
    return number;
  },
  resolution: integerAtLeast(1),
  classes: integerAtLeast(1),
  fusion: oneOf(FUSION_KINDS),
  base: integerAtLeast(2),
  'log-mode': oneOf<ButterflyLogMode>(BUTTERFLY_LOG_MODES),
  'shape-policy': oneOf<ButterflyShapePolicy>(BUTTERFLY_SHAPE_POLICIES),
  'params-rule': oneOf<ParamsRule>(PARAMS_RULES),
  count: (value: string | number): (ExtraOp | 'all')[] => {
    const items = String(value)
      .split(',')
      .map((item) => item.trim());
    const allowed: readonly string[] = [...EXTRA_OPS, 'all'];
    if (items.some((item) => !allowed.includes(item)))
      throw new OptionProblem(`a comma-separated list of ${allowed.join(', ')}`);
    return items as (ExtraOp | 'all')[];
  },
} as const;

/** An option with a check. */
export type OptionField = keyof typeof OPTION_CHECKS;

/** The size parameters that are options of their own (`--width`, …) and checked as such. */
const SIZE_PARAMETERS = ['width', 'resolution', 'classes'] as const;

/** The model options as given, before checking (absent ones take the CLI's defaults). */
export interface ModelOptions {
  /** Model parameters by name (width, resolution, classes, variant, any other). */
  readonly parameters?: Readonly<Record<string, ParameterValue>>;
  readonly fusion?: string;
  readonly base?: string | number;
  readonly logMode?: string;
  readonly shapePolicy?: string;
  readonly residual?: boolean;
  readonly fuseSe?: boolean;
  /** Transformers: also replace attention's q/k/v and output projections. */
  readonly fuseAttention?: boolean;
  readonly fuseAll?: boolean;
  readonly paramsRule?: string;
  /** Extra ops counted in FLOPs (items of `EXTRA_OPS`, or `all`). */
  readonly count?: readonly string[];
}

/** How the caller names an option in messages (its flag, or its control's label). */
export type OptionNamer = (field: OptionField) => string;

/** The CLI's names: `--base`, `--log-mode`, … */
export const flagName: OptionNamer = (field) => `--${field}`;

/**
 * `value` checked as `field`'s: the checked value, or a `UserError` naming the option as `name`
 * says (`<name>: invalid value; received "1"; expected an integer >= 2`).
 */
export function checkOption<F extends OptionField>(
  field: F,
  value: string | number,
  name: OptionNamer = flagName,
): ReturnType<(typeof OPTION_CHECKS)[F]> {
  try {
    return OPTION_CHECKS[field](value) as ReturnType<(typeof OPTION_CHECKS)[F]>;
  } catch (error) {
    if (!(error instanceof OptionProblem)) throw error;
    throw new UserError('invalid value', {
      location: { field: name(field) },
      received: value,
      expected: error.expected,
    });
  }
}

/**
 * The model parameters with the size options (width, resolution, classes) checked as the CLI
 * checks its `--width`, `--resolution` and `--classes`; others pass unchanged (the model checks
 * them against its own parameter list).
 */
export function parametersFromOptions(
  options: ModelOptions,
  name: OptionNamer = flagName,
): Record<string, ParameterValue> {
  const parameters = { ...(options.parameters ?? {}) };
  for (const field of SIZE_PARAMETERS) {
    const value = parameters[field];
    if (value !== undefined && typeof value !== 'boolean') parameters[field] = checkOption(field, value, name);
  }
  return parameters;
}

/**
 * The check of a bound of a data-dependent size (the CLI's `--bound node=N`, the explorer's bound
 * fields): the most a size the graph does not bound can be, an integer >= 0.
 */
export function checkBoundValue(value: string | number): number {
  const text = String(value).trim();
  const bound = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(bound)) throw new OptionProblem('an integer >= 0');
  return bound;
}

/**
 * Bounds of data-dependent sizes by ONNX node name, each checked by {@link checkBoundValue}; a
 * refused one is a `UserError` naming the bound as `name(node)` says (the page's field label).
 */
export function boundsFromOptions(
  bounds: Readonly<Record<string, string | number>>,
  name: (node: string) => string,
): Record<string, number> {
  const checked: Record<string, number> = {};
  for (const [node, value] of Object.entries(bounds)) {
    try {
      // Defined, not assigned: a node may be called __proto__ like any other name.
      Object.defineProperty(checked, node, { value: checkBoundValue(value), enumerable: true });
    } catch (error) {
      if (!(error instanceof OptionProblem)) throw error;
      throw new UserError('invalid value', {
        location: { field: name(node) },
        received: value,
        expected: error.expected,
      });
    }
  }
  return checked;
}

/**
 * The fusion strategy from the options (`kind` overrides `options.fusion`; the BFT settings are
 * checked under either kind), with the CLI's defaults (`--base 4 --log-mode ceil --shape-policy official`, residual on). A BFT plan from a
 * rule or a file is the CLI's addition (`cli/model-options.ts`).
 */
export function fusionFromOptions(
  options: ModelOptions,
  kind: string = options.fusion ?? 'pointwise',
  name: OptionNamer = flagName,
): FusionStrategy {
  // The BFT settings are checked under either fusion, as the CLI checks its flags whenever given.
  const butterfly = butterflyFromOptions(options, name);
  return checkOption('fusion', kind, name) === 'pointwise' ? { kind: 'pointwise' } : butterfly;
}

/** The BFT fusion from the options (its settings checked), whatever `options.fusion` says. */
export function butterflyFromOptions(options: ModelOptions, name: OptionNamer = flagName): ButterflyFusion {
  return {
    ...DEFAULT_BFT,
    base: options.base === undefined ? DEFAULT_BFT.base : checkOption('base', options.base, name),
    logMode: options.logMode === undefined ? DEFAULT_BFT.logMode : checkOption('log-mode', options.logMode, name),
    shapePolicy:
      options.shapePolicy === undefined
        ? DEFAULT_BFT.shapePolicy
        : checkOption('shape-policy', options.shapePolicy, name),
    residual: options.residual ?? DEFAULT_BFT.residual,
    includeSqueezeExcite: options.fuseSe ?? false,
    ...(options.fuseAttention === true ? { includeAttentionProjections: true } : {}),
    ignoreKeepDense: options.fuseAll ?? false,
  };
}

/** The counting convention from the options (the paper's, with `paramsRule` and the extra ops). */
export function conventionFromOptions(options: ModelOptions, name: OptionNamer = flagName): CountingConvention {
  const extras = new Set(
    options.count === undefined || options.count.length === 0
      ? []
      : checkOption('count', options.count.join(','), name),
  );
  const all = extras.has('all');
  return {
    paramsRule:
      options.paramsRule === undefined
        ? PAPER_CONVENTION.paramsRule
        : checkOption('params-rule', options.paramsRule, name),
    extraBiasAdds: all || extras.has('bias'),
    extraBatchNorm: all || extras.has('bn'),
    extraActivations: all || extras.has('act'),
    extraPooling: all || extras.has('pool'),
    extraElementwise: all || extras.has('eltwise'),
  };
}
