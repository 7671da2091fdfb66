/**
 * Every preset's `total.reported` equals the total the tool itself prints for the torchvision
 * models. Oracle: test/conventions/counter-totals.json, measured by
 * scripts/measure-counter-totals.py — fvcore 0.1.6, ptflops 0.7.5 and thop 0.1.1 run from their
 * public sources at the pinned commits, and torch.profiler, all on Debian's torch 1.13 /
 * torchvision 0.14 (weights=None, eval, 1×3×224×224). The presets' rules were written from the
 * tools' sources (see src/conventions/*.ts), not fitted to these numbers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { countModel } from '../../src/index.js';
import { conventionPreset } from '../../src/conventions/presets.js';
import { reportedTotal } from '../../src/conventions/preset.js';
import type { PresetName } from '../../src/conventions/preset.js';

interface Measured {
  readonly models: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

const MEASURED = JSON.parse(readFileSync(new URL('./counter-totals.json', import.meta.url), 'utf8')) as Measured;

/** torchvision constructor → zoo model and parameters of the same network. */
export const TORCHVISION_MODELS: readonly {
  readonly torchvision: string;
  readonly model: string;
  readonly parameters: Readonly<Record<string, string | number>>;
}[] = [
  { torchvision: 'mobilenet_v2', model: 'mobilenet-v2', parameters: {} },
  { torchvision: 'mobilenet_v3_large', model: 'mobilenet-v3-large', parameters: { variant: 'torchvision' } },
  { torchvision: 'mobilenet_v3_small', model: 'mobilenet-v3-small', parameters: { variant: 'torchvision' } },
  { torchvision: 'shufflenet_v2_x0_5', model: 'shufflenet-v2', parameters: { variant: 'torchvision', width: 0.5 } },
  { torchvision: 'shufflenet_v2_x1_0', model: 'shufflenet-v2', parameters: { variant: 'torchvision', width: 1 } },
  { torchvision: 'shufflenet_v2_x1_5', model: 'shufflenet-v2', parameters: { variant: 'torchvision', width: 1.5 } },
  { torchvision: 'shufflenet_v2_x2_0', model: 'shufflenet-v2', parameters: { variant: 'torchvision', width: 2 } },
  { torchvision: 'resnet18', model: 'resnet-18', parameters: {} },
  { torchvision: 'resnet50', model: 'resnet-50', parameters: { variant: 'v1.5' } },
];

const TOOLS: readonly PresetName[] = ['fvcore', 'ptflops', 'ptflops-modules', 'ptflops-aten', 'thop', 'torch-profiler'];

describe('presets reproduce the tools on torchvision models', () => {
  for (const entry of TORCHVISION_MODELS) {
    for (const name of TOOLS) {
      it(`${name} on ${entry.torchvision}`, () => {
        const preset = conventionPreset(name);
        const report = countModel({
          model: entry.model,
          parameters: entry.parameters,
          convention: preset.convention,
          registry: preset.registry,
        });
        const measured = MEASURED.models[entry.torchvision]?.[name];
        expect(reportedTotal(report.convention, report.total).reported).toBe(BigInt(measured as number));
      });
    }
  }
});
