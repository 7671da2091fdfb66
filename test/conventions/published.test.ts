/**
 * Published numbers the presets must round to. ptflops' README ("Benchmark", torchvision table;
 * sovrasov/flops-counter.pytorch at tag v0.7.5, README.md) prints MACs(G) with two decimals
 * for the `pytorch` backend (default settings) and, for some models, the `aten` backend. The
 * issue's headline numbers (ResNet-50: fvcore 4.11 G, ptflops 4.13 G, torch.profiler 8.18 G
 * FLOPs, the papers' 4.09 G for v1.5) are checked the same way.
 */
import { describe, expect, it } from '@jest/globals';
import { countModel } from '../../src/index.js';
import { reportedTotal, type PresetName } from '../../src/conventions/preset.js';
import { conventionPreset } from '../../src/conventions/presets.js';
import { decimal } from '../../src/text/numbers.js';

function reportedG(model: string, parameters: Record<string, string | number>, name: PresetName): string {
  const preset = conventionPreset(name);
  const report = countModel({ model, parameters, convention: preset.convention, registry: preset.registry });
  return decimal(reportedTotal(report.convention, report.total).reported, 1_000_000_000n, 2);
}

const PTFLOPS_README: readonly [string, string, Record<string, string | number>, PresetName, string][] = [
  ['resnet18 (pytorch)', 'resnet-18', {}, 'ptflops', '1.83'],
  ['resnet50 (pytorch)', 'resnet-50', { variant: 'v1.5' }, 'ptflops', '4.13'],
  ['mobilenet_v2 (pytorch)', 'mobilenet-v2', {}, 'ptflops', '0.32'],
  ['mobilenet_v3_large (pytorch)', 'mobilenet-v3-large', { variant: 'torchvision' }, 'ptflops', '0.23'],
  ['shufflenet_v2_x1_0 (pytorch)', 'shufflenet-v2', { variant: 'torchvision' }, 'ptflops', '0.15'],
  ['resnet18 (aten)', 'resnet-18', {}, 'ptflops-aten', '1.81'],
  ['resnet50 (aten)', 'resnet-50', { variant: 'v1.5' }, 'ptflops-aten', '4.09'],
];

describe("ptflops README's torchvision table", () => {
  for (const [label, model, parameters, preset, printed] of PTFLOPS_README) {
    it(`${label}: ${printed} GMac`, () => {
      expect(reportedG(model, parameters, preset)).toBe(printed);
    });
  }
});

describe('the issue: ResNet-50 (torchvision, v1.5) in four counters', () => {
  it.each([
    ['paper', '4.09'],
    ['fvcore', '4.11'],
    ['ptflops', '4.13'],
    ['torch-profiler', '8.18'],
  ] as const)('%s prints %s G', (preset, printed) => {
    expect(reportedG('resnet-50', { variant: 'v1.5' }, preset)).toBe(printed);
  });
});
