/**
 * The committed latency measurements the report reads (`data/measurements/latency-bft-paper.json`):
 * measured times are not byte-stable, so they are measured by an explicit command
 * (`butterflops measure`, `npm run measure`) and stored as data; `npm run report` only reads them
 * and is deterministic. Types, the configurations to measure, and a parser. Pure.
 */
import { UserError } from '../errors.js';
import type { LayerRole } from '../model/layer.js';
import type { ResultRecord } from '../model/result-record.js';

/** One measured configuration. */
export interface MeasuredConfiguration {
  /** Zoo id, e.g. `mobilenet-v1`. */
  readonly arch: string;
  readonly width?: number;
  readonly resolution?: number;
  readonly fusion: 'pointwise' | 'bft';
  /** MACs of the exported graph (paper convention), as a decimal string (exact). */
  readonly macs: string;
  readonly medianMs: number;
  readonly q1Ms: number;
  readonly q3Ms: number;
}

/** Profiled kernel time per role of one configuration, µs (the time version of the paper's Figure 3). */
export interface RoleTimes {
  readonly label: string;
  readonly roles: Readonly<Partial<Record<LayerRole | 'runtime', number>>>;
}

/** The measurements file. */
export interface LatencyMeasurements {
  readonly machine: string;
  readonly loadAverage: readonly number[];
  readonly settings: string;
  readonly configurations: readonly MeasuredConfiguration[];
  readonly roleTimes: readonly RoleTimes[];
}

/** Where the report finds the measurements, relative to the repository root. */
export const MEASUREMENTS_FILE = 'data/measurements/latency-bft-paper.json';

/** A configuration key: `arch|width|resolution|fusion`. */
export function configurationKey(c: {
  readonly arch?: string;
  readonly width?: number;
  readonly resolution?: number;
  readonly fusion: string;
}): string {
  return `${c.arch ?? ''}|${c.width ?? ''}|${c.resolution ?? ''}|${c.fusion}`;
}

/**
 * The distinct countable configurations of MobileNetV1 and ShuffleNetV2 rows of a results file
 * (pointwise and BFT rows with a zoo architecture), sorted by key. O(rows log rows).
 */
export function paperConfigurations(
  records: readonly ResultRecord[],
): { arch: string; width?: number; resolution?: number; fusion: 'pointwise' | 'bft' }[] {
  const found = new Map<string, { arch: string; width?: number; resolution?: number; fusion: 'pointwise' | 'bft' }>();
  for (const r of records) {
    const fusion: 'pointwise' | 'bft' | undefined =
      r.fusion === 'pointwise' ? 'pointwise' : r.fusion === 'bft' ? 'bft' : undefined;
    if (
      !['MobileNetV1', 'ShuffleNetV2'].includes(r.family) ||
      r.arch === undefined ||
      fusion === undefined ||
      r.resolution === undefined
    )
      continue;
    const c = { arch: r.arch, ...(r.width !== undefined ? { width: r.width } : {}), resolution: r.resolution, fusion };
    found.set(configurationKey(c), c);
  }
  return [...found].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
}

/** Checks the parsed measurements file (shape only); `file` names it in a UserError. */
export function parseMeasurements(value: unknown, file: string): LatencyMeasurements {
  const record = value as Partial<LatencyMeasurements> | null;
  if (
    record === null ||
    typeof record !== 'object' ||
    !Array.isArray(record.configurations) ||
    !Array.isArray(record.roleTimes) ||
    typeof record.machine !== 'string'
  ) {
    throw new UserError('not a latency measurements file', {
      location: { file },
      expected: 'machine, loadAverage, settings, configurations[], roleTimes[]',
    });
  }
  return record as LatencyMeasurements;
}
