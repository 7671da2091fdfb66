/**
 * The papers' convention (the default): MACs of conv, FC and butterfly layers only, nothing
 * else — what the MobileNet, ShuffleNet, ResNet and BFT papers print as "FLOPs" or "MAdds".
 */
import { COST_RULES } from '../cost/registry.js';
import { PAPER_CONVENTION } from '../model/convention.js';
import type { ConventionPreset } from './preset.js';

const TOOL = 'the papers (MobileNet, ShuffleNet, ResNet, BFT): multiply-adds of conv and FC layers';

/** The paper preset: `COST_RULES` with every extra-op switch off. */
export const PAPER_PRESET: ConventionPreset = {
  name: 'paper',
  tool: TOOL,
  version: 'butterflops default',
  source: 'src/cost/ (conv2d.ts, linear.ts, butterfly.ts)',
  reportedUnit: 'MAC',
  convention: {
    ...PAPER_CONVENTION,
    preset: { name: 'paper', tool: TOOL, version: 'butterflops default', reportedUnit: 'MAC' },
  },
  registry: COST_RULES,
  rules: {
    'conv MACs': 'H_out·W_out·C_out·(C_in/groups)·K²',
    'linear MACs': 'N_in·N_out',
    'butterfly MACs': 'H_out·W_out · edges of the butterfly',
  },
};
