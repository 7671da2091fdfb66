import {
  accuracyLatencyChartSpec,
  roleTimeChartSpec,
  type LatencyPoint,
  type RoleTimeRow,
} from '../../charts/latency-chart-spec.js';
import { countCost } from '../../count/count-request.js';
import { UserError } from '../../errors.js';
import { DEFAULT_BFT } from '../../fusion/strategy.js';
import {
  configurationKey,
  MEASUREMENTS_FILE,
  parseMeasurements,
  type MeasuredConfiguration,
} from '../../latency/measurements.js';
import type { ModelSource, ParameterValue } from '../../model/model-source.js';
import { parseResultsCsv } from '../../results/parse-results-csv.js';
import type { ReportSection } from './report-section.js';
import { sectionChartFiles } from './section-charts.js';

/**
 * Report section "Measured latency": the paper's MobileNetV1 and ShuffleNetV2 configurations
 * exported and timed on onnxruntime, read from the committed measurements file
 * (`data/measurements/latency-bft-paper.json`, written by `npm run measure`), so the report stays
 * deterministic; accuracy from `data/results/bft-paper.csv`.
 */
const TITLE = 'Measured latency: does the MAC saving become time?';
const PAPER = 'data/results/bft-paper.csv';

export const latencySection: ReportSection = {
  id: 'latency',
  title: TITLE,
  build: async (inputs) => {
    const text = inputs.dataFiles.get(MEASUREMENTS_FILE);
    const csv = inputs.dataFiles.get(PAPER);
    if (text === undefined || csv === undefined) {
      return {
        files: new Map(),
        index: `## ${TITLE}\n\nNo measurements: \`npm run measure\` writes \`${MEASUREMENTS_FILE}\` (and \`${PAPER}\` must exist).\n`,
      };
    }
    const measurements = parseMeasurements(JSON.parse(text) as unknown, MEASUREMENTS_FILE);
    const records = parseResultsCsv(csv, PAPER);
    const rows = measurements.configurations.map((c) => {
      const matching = records.filter(
        (r) =>
          r.arch !== undefined &&
          configurationKey({
            arch: r.arch,
            ...(r.width !== undefined ? { width: r.width } : {}),
            ...(r.resolution !== undefined ? { resolution: r.resolution } : {}),
            fusion: r.fusion,
          }) === configurationKey(c),
      );
      const best = matching.reduce<(typeof matching)[number] | undefined>(
        (a, r) => (a === undefined || r.top1 > a.top1 ? r : a),
        undefined,
      );
      return { c, record: best };
    });
    const points: LatencyPoint[] = rows.flatMap(({ c, record }) =>
      record === undefined
        ? []
        : [
            {
              label: `${record.model} @${c.resolution ?? ''}`,
              family: record.family,
              fusion: c.fusion,
              top1: record.top1,
              mmacs: Number(c.macs) / 1e6,
              ms: c.medianMs,
            },
          ],
    );
    const roleRows: RoleTimeRow[] = measurements.roleTimes.flatMap((r) =>
      Object.entries(r.roles)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([role, microseconds]) => ({ label: r.label, role, microseconds: microseconds ?? 0 })),
    );
    const files = new Map<string, string | Uint8Array>([
      ...(await sectionChartFiles(
        'latency/accuracy-latency',
        accuracyLatencyChartSpec(points, 'Accuracy vs MACs (left) and vs measured latency (right)'),
        'accuracy vs latency',
        inputs,
      )),
      ...(await sectionChartFiles(
        'latency/role-time',
        roleTimeChartSpec(roleRows, 'Share of profiled kernel time by layer role'),
        'latency by role',
        inputs,
      )),
    ]);
    // The paper convention's count of each configuration, beside the measured graph's own count.
    const counted = rows.map(({ c }) =>
      inputs.resolveMacs({
        model: c.arch,
        ...(c.width !== undefined ? { width: c.width } : {}),
        ...(c.resolution !== undefined ? { resolution: c.resolution } : {}),
        fusion: c.fusion,
      }),
    );
    const mmacs = (macs: bigint | undefined) => (macs === undefined ? '' : `${(Number(macs) / 1e6).toFixed(2)}M`);
    const table = [
      "| configuration | fusion | top-1 (%) | MACs (measured graph) | MACs (paper's count) | median ms | quartiles ms |",
      '|:---|:---|---:|---:|---:|---:|---:|',
      ...rows.map(
        ({ c, record }, i) =>
          `| ${record?.model ?? c.arch} @${c.resolution ?? ''} | ${c.fusion} | ${record?.top1.toFixed(2) ?? ''} | ${mmacs(BigInt(c.macs))} | ${mmacs(counted[i])} | ${c.medianMs.toFixed(2)} | ${c.q1Ms.toFixed(2)}–${c.q3Ms.toFixed(2)} |`,
      ),
    ];
    const builtNote = measuredGraphsNote(
      rows.map(({ c, record }, i) => ({
        label: `${record?.model ?? c.arch} @${c.resolution ?? ''}`,
        macs: BigInt(c.macs),
        counted: counted[i],
        built: builtMacs(inputs.models, c),
      })),
    );
    const roleTable = [
      '| configuration | role | µs | share |',
      '|:---|:---|---:|---:|',
      ...measurements.roleTimes.flatMap((r) => {
        const total = Object.values(r.roles).reduce((s: number, v) => s + (v ?? 0), 0);
        return Object.entries(r.roles)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(
            ([role, us]) =>
              `| ${r.label} | ${role} | ${us ?? 0} | ${total > 0 ? ((100 * (us ?? 0)) / total).toFixed(1) : '0.0'} % |`,
          );
      }),
    ];
    return {
      files,
      index: [
        `## ${TITLE}`,
        '',
        `Every MobileNetV1 and ShuffleNetV2 configuration of \`${PAPER}\` exported by \`butterflops export\` (seeded random weights; BFT layers as`,
        'channel shuffles + grouped 1×1 convs) and timed on onnxruntime-node. Read from the committed measurements file',
        `\`${MEASUREMENTS_FILE}\` (regenerate with \`npm run measure\`; times are not reproducible byte for byte, so the report never measures).`,
        '',
        `Machine: ${measurements.machine}; load average during the measurement ${measurements.loadAverage.join(' / ')} (1/5/15 min). ${measurements.settings}.`,
        'Where the paper lists a configuration twice, the higher accuracy is shown.',
        builtNote,
        '',
        ...table,
        '',
        '![accuracy vs MACs and vs latency](latency/accuracy-latency.png)',
        '',
        '### Where the time goes: MobileNetV1-1.0 vs MobileNetV1-2.0+BFT (profiled kernel time by role)',
        '',
        ...roleTable,
        '',
        '![share of time by role](latency/role-time.png)',
        '',
      ].join('\n'),
    };
  },
};

