/**
 * The preset rules are generic in the dimension type like every cost rule: a tool's extra-op
 * total as a formula in the resolution, evaluated at a resolution, equals the concrete count
 * there (the concrete counts are themselves checked against the tools in
 * torchvision-totals.test.ts).
 */
import { describe, expect, it } from '@jest/globals';
import { countModel, loadNetwork } from '../../src/index.js';
import { symbolicTotal } from '../../src/cost/symbolic-total.js';
import { PRESET_NAMES } from '../../src/conventions/preset.js';
import { CONVENTION_PRESETS } from '../../src/conventions/presets.js';
import { evaluateExact, fractionToBigInt } from '../../src/expr/math.js';

describe('preset extra ops as formulas in the resolution', () => {
  it.each(PRESET_NAMES.map((name) => [name]))('%s on MobileNetV3-Small (torchvision) at 160, 192, 224', (name) => {
    const preset = CONVENTION_PRESETS[name];
    const parameters = { variant: 'torchvision' };
    const network = loadNetwork({ model: 'mobilenet-v3-small', parameters, free: ['resolution'] });
    const formula = symbolicTotal(network, preset.convention, 'extraOps', preset.registry).expression;
    for (const resolution of [160, 192, 224]) {
      const concrete = countModel({
        model: 'mobilenet-v3-small',
        parameters: { ...parameters, resolution },
        convention: preset.convention,
        registry: preset.registry,
      });
      expect(fractionToBigInt(evaluateExact(formula, { resolution }))).toBe(concrete.total.extraOps);
    }
  });
});
