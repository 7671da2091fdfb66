/**
 * The vocabulary of counting-convention presets: a preset reproduces the total one counting tool
 * prints, as a set of per-operation cost rules (a `CostRegistry`) plus convention settings —
 * never a correction factor. One file per tool in this folder; `presets.ts` lists them.
 */
import type { CostTotals } from '../model/cost.js';
import type { CountingConvention, ReportedUnit } from '../model/convention.js';
import type { CostRegistry } from '../cost/registry.js';
import { flopsFromMacs } from '../model/units.js';

/** Preset names, in the order tables list them. */
export const PRESET_NAMES = [
  'paper',
  'fvcore',
  'ptflops',
  'ptflops-modules',
  'ptflops-aten',
  'thop',
  'torch-profiler',
] as const;
/** One of `PRESET_NAMES`. */
export type PresetName = (typeof PRESET_NAMES)[number];

/** One preset: the rules of one tool (at one version) and where they were read. */
export interface ConventionPreset {
  readonly name: PresetName;
  /** The tool and call whose printed total it reproduces. */
  readonly tool: string;
  /** Tool version and the commit its rules were read at. */
  readonly version: string;
  /** The tool's source files the rules come from. */
  readonly source: string;
  /** Unit of the number the tool prints. */
  readonly reportedUnit: ReportedUnit;
  /** The convention to count with (its `preset` field echoes this preset). */
  readonly convention: CountingConvention;
  /** The per-layer-kind cost rules. */
  readonly registry: CostRegistry;
  /**
   * What the tool does, per operation category of `explain` (one short sentence each, with the
   * source line it rests on); categories not listed count 0 with this tool.
   */
  readonly rules: Readonly<Record<string, string>>;
}

/**
 * The total a tool prints, in its unit, from a report's totals: for MAC-unit tools the MACs
 * plus every other counted operation (these tools add their per-element counts into their
 * "MAC"/"FLOP" total one for one); for FLOP-unit tools 2 × MACs + other operations
 * (`flopsFromMacs`). Without a preset (the default convention, `--count`), MACs + extra ops.
 * Example: fvcore on ResNet-18 → macs 1,818,558,464 + batch norm 4,816,896 + pool 25,088.
 */
export function reportedTotal(
  convention: CountingConvention,
  total: Pick<CostTotals, 'macs' | 'extraOps'>,
): { readonly reported: bigint; readonly reportedUnit: ReportedUnit } {
  const unit = convention.preset?.reportedUnit ?? 'MAC';
  return {
    reported: unit === 'FLOP' ? flopsFromMacs(total.macs, total.extraOps) : total.macs + total.extraOps,
    reportedUnit: unit,
  };
}
