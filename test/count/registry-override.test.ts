/**
 * `countModel({ ..., registry })`: a replaced rule is used, and a kind left out of the registry
 * is reported by name (never a silent zero). Oracle: hand counts of `data/examples/tiny-net.json`
 * at its defaults (width 1, resolution 32, 1000 classes): stem 16·16·16·27 = 110,592; down
 * 8·8·16·9 = 9,216 and 8·8·32·16 = 32,768; two units of 8·8·32·9 = 18,432 and 8·8·32·32 = 65,536;
 * FC 32·1000 = 32,000 → 352,512 MACs. BN layers (7, on 16, 16, 32, 32, 32, 32, 32 channels) hold
 * γ and β per channel: 2·(16+16+32·5) = 384 params.
 */
import { describe, expect, it } from '@jest/globals';
import { COST_RULES, countModel, type CostRegistry, type CostRule } from '../../src/index.js';

const MODEL = 'data/examples/tiny-net.json';
const MACS =
  16n * 16n * 16n * 27n +
  8n * 8n * 16n * 9n +
  8n * 8n * 32n * 16n +
  2n * (8n * 8n * 32n * 9n + 8n * 8n * 32n * 32n) +
  32n * 1000n;

describe('CountRequest.registry', () => {
  it('the default count is the hand count (352,512 MACs)', () => {
    expect(MACS).toBe(352_512n);
    expect(countModel({ model: MODEL }).total.macs).toBe(MACS);
  });

  it('uses a replaced rule: global pooling charged as C·H·W MACs adds 32·8·8 = 2,048', () => {
    const poolAsMacs: CostRule<'global-pool'> = {
      formulas: () => ({ macs: 'C * H_in * W_in', params: '0', extraOps: '0' }),
      bind: (_layer, inputs) => ({ C: inputs[0]!.channels, H_in: inputs[0]!.height, W_in: inputs[0]!.width }),
    };
    const report = countModel({ model: MODEL, registry: { ...COST_RULES, 'global-pool': poolAsMacs } });
    expect(report.total.macs).toBe(MACS + 2_048n);
    expect(report.layers.find((layer) => layer.name === 'pool')?.macs).toBe(2_048n);
    expect(report.notCounted).toEqual([]);
  });

  it('reports a kind without a rule by name and layer, and counts nothing for it', () => {
    const { batchnorm: _dropped, ...withoutBatchNorm } = COST_RULES;
    const registry: Partial<CostRegistry> = withoutBatchNorm;
    const full = countModel({ model: MODEL });
    const report = countModel({ model: MODEL, registry });
    expect(report.notCounted).toEqual([
      {
        kind: 'batchnorm',
        layers: [
          'batchnorm',
          'down/batchnorm',
          'down/batchnorm_2',
          'unit/1/residual/2/separable/batchnorm',
          'unit/1/residual/2/separable/batchnorm_2',
          'unit/2/residual/2/separable/batchnorm',
          'unit/2/residual/2/separable/batchnorm_2',
        ],
      },
    ]);
    expect(report.layers.filter((layer) => layer.notCounted).map((layer) => layer.kind)).toEqual(
      Array(7).fill('batchnorm'),
    );
    expect(report.total.macs).toBe(MACS);
    expect(full.total.params - report.total.params).toBe(2n * (16n + 16n + 32n * 5n));
  });
});
