import type { LayerKind } from '../model/layer.js';
import { bindOutput, type CostRule } from './rule.js';

/**
 * Concat, split and channel shuffle only move data: 0 MACs, 0 params, 0 ops under every
 * convention (they are counted as layers so that their activations appear, never skipped).
 */
function dataMovementCost<K extends 'concat' | 'split' | 'shuffle'>(): CostRule<K> {
  return {
    formulas: () => ({ macs: '0', params: '0', extraOps: '0' }),
    bind: (_layer, _inputs, output) => bindOutput(output),
  };
}

export const concatCost = dataMovementCost<'concat'>();
export const splitCost = dataMovementCost<'split'>();
export const shuffleCost = dataMovementCost<'shuffle'>();

/** Kinds that never cost anything (documented in the counting convention). */
export const DATA_MOVEMENT_KINDS: readonly LayerKind[] = ['concat', 'split', 'shuffle'];
