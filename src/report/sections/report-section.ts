import { zooSource } from '../../arch/zoo-source.js';
import type { ChartAssets } from '../../charts/chart-files.js';
import { configurationResolver } from '../../count/configuration-macs.js';
import type { ModelSource } from '../../model/model-source.js';
import type { ResolveMacs } from '../../model/result-record.js';
import type { ExplorerScripts } from '../explorer-html.js';

/**
 * The report's extension point. A section is a pure function of the report inputs that returns
 * its files (paths relative to the report folder) and the Markdown it contributes to
 * `index.md`. Add a section by writing one and adding one line to `REPORT_SECTIONS`
 * (`src/report/sections/index.ts`). Sections must be deterministic: sorted rows, fixed number
 * formats, no timestamps, no absolute paths.
 */

/** Everything a section may read: the data files, the models they define, and the cost model over them. */
export interface ReportInputs {
  /** Text of every file under `data/`, keyed by its path relative to the repository root (`data/results/bft-paper.csv`), sorted. */
  readonly dataFiles: ReadonlyMap<string, string>;
  /** The zoo of `dataFiles` (`data/architectures/`): every section counts models through it. */
  readonly models: ModelSource;
  /** The cost model over `models`: paper-convention MACs of a configuration, `undefined` when it cannot count it. */
  readonly resolveMacs: ResolveMacs;
  /** Fonts and runtime for rendering charts (`chartFile`). */
  readonly chartAssets: ChartAssets;
  /** The explorer page's bundled script (`io/explorer-bundle.ts`); the explorer section needs it. */
  readonly explorerScript?: () => Promise<ExplorerScripts>;
}

/**
 * The report inputs of one data folder's text: its zoo and the cost model over it, so every
 * section counts from the same folder (`report --data DIR`).
 */
export function reportInputs(
  dataFiles: ReadonlyMap<string, string>,
  chartAssets: ChartAssets,
  explorerScript?: () => Promise<ExplorerScripts>,
): ReportInputs {
  const models = zooSource(dataFiles);
  return {
    dataFiles,
    models,
    resolveMacs: configurationResolver(models),
    chartAssets,
    ...(explorerScript ? { explorerScript } : {}),
  };
}

/** What a section produces. */
export interface ReportSectionOutput {
  /** Files by path relative to the report folder, e.g. `pareto/figure-1.svg`. */
  readonly files: ReadonlyMap<string, string | Uint8Array>;
  /** Markdown for `index.md` (starts with a `## ` heading; links relative to the report folder). */
  readonly index: string;
}

/** A report section. */
export interface ReportSection {
  /** Short id, used in progress messages, e.g. `pareto`. */
  readonly id: string;
  /** Heading of the section in the table of contents. */
  readonly title: string;
  readonly build: (inputs: ReportInputs) => ReportSectionOutput | Promise<ReportSectionOutput>;
}
