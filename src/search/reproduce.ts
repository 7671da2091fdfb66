/**
 * Reproduction of the BFT paper's FLOP column: each configured row counted under the default
 * convention and under every BFT counting alternative (log mode × n_in ≠ n_out policy × whether
 * the first-to-last residual adds are counted), with the deviation from the printed figure and the
 * alternative that comes nearest. bft-paper.md §6: paper FLOPs = MACs of conv and FC layers.
 */
import { analyze } from '../cost/analyze.js';
import { buildFusedNetwork } from '../count/count-request.js';
import { applyFusion } from '../fusion/apply-fusion.js';
import { buildableNetwork } from '../fusion/buildable-butterfly.js';
import { DEFAULT_BFT, type FusionStrategy } from '../fusion/strategy.js';
import { PAPER_CONVENTION } from '../model/convention.js';
import type { ModelSource, ParameterValue } from '../model/model-source.js';
import type { Network } from '../model/network.js';
import {
  BUTTERFLY_LOG_MODES,
  BUTTERFLY_SHAPE_POLICIES,
  type ButterflyLogMode,
  type ButterflyShapePolicy,
} from '../model/layer.js';
import type { ResultRecord } from '../model/result-record.js';
import { exactMillions } from '../text/numbers.js';

/** One printed row of the paper that names a configuration: what `reproduce` counts. */
export interface PaperRow {
  /** The paper's table, e.g. `1c` (the CSV's `table` column). */
  readonly table: string;
  /** The model as printed, e.g. `MobileNetV1-1.0+BFT`. */
  readonly label: string;
  /** Architecture id in the zoo. */
  readonly model: string;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly fusion: 'pointwise' | 'bft';
  /** The printed figure in millions, e.g. `14` or `12.9`. */
  readonly printedMillions: string;
  /** Set when the printed figure is known to be wrong: the reason (the CSV's `cost_flag`). */
  readonly flag?: string;
  /** A remark on the printed cost (the CSV's `cost_note`). */
  readonly note?: string;
}

/**
 * The countable rows of the BFT paper's result CSV (`data/results/bft-paper.csv`), in file
 * order: rows with an architecture id, a resolution, a published cost and fusion pointwise or
 * bft. Rows printed twice with the same configuration and cost (e.g. two accuracies of one
 * network) appear once. Pure.
 */
export function paperRows(records: readonly ResultRecord[]): PaperRow[] {
  const rows: PaperRow[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    const { arch, resolution, publishedMacs, width } = record;
    if (arch === undefined || resolution === undefined || publishedMacs === undefined) continue;
    if (record.fusion !== 'pointwise' && record.fusion !== 'bft') continue;
    const table = record.extra['table'] ?? '';
    const key = JSON.stringify([table, record.model, arch, width, resolution, record.fusion, publishedMacs.toString()]);
    if (seen.has(key)) continue;
    seen.add(key);
    const flag = record.extra['cost_flag'];
    const note = record.extra['cost_note'];
    rows.push({
      table,
      label: record.model,
      model: arch,
      fusion: record.fusion,
      parameters: width === undefined ? { resolution } : { width, resolution },
      printedMillions: exactMillions(publishedMacs),
      ...(flag ? { flag } : {}),
      ...(note ? { note } : {}),
    });
  }
  return rows;
}

/** One way of counting a BFT network. */
export interface BftCounting {
  readonly logMode: ButterflyLogMode;
  readonly shapePolicy: ButterflyShapePolicy;
  /** Whether the BFT blocks' first-to-last residual adds are added to the MACs. */
  readonly residualAdds: boolean;
  /** Count the network `export` builds (`fusion/buildable-butterfly.ts`) instead of the log mode's count. */
  readonly buildable?: boolean;
}

/** Short name of a counting, e.g. `ceil/official` or `real/square-max+res`. */
export function countingName(counting: BftCounting): string {
  return `${counting.logMode}/${counting.shapePolicy}${counting.residualAdds ? '+res' : ''}`;
}

/** The default: the paper's code (ceil log, official policy), residual adds not counted. */
export const DEFAULT_COUNTING: BftCounting = { logMode: 'ceil', shapePolicy: 'official', residualAdds: false };

