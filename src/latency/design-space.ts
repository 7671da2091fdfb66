/**
 * The butterfly design space as measured data (issue 18, item 3): network MACs vs measured
 * latency for dense MobileNetV1 / ShuffleNetV2 at every width and their BFT networks with base 2,
 * base 4, two factors near √n and a latency plan (`butterflops plan`). Written by `npm run
 * measure` to `data/measurements/plan-design-space.json`; the report only reads it. Types, the
 * configurations, a parser. Pure.
 */
import { UserError } from '../errors.js';

/** How the channel fusion of a point is built. */
export const DESIGN_VARIANTS = ['dense', 'base 2', 'base 4', 'sqrt', 'planned'] as const;
export type DesignVariant = (typeof DESIGN_VARIANTS)[number];

/** One configuration to measure. */
export interface DesignConfiguration {
  readonly arch: 'mobilenet-v1' | 'shufflenet-v2';
  readonly width: number;
  readonly variant: DesignVariant;
}

/** A measured point. */
export interface DesignPoint extends DesignConfiguration {
  /** MACs of the exported graph (exact, decimal string). */
  readonly macs: string;
  readonly medianMs: number;
  readonly q1Ms: number;
  readonly q3Ms: number;
}

/** The file. */
export interface DesignSpaceMeasurements {
  readonly machine: string;
  readonly loadAverage: readonly number[];
  readonly settings: string;
  readonly points: readonly DesignPoint[];
}

export const DESIGN_SPACE_FILE = 'data/measurements/plan-design-space.json';

/** Dense at every zoo width; BFT (four variants) at the widths the paper's BFT rows use and between. */
export const DESIGN_CONFIGURATIONS: readonly DesignConfiguration[] = [
  ...[0.25, 0.5, 0.75, 1].map((width) => ({ arch: 'mobilenet-v1' as const, width, variant: 'dense' as const })),
  ...[1, 1.5, 2].flatMap((width) =>
    (['base 2', 'base 4', 'sqrt', 'planned'] as const).map((variant) => ({
      arch: 'mobilenet-v1' as const,
      width,
      variant,
    })),
  ),
  ...[0.5, 1, 1.5, 2].map((width) => ({ arch: 'shufflenet-v2' as const, width, variant: 'dense' as const })),
  ...[1, 1.5, 2].flatMap((width) =>
    (['base 2', 'base 4', 'sqrt', 'planned'] as const).map((variant) => ({
      arch: 'shufflenet-v2' as const,
      width,
      variant,
    })),
  ),
];

/** Checks the parsed file (shape only). */
export function parseDesignSpace(value: unknown, file: string): DesignSpaceMeasurements {
  const record = value as Partial<DesignSpaceMeasurements> | null;
  if (
    record === null ||
    typeof record !== 'object' ||
    !Array.isArray(record.points) ||
    typeof record.machine !== 'string'
  ) {
    throw new UserError('not a design-space measurements file', {
      location: { file },
      expected: 'machine, loadAverage, settings, points[]',
    });
  }
  return record as DesignSpaceMeasurements;
}
