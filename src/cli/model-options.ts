/**
 * The options every model command shares (`count`, `compare`, `formula`, `match`): model
 * parameters, fusion strategy and counting convention, and their translation to one request.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CountRequest } from '../count/count-request.js';
import { PRESET_NAMES, type PresetName } from '../conventions/preset.js';
import { CONVENTION_PRESETS, isPresetName } from '../conventions/presets.js';
import { COST_RULES, type CostRegistry } from '../cost/registry.js';
import {
  conventionFromOptions,
  butterflyFromOptions,
  checkBoundValue,
  OPTION_CHECKS,
  OptionProblem,
  parametersFromOptions,
  type OptionField,
} from '../count/model-options.js';
import { UserError } from '../errors.js';
import { survivesDouble } from '../expr/exact-literal.js';
import { FUSION_KINDS, type FusionStrategy } from '../fusion/strategy.js';
import { parsePlanFile, parseRadixRule } from '../fusion/plan-file.js';
import { readTextFile } from '../io/read-text-file.js';
import { defaultModelSource, fileModelSource } from '../io/file-model-source.js';
import { PARAMS_RULES, type CountingConvention, type ParamsRule } from '../model/convention.js';
import type { ParameterValue } from '../model/model-source.js';
import {
  BUTTERFLY_LOG_MODES,
  BUTTERFLY_SHAPE_POLICIES,
  type ButterflyLogMode,
  type ButterflyShapePolicy,
} from '../model/layer.js';
import { oneOf } from './options.js';

const EXTRA_OPS = ['bias', 'bn', 'act', 'pool', 'eltwise', 'all'] as const;

/** An option parser that is the shared check of `field` (`count/model-options.ts`), in commander's terms. */
function checked<F extends OptionField>(field: F): (text: string) => ReturnType<(typeof OPTION_CHECKS)[F]> {
  return (text) => {
    try {
      return OPTION_CHECKS[field](text) as ReturnType<(typeof OPTION_CHECKS)[F]>;
    } catch (error) {
      if (error instanceof OptionProblem) throw new InvalidArgumentError(error.message);
      throw error;
    }
  };
}

function nameValue(text: string, previous: Record<string, string> = {}): Record<string, string> {
  const match = /^([A-Za-z_]\w*)=(.+)$/.exec(text);
  if (!match) throw new InvalidArgumentError('expected name=value, e.g. variant=torchvision');
  // Defined, not assigned: a parameter may be called __proto__ like any other name.
  return Object.defineProperty({ ...previous }, match[1] ?? '', { value: match[2] ?? '', enumerable: true });
}

/** `--input name=1x3x224x224`: an ONNX graph input's dims (repeatable). */
export function inputDims(text: string, previous: Record<string, number[]> = {}): Record<string, number[]> {
  const match = /^([^=]+)=(\d+(?:x\d+)*)$/.exec(text);
  const dims = match?.[2]?.split('x').map(Number) ?? [];
  if (!match || dims.some((d) => !Number.isSafeInteger(d) || d < 1)) {
    throw new InvalidArgumentError(
      'expected name=dims with dims as positive integers joined by x, e.g. input=1x3x224x224',
    );
  }
  return { ...previous, [match[1] ?? '']: dims };
}

/** `--bound node=N`: the bound of a data-dependent size an ONNX graph does not bound itself (repeatable). */
export function boundOption(text: string, previous: Record<string, number> = {}): Record<string, number> {
  const match = /^(.+)=(\d+)$/.exec(text);
  let bound: number;
  try {
    // The check the explorer's bound fields share (`count/model-options.ts`).
    bound = checkBoundValue(match?.[2] ?? '');
  } catch (error) {
    if (!(error instanceof OptionProblem)) throw error;
    throw new InvalidArgumentError('expected node=N with N a non-negative integer, e.g. /roi_heads/Loop=100');
  }
  return Object.defineProperty({ ...previous }, match?.[1] ?? '', { value: bound, enumerable: true });
}

/**
 * Adds the model-parameter options; `withSize: false` leaves out --width and --resolution (for
 * commands that sweep them, like `match`).
 */
