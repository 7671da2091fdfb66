/** The convention presets by name, and their lookup. */
import { UserError } from '../errors.js';
import { FVCORE_PRESET } from './fvcore.js';
import { PAPER_PRESET } from './paper.js';
import { PRESET_NAMES, type ConventionPreset, type PresetName } from './preset.js';
import { PTFLOPS_ATEN_PRESET, PTFLOPS_MODULES_PRESET, PTFLOPS_PRESET } from './ptflops.js';
import { THOP_PRESET } from './thop.js';
import { TORCH_PROFILER_PRESET } from './torch-profiler.js';

/** Every preset, keyed by name (a missing name does not compile). */
export const CONVENTION_PRESETS: { readonly [N in PresetName]: ConventionPreset } = {
  paper: PAPER_PRESET,
  fvcore: FVCORE_PRESET,
  ptflops: PTFLOPS_PRESET,
  'ptflops-modules': PTFLOPS_MODULES_PRESET,
  'ptflops-aten': PTFLOPS_ATEN_PRESET,
  thop: THOP_PRESET,
  'torch-profiler': TORCH_PROFILER_PRESET,
};

/** Whether `name` is a preset name. */
export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

/**
 * The preset called `name`; an unknown name is a one-line `UserError` listing the valid ones.
 * Example: `conventionPreset('fvcore').reportedUnit` is `'MAC'`.
 */
export function conventionPreset(name: string, field = 'convention'): ConventionPreset {
  if (!isPresetName(name)) {
    throw new UserError('unknown convention preset', {
      location: { field },
      received: name,
      expected: PRESET_NAMES.join(', '),
    });
  }
  return CONVENTION_PRESETS[name];
}
