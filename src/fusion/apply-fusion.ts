import type { Network, NetworkLayer } from '../model/network.js';
import { isPointwiseKernel, type ButterflyLayer, type Conv2dLayer, type SpatialWindow } from '../model/layer.js';
import { butterflySquares, checkPlanCoverage, layerChoice } from './butterfly-plans.js';
import type { ButterflyFusion, FusionStrategy } from './strategy.js';

/**
 * Whether a layer is a 1×1 channel-fusion conv that a BFT replaces: a conv2d with a 1×1 kernel
 * (1×1×1 on a clip),
 * groups = 1, role channel-fusion (or squeeze-excite when asked), not kept dense by the
 * architecture's rule (unless ignored).
 */
export function isFusable(layer: NetworkLayer, strategy: ButterflyFusion): boolean {
  const record = layer.layer;
  if (record.kind !== 'conv2d' || !isPointwiseKernel(record) || record.groups !== 1) return false;
  if (layer.keepDense && !strategy.ignoreKeepDense) return false;
  return (
    layer.role === 'channel-fusion' ||
    (strategy.includeSqueezeExcite && layer.role === 'squeeze-excite') ||
    (strategy.includeAttentionProjections === true && layer.role === 'attention-projection')
  );
}

/**
 * The window a butterfly keeps of the 1×1 conv it replaces, for the export to check: the conv's
 * per-axis `window`, or its symmetric padding written per axis when it pads; undefined for an
 * unpadded conv whose strides the butterfly's `stride` / `strideOuter` already say.
 */
function replacedWindow(record: Conv2dLayer): SpatialWindow | undefined {
  if (record.window !== undefined) return record.window;
  if (record.padding.mode !== 'explicit' || record.padding.size === 0) return undefined;
  const outer = record.strideOuter ?? (record.kernelOuter ?? []).map(() => 1);
  const strides = [...outer, record.stride, record.stride];
  return {
    strides,
    dilations: strides.map(() => 1),
    pads: new Array<number>(2 * strides.length).fill(record.padding.size),
  };
}

/** The roles whose 1×1 layers a strategy replaces, in a fixed order (printed with every count). */
export function fusedRoles(strategy: ButterflyFusion): string {
  return [
    'channel-fusion',
    ...(strategy.includeSqueezeExcite ? ['squeeze-excite'] : []),
    ...(strategy.includeAttentionProjections === true ? ['attention-projection'] : []),
  ].join('+');
}

/**
 * Applies a fusion strategy: returns a new network in which every fusable 1×1 conv is replaced
 * by a butterfly, except those a plan file keeps dense (the network given is not changed). The
 * BN after the conv stays (2·C_out params); the conv's bias, if any, is dropped (a BFT has
 * none). The residual is added only where n_in = n_out. Symbolic twins are rewritten the same
 * way.
 */
export function applyFusion(network: Network, strategy: FusionStrategy): Network {
  if (strategy.kind === 'pointwise') return network;
  const fusableNames = new Set<string>();
  const keptDense: string[] = [];
  const layers = network.layers.map((layer) => {
    const record = layer.layer;
    if (record.kind !== 'conv2d' || !isFusable(layer, strategy)) return layer;
    fusableNames.add(layer.name);
    const residual = strategy.residual && record.inChannels === record.outChannels;
    const window = replacedWindow(record);
    const butterfly: ButterflyLayer = {
      kind: 'butterfly',
      inChannels: record.inChannels,
      outChannels: record.outChannels,
      base: strategy.base,
      logMode: strategy.logMode,
      shapePolicy: strategy.shapePolicy,
      residual,
      ...(record.stride !== 1 ? { stride: record.stride } : {}),
      ...(record.strideOuter?.some((s) => s !== 1) === true ? { strideOuter: record.strideOuter } : {}),
      ...(window !== undefined ? { window } : {}),
    };
    const choice =
      strategy.plan === undefined ? undefined : layerChoice(strategy.plan, layer.name, butterflySquares(butterfly).m);
    // A plan may keep the layer a dense 1×1 conv (issue 22): the layer as it was, weights and all.
    if (choice?.kind === 'dense') {
      keptDense.push(layer.name);
      return layer;
    }
    const plan = choice?.plan;
    // The conv's imported weights, if any, do not belong to the butterfly.
    const { weights: _convWeights, ...kept } = layer;
    const replaced: NetworkLayer = {
      ...kept,
      layer: plan === undefined ? butterfly : { ...butterfly, plan },
      role: layer.role,
    };
    const symbolic = layer.symbolic;
    if (symbolic === undefined || symbolic.layer.kind !== 'conv2d') return replaced;
    return {
      ...replaced,
      symbolic: {
        ...symbolic,
        layer: {
          kind: 'butterfly',
          inChannels: symbolic.layer.inChannels,
          outChannels: symbolic.layer.outChannels,
          base: strategy.symbolicBase ? 'base' : `${strategy.base}`,
          logMode: strategy.logMode,
          shapePolicy: strategy.shapePolicy,
          residual,
          ...(record.stride !== 1 ? { stride: symbolic.layer.stride } : {}),
          ...(record.strideOuter?.some((s) => s !== 1) === true && symbolic.layer.strideOuter !== undefined
            ? { strideOuter: symbolic.layer.strideOuter }
            : {}),
          ...(plan !== undefined ? { plan } : {}),
        },
      },
    } satisfies NetworkLayer;
  });
  if (strategy.plan !== undefined) checkPlanCoverage(strategy.plan, fusableNames);
  // A mixed-radix butterfly has one layer per prime factor of its size: the base plays no part.
  const base = strategy.logMode === 'mixed-radix' ? 'none (prime radices)' : strategy.base;
  const parameters = {
    ...network.parameters,
    fusion: 'bft',
    base,
    logMode: strategy.logMode,
    shapePolicy: strategy.shapePolicy,
    residual: strategy.residual,
    ...(network.layers.some((l) => l.role === 'attention-projection') || strategy.includeSqueezeExcite
      ? { roles: fusedRoles(strategy) }
      : {}),
    ...(strategy.plan !== undefined ? { plan: planLabel(strategy, keptDense.length, fusableNames.size) } : {}),
  };
  const free = strategy.symbolicBase ? [...network.free, 'base'] : network.free;
  return { ...network, parameters, free, layers };
}

/**
 * How the plan was given, for the printed parameters: the file (and how many of the `fusable`
 * layers it keeps dense) or the rule.
 */
function planLabel(strategy: ButterflyFusion, dense: number, fusable: number): string {
  const plan = strategy.plan;
  if (plan === undefined) return 'none';
  if (plan.kind === 'layers')
    return dense === 0 ? plan.file : `${plan.file} (${dense} of ${fusable} layers kept dense 1×1 convs)`;
  const rule = plan.rule;
  const radices = rule.kind === 'sqrt' ? 'sqrt' : rule.kind === 'base' ? `base:${rule.base}` : rule.radices.join('x');
  return plan.form === undefined ? radices : `${radices} (${plan.form})`;
}