export function addParameterOptions(command: Command, withSize = true): Command {
  if (withSize) {
    command
      .option('--width <alpha>', 'width multiplier (number > 0)', checked('width'))
      .option('--resolution <pixels>', 'input resolution (integer >= 1)', checked('resolution'));
  }
  return command
    .option(
      '--classes <n>',
      'classifier outputs, a model parameter (default 1000 torchvision; 1001 TF-slim)',
      checked('classes'),
    )
    .option('--variant <name>', 'model variant, e.g. official or torchvision (see `butterflops models`)')
    .option('--set <name=value>', 'any other model parameter (repeatable)', nameValue)
    .option(
      '--input <name=dims>',
      'ONNX models: dims of a graph input, batch first, e.g. input=1x3x224x224 (repeatable)',
      inputDims,
    )
    .option(
      '--bound <node=N>',
      'ONNX models: the most a data-dependent size can be, for a node whose graph sets no bound (a Loop without a trip count); counted at N and flagged (repeatable)',
      boundOption,
    );
}

/** Adds the fusion options. */
export function addFusionOptions(command: Command, withKind = true): Command {
  if (withKind)
    command.addOption(
      new Option('--fusion <kind>', 'channel fusion of the 1×1 convs').choices(FUSION_KINDS).default('pointwise'),
    );
  return command
    .option('--base <k>', 'BFT base k (integer >= 2)', checked('base'), 4)
    .addOption(
      new Option('--log-mode <mode>', 'BFT layer count for sizes not a power of k')
        .choices(BUTTERFLY_LOG_MODES)
        .default('ceil'),
    )
    .addOption(
      new Option('--shape-policy <policy>', 'BFT for n_in ≠ n_out')
        .choices(BUTTERFLY_SHAPE_POLICIES)
        .default('official'),
    )
    .option('--no-residual', 'no first-to-last residual in BFT blocks')
    .option('--fuse-se', 'also replace squeeze-excite 1×1 convs by BFT')
    .option(
      '--fuse-attention',
      "transformers: also replace attention's q/k/v and output projections (default: the MLPs' token-wise Linear layers only)",
    )
    .option('--fuse-all', "ignore the model's keep-dense rule (e.g. ShuffleNetV2's 24-channel input)")
    .option(
      '--radices <rule>',
      "BFT plan for every layer: sqrt (two factors nearest √m), base:K, or radices such as 32x64 (their product must be each layer's size)",
    )
    .option('--plan <file>', 'BFT plan per layer from a plan file (`butterflops plan --out`)');
}

/** Adds the counting-convention options. */
export function addConventionOptions(command: Command): Command {
  return command
    .addOption(new Option('--params-rule <rule>', 'which parameters count').choices(PARAMS_RULES).default('pytorch'))
    .option('--count <ops>', `extra non-MAC ops to include in flops: ${EXTRA_OPS.join(',')}`, checked('count'));
}

/** Adds `--convention <name>`: count as a tool does (a preset of cost rules, `src/conventions/`). */
export function addPresetOption(command: Command): Command {
  return command.option(
    '--convention <name>',
    `count as a tool does (its printed total is total.reported): ${PRESET_NAMES.join(', ')}`,
    (text: string) => {
      if (!isPresetName(text))
        throw new InvalidArgumentError(`unknown convention preset; expected one of ${PRESET_NAMES.join(', ')}`);
      return text;
    },
  );
}

export interface ModelOptionValues {
  width?: number;
  resolution?: number;
  variant?: string;
  set?: Record<string, string>;
  fusion?: string;
  base?: number;
  logMode?: ButterflyLogMode;
  shapePolicy?: ButterflyShapePolicy;
  residual?: boolean;
  fuseSe?: boolean;
  fuseAttention?: boolean;
  fuseAll?: boolean;
  radices?: string;
  plan?: string;
  classes?: number;
  paramsRule?: ParamsRule;
  count?: string[];
  input?: Record<string, number[]>;
  bound?: Record<string, number>;
  convention?: PresetName;
}