/** Every alternative: 4 log modes × 2 policies × residual adds counted or not (16). */
export const BFT_COUNTINGS: readonly BftCounting[] = BUTTERFLY_LOG_MODES.flatMap((logMode) =>
  BUTTERFLY_SHAPE_POLICIES.flatMap((shapePolicy) =>
    [false, true].map((residualAdds) => ({ logMode, shapePolicy, residualAdds })),
  ),
);

/** Counts a configuration's MACs under a counting (pointwise rows ignore it). */
export type ConfigurationCounter = (row: PaperRow, counting: BftCounting) => bigint;

/**
 * The counter over a model source: MACs under the paper convention (1000 classes) plus, when
 * asked, the BFT blocks' residual adds (n_out per output pixel of each butterfly with a
 * residual). Each row's dense network is built once per counter.
 */
export function modelCounter(models: ModelSource): ConfigurationCounter {
  const denseNetworks = new Map<string, Network>();
  return (row, counting) => {
    const fusion: FusionStrategy =
      row.fusion === 'pointwise'
        ? { kind: 'pointwise' }
        : { ...DEFAULT_BFT, logMode: counting.logMode, shapePolicy: counting.shapePolicy };
    // The dense network of a row is built once; each counting only rewrites and counts it.
    const key = JSON.stringify([row.model, row.parameters]);
    let network = denseNetworks.get(key);
    if (network === undefined) {
      network = buildFusedNetwork({ model: models.resolve(row.model), parameters: row.parameters });
      denseNetworks.set(key, network);
    }
    const fused = applyFusion(network, fusion);
    const report = analyze(counting.buildable === true ? buildableNetwork(fused) : fused, {
      ...PAPER_CONVENTION,
      extraElementwise: counting.residualAdds,
    });
    let macs = report.total.macs;
    if (row.fusion === 'bft' && counting.residualAdds) {
      for (const layer of report.layers) if (layer.kind === 'butterfly') macs += layer.extraOps;
    }
    return macs;
  };
}

/** A count with its deviation from the printed figure. */
export interface CountedValue {
  readonly counting: string;
  readonly macs: bigint;
  /** (ours / printed − 1) · 100. */
  readonly deviationPercent: number;
}

/** One reproduced row. */
export interface ReproducedRow {
  readonly row: PaperRow;
  readonly printedMacs: bigint;
  /** The default convention. */
  readonly ours: CountedValue;
  /** What `butterflops export` builds with the default settings (equal to `ours` where every butterfly size is a power of 4). */
  readonly buildable: CountedValue;
  /** Every alternative (BFT rows: 16; pointwise rows: just the default). */
  readonly alternatives: readonly CountedValue[];
  /** The alternative nearest to the printed figure (first in BFT_COUNTINGS order on ties). */
  readonly nearest: CountedValue;
}

function printedMacs(printed: string): bigint {
  const [whole = '0', fraction = ''] = printed.split('.');
  return BigInt(whole) * 1_000_000n + (fraction === '' ? 0n : BigInt(fraction.padEnd(6, '0')));
}

/**
 * Reproduces `rows`: each counted by `counter` under the default and every alternative.
 * Each row also gets the count of the network `export` builds (`buildable`). O(rows · 17) counts. Example: the MobileNetV1-0.25@128 row → ours 13.57M, deviation -3.1 %.
 */
export function reproducePaperTable(rows: readonly PaperRow[], counter: ConfigurationCounter): ReproducedRow[] {
  return rows.map((row) => {
    const printed = printedMacs(row.printedMillions);
    const value = (counting: BftCounting): CountedValue => {
      const macs = counter(row, counting);
      return {
        counting: row.fusion === 'bft' ? countingName(counting) : 'dense',
        macs,
        deviationPercent: (Number(macs) / Number(printed) - 1) * 100,
      };
    };
    const ours = value(DEFAULT_COUNTING);
    const built = value({ ...DEFAULT_COUNTING, buildable: true });
    const buildable = { ...built, counting: row.fusion === 'bft' ? 'built' : 'dense' };
    const alternatives = row.fusion === 'bft' ? BFT_COUNTINGS.map(value) : [ours];
    const nearest = alternatives.reduce((best, candidate) =>
      Math.abs(candidate.deviationPercent) < Math.abs(best.deviationPercent) ? candidate : best,
    );
    return { row, printedMacs: printed, ours, buildable, alternatives, nearest };
  });
}
