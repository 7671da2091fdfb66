import type { LayerKind } from '../model/layer.js';
import { activationCost } from './activation.js';
import { batchnormCost } from './batchnorm.js';
import { butterflyCost } from './butterfly.js';
import { conv2dCost } from './conv2d.js';
import { convTransposeCost } from './conv-transpose.js';
import { concatCost, shuffleCost, splitCost } from './data-movement.js';
import { addCost, multiplyCost } from './elementwise.js';
import { elementwiseOpCost } from './elementwise-op.js';
import { globalPoolCost } from './global-pool.js';
import { linearCost } from './linear.js';
import { matmulCost } from './matmul.js';
import { poolCost } from './pool.js';
import type { CostRule } from './rule.js';

/** One cost rule per layer kind. The mapped type makes a missing kind a compile error. */
export type CostRegistry = { readonly [K in LayerKind]: CostRule<K> };

/** The default rules. Callers may pass their own registry (e.g. `{...COST_RULES, pool: mine}`). */
export const COST_RULES: CostRegistry = {
  conv2d: conv2dCost,
  linear: linearCost,
  batchnorm: batchnormCost,
  activation: activationCost,
  pool: poolCost,
  'global-pool': globalPoolCost,
  add: addCost,
  multiply: multiplyCost,
  concat: concatCost,
  split: splitCost,
  shuffle: shuffleCost,
  butterfly: butterflyCost,
  matmul: matmulCost,
  elementwise: elementwiseOpCost,
  'conv-transpose': convTransposeCost,
};
