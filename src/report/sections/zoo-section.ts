import { costBreakdownChartSpec, type CostBreakdownRow } from '../../charts/cost-breakdown-chart-spec.js';
import { perLayerMacsChartSpec } from '../../charts/per-layer-macs-chart-spec.js';
import type { CostReport } from '../../model/cost.js';
import { formatComparison } from '../../format/compare-format.js';
import { describeConvention } from '../../format/convention-text.js';
import { decimal, percent, withSuffix, withThousands } from '../../text/numbers.js';
import { renderTable, type Table } from '../../text/table.js';
import type { ReportInputs, ReportSection, ReportSectionOutput } from './report-section.js';
import { sectionChartFiles } from './section-charts.js';
import { zooPairs, type ZooPair } from './zoo-networks.js';

/**
 * Report section "The zoo under pointwise and BFT fusion": every zoo model at its defaults with
 * dense 1×1 convs and with the paper's BFT (k = 4, official n_in ≠ n_out rule), totals and the
 * channel-fusion share (the paper's Figure 3), one per-layer comparison page per model, the
 * MAC breakdown by role as a chart, and the per-layer MACs of MobileNetV1.
 */

const TITLE = 'The zoo: cost under pointwise and BFT fusion';

function fusionMacs(report: CostReport): bigint {
  return report.roles.find((role) => role.role === 'channel-fusion')?.macs ?? 0n;
}

function ratio(a: bigint, b: bigint): string {
  return a === 0n ? '–' : `${decimal(b, a, 3)}×`;
}

function zooTable(pairs: readonly ZooPair[]): Table {
  return {
    columns: [
      { header: 'model' },
      { header: 'configuration' },
      { header: 'MACs pointwise', align: 'right' },
      { header: 'MACs BFT', align: 'right' },
      { header: 'BFT / pointwise', align: 'right' },
      { header: 'fusion share pointwise', align: 'right' },
      { header: 'fusion share BFT', align: 'right' },
      { header: 'params pointwise', align: 'right' },
      { header: 'params BFT', align: 'right' },
      { header: 'peak activations', align: 'right' },
      { header: 'per layer' },
    ],
    rows: pairs.map(({ id, pointwise, bft }) => [
      id,
      Object.entries(pointwise.parameters)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
      withThousands(pointwise.total.macs),
      withThousands(bft.total.macs),
      ratio(pointwise.total.macs, bft.total.macs),
      `${percent(fusionMacs(pointwise), pointwise.total.macs, 1)} %`,
      `${percent(fusionMacs(bft), bft.total.macs, 1)} %`,
      withSuffix(pointwise.total.params),
      withSuffix(bft.total.params),
      `${withSuffix(pointwise.peakActivationBytes)}B`,
      `[${id}](zoo/${id}.md)`,
    ]),
  };
}

function breakdownRows(label: string, pair: { pointwise: CostReport; bft: CostReport }): CostBreakdownRow[] {
  return [pair.pointwise, pair.bft].flatMap((report, i) =>
    report.roles
      .filter((role) => role.macs > 0n)
      .map((role) => ({ model: label, fusion: i === 0 ? 'pointwise' : 'bft', role: role.role, macs: role.macs })),
  );
}

async function build(inputs: ReportInputs): Promise<ReportSectionOutput> {
  const pairs = zooPairs(inputs.models);
  // The paper's Figure 3 pair: MobileNetV1-1.0 dense vs MobileNetV1-2.0 + BFT, both at 224.
  const [wide] = zooPairs(inputs.models, { 'mobilenet-v1': { width: 2 } }, ['mobilenet-v1']);
  const mobilenet = pairs.find((pair) => pair.id === 'mobilenet-v1');
  const files = new Map<string, string | Uint8Array>();
  for (const pair of pairs) {
    files.set(
      `zoo/${pair.id}.md`,
      `# ${pair.title}: pointwise (A) vs BFT (B)\n\n${formatComparison(pair.pointwise, pair.bft, 'markdown')}`,
    );
  }
  const breakdown = costBreakdownChartSpec(
    [
      ...pairs.flatMap((pair) => breakdownRows(pair.id, pair)),
      ...(wide ? breakdownRows('mobilenet-v1 width 2', wide) : []),
    ],
    { title: 'Share of MACs by layer role, pointwise vs BFT (zoo defaults)', normalize: true },
  );
  for (const [path, contents] of await sectionChartFiles('zoo/macs-by-role', breakdown, 'MACs by layer role', inputs))
    files.set(path, contents);
  const lines = [
    `## ${TITLE}`,
    '',
    `Every model of \`data/architectures/\` at its default parameters. BFT: base 4, ⌈log_k m⌉ layers, the official`,
    `n_in ≠ n_out rule, first-to-last residual; squeeze-excite and classifier layers stay dense, and so do the 1×1s`,
    `an architecture keeps dense (ShuffleNetV2's stem-reading 1×1s). Convention: ${describeConvention(pairs[0]?.pointwise.convention ?? wide!.pointwise.convention)}.`,
    `"Fusion share" is the channel-fusion (1×1 or BFT) share of all MACs. Peak activation memory (float32, tensors`,
    `alive between layers) is the same under both fusions at equal width: a BFT has its 1×1 conv's input and output`,
    `shapes (its internal layers need one more buffer of the output's size, not counted here); it grows when BFT`,
    `networks are widened to match FLOPs, as below.`,
    '',
    renderTable(zooTable(pairs), 'markdown'),
  ];
  if (mobilenet && wide) {
    const a = mobilenet.pointwise;
    const b = wide.bft;
    lines.push(
      `**The paper's Figure 3.** MobileNetV1-1.0 @224 with dense 1×1 convs spends ${percent(fusionMacs(a), a.total.macs, 1)} % of its`,
      `${withSuffix(a.total.macs)} MACs on channel fusion; MobileNetV1-2.0+BFT @224 spends ${percent(fusionMacs(b), b.total.macs, 1)} % of its`,
      `${withSuffix(b.total.macs)} (the paper: 95 % → 60 %). Its depthwise share grows from`,
      `${percent(a.roles.find((r) => r.role === 'depthwise')?.macs ?? 0n, a.total.macs, 1)} % to ${percent(b.roles.find((r) => r.role === 'depthwise')?.macs ?? 0n, b.total.macs, 1)} %, and its peak activation memory from`,
      `${withSuffix(a.peakActivationBytes)}B to ${withSuffix(b.peakActivationBytes)}B — the memory cost the paper names as BFT's drawback.`,
      '',
    );
    const layers = perLayerMacsChartSpec(
      mobilenet.pointwise.layers.flatMap((layer, index) => {
        const other = mobilenet.bft.layers[index];
        if (layer.macs === 0n && (other?.macs ?? 0n) === 0n) return [];
        return [
          { index, layer: layer.name, fusion: 'pointwise', macs: layer.macs },
          { index, layer: layer.name, fusion: 'bft', macs: other?.macs ?? 0n },
        ];
      }),
      { title: 'MobileNetV1-1.0 @224: MACs per layer, pointwise vs BFT' },
    );
    for (const [path, contents] of await sectionChartFiles(
      'zoo/mobilenet-v1-per-layer',
      layers,
      'MobileNetV1 per-layer MACs',
      inputs,
    ))
      files.set(path, contents);
    lines.push(
      '![MACs by layer role](zoo/macs-by-role.png)',
      '',
      '![MobileNetV1 per-layer MACs](zoo/mobilenet-v1-per-layer.png)',
      '',
    );
  }
  return { files, index: lines.join('\n') };
}

export const zooSection: ReportSection = { id: 'zoo', title: TITLE, build };