/** Model parameters from the options (numbers from --set are parsed when numeric). */
export function parametersFrom(options: ModelOptionValues): Record<string, ParameterValue> {
  const parameters: Record<string, ParameterValue> = {};
  for (const [name, value] of Object.entries(options.set ?? {})) {
    // A number a double cannot hold stays text, which the parameter check refuses; defined, not
    // assigned, so that __proto__ is a name like any other.
    const numeric = /^-?\d+(\.\d+)?$/.test(value) && survivesDouble(value);
    Object.defineProperty(parameters, name, {
      value: numeric ? Number(value) : value,
      enumerable: true,
      writable: true,
    });
  }
  if (options.width !== undefined) parameters['width'] = options.width;
  if (options.resolution !== undefined) parameters['resolution'] = options.resolution;
  if (options.variant !== undefined) parameters['variant'] = options.variant;
  if (options.classes !== undefined) parameters['classes'] = options.classes;
  return parametersFromOptions({ parameters });
}

/** How a parameter is spelled on the command line, for error messages. */
export function parameterField(name: string): string {
  return ['width', 'resolution', 'variant', 'classes'].includes(name) ? `--${name}` : `--set ${name}`;
}

/**
 * The one request of a model command: the model resolved through the default source, its
 * parameters, the fusion (`fusion` overrides `--fusion`), the convention and the cost rules
 * (a `--convention` preset's) from the options.
 */
export function countRequestFrom(
  model: string,
  options: ModelOptionValues,
  fusion: FusionStrategy = fusionFrom(options),
): CountRequest & Required<Pick<CountRequest, 'parameters' | 'fusion' | 'convention'>> {
  return {
    model: (options.input || options.bound
      ? fileModelSource({
          ...(options.input ? { onnxInputs: options.input } : {}),
          ...(options.bound ? { onnxBounds: options.bound } : {}),
        })
      : defaultModelSource()
    ).resolve(model),
    parameters: parametersFrom(options),
    fusion,
    convention: conventionFrom(options),
    registry: registryFrom(options),
    parameterField,
  };
}

/** The fusion strategy from the options. */
export function fusionFrom(
  options: ModelOptionValues,
  kind = options.fusion ?? 'pointwise',
  symbolicBase = false,
): FusionStrategy {
  if (kind === 'pointwise') {
    if (options.radices !== undefined || options.plan !== undefined) {
      throw new UserError(
        `${options.plan !== undefined ? '--plan' : '--radices'} plans butterflies: it needs --fusion bft`,
        { location: { field: options.plan !== undefined ? '--plan' : '--radices' } },
      );
    }
    return { kind: 'pointwise' };
  }
  if (options.radices !== undefined && options.plan !== undefined) {
    throw new UserError('--radices and --plan both plan every butterfly: give one', {
      location: { field: '--radices' },
    });
  }
  const plan =
    options.plan !== undefined
      ? parsePlanFile(readTextFile(options.plan), options.plan)
      : options.radices !== undefined
        ? { kind: 'rule' as const, rule: parseRadixRule(options.radices) }
        : undefined;
  return {
    ...(plan !== undefined ? { plan } : {}),
    ...butterflyFromOptions(options),
    symbolicBase,
  };
}

/** The counting convention from the options. */
export function conventionFrom(options: ModelOptionValues): CountingConvention {
  if (options.convention !== undefined) {
    if (options.count !== undefined) {
      throw new UserError('--count cannot be combined with --convention (a preset fixes what is counted)', {
        location: { field: '--count' },
        received: options.count.join(','),
      });
    }
    const preset = CONVENTION_PRESETS[options.convention].convention;
    return { ...preset, paramsRule: options.paramsRule ?? preset.paramsRule };
  }
  return conventionFromOptions(options);
}

/** The cost rules from the options: the `--convention` preset's, or the default ones. */
export function registryFrom(options: ModelOptionValues): CostRegistry {
  return options.convention === undefined ? COST_RULES : CONVENTION_PRESETS[options.convention].registry;
}

export { oneOf };