/** A measured graph's MACs beside the paper's count and what `export` builds today (undefined: not counted). */
export interface MeasuredGraphMacs {
  readonly label: string;
  readonly macs: bigint;
  readonly counted: bigint | undefined;
  readonly built: bigint | undefined;
}

/**
 * Why the measured graphs' MACs differ from the paper's count, and which of them `export` no
 * longer builds (measured before its construction changed: to be re-measured).
 */
export function measuredGraphsNote(graphs: readonly MeasuredGraphMacs[]): string {
  const differing = graphs.flatMap((g) =>
    g.counted === undefined || g.macs === g.counted ? [] : [Number(g.macs) / Number(g.counted)],
  );
  const fewer = differing.filter((r) => r < 1).length;
  const more = differing.filter((r) => r > 1);
  const stale = graphs.filter((g) => g.built !== undefined && g.built !== g.macs);
  const construction = `per layer the cheaper of zero-padding to the next power of 4 and mixed radix (\`count\`'s "buildable" line)`;
  return [
    differing.length === 0
      ? "Every measured graph has the paper's count."
      : `${differing.length} measured BFT graph(s) differ from the paper's count, because the count charges butterflies of sizes that are not powers of 4 by a rule no butterfly has: ${fewer} have fewer MACs${more.length > 0 ? `, ${more.length} more (up to ${Math.max(...more).toFixed(2)}×)` : ''}.`,
    ...(stale.length > 0
      ? [
          `${stale.length} were measured on graphs \`butterflops export\` no longer builds (it now builds ${construction}): ${stale.map((g) => g.label).join(', ')}; \`npm run measure\` re-measures them.`,
        ]
      : differing.length > 0
        ? [`Each graph was measured as \`butterflops export\` builds it today: ${construction}.`]
        : []),
  ].join(' ');
}

/**
 * The MACs of what `butterflops export` builds today from a measured configuration's settings
 * (the paper's BFT settings for `bft`); undefined when the cost model refuses the configuration.
 */
export function builtMacs(models: ModelSource, c: MeasuredConfiguration): bigint | undefined {
  const parameters: Record<string, ParameterValue> = {};
  if (c.width !== undefined) parameters['width'] = c.width;
  if (c.resolution !== undefined) parameters['resolution'] = c.resolution;
  try {
    const report = countCost({
      model: models.resolve(c.arch),
      parameters,
      fusion: c.fusion === 'bft' ? DEFAULT_BFT : { kind: 'pointwise' },
    });
    return (report.buildable ?? report).total.macs;
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
}
