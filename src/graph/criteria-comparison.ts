import type { FusionCriteria, FusionStructure } from '../model/fusion-graph.js';
import { FUSION_STRUCTURES } from '../model/fusion-graph.js';
import { UserError } from '../errors.js';
import { evaluateCriteria, type CriteriaOptions } from './criteria.js';
import { generateStructure, type StructureOptions } from './generate.js';

/** A structure that could not be built for this n (e.g. bft when n is not a power of the base). */
export interface SkippedStructure {
  readonly structure: FusionStructure;
  readonly reason: string;
}

/** Findings for several structures at one width. */
export interface CriteriaComparison {
  readonly n: number;
  readonly rows: readonly FusionCriteria[];
  readonly skipped: readonly SkippedStructure[];
}

/**
 * Builds every structure in `structures` (default: all, in `FUSION_STRUCTURES` order) at width n
 * with `options` and checks the criteria on each. Structures whose parameters do not fit n are
 * listed in `skipped` with the reason, not thrown. Pure. Cost: the sum of `evaluateCriteria`
 * (dense is n² edges).
 * Example: criteriaComparison(64, {base: 2}).rows[1].criteria → all true for bft.
 */
export function criteriaComparison(
  n: number,
  options: StructureOptions = {},
  structures: readonly FusionStructure[] = FUSION_STRUCTURES,
  criteriaOptions: CriteriaOptions = {},
): CriteriaComparison {
  const rows: FusionCriteria[] = [];
  const skipped: SkippedStructure[] = [];
  for (const structure of structures) {
    try {
      const { progress } = criteriaOptions;
      const labelled =
        progress === undefined
          ? {}
          : {
              progress: (phase: string, done: number, total: number) => progress(`${structure} ${phase}`, done, total),
            };
      rows.push(evaluateCriteria(generateStructure(structure, n, options), labelled));
    } catch (error) {
      if (!(error instanceof UserError) || structures.length === 1) throw error;
      skipped.push({ structure, reason: error.message });
    }
  }
  return { n, rows, skipped };
}

/** Parameters as "base=2 radices=2·2·2". */
