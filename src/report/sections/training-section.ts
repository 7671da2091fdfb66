import { applyFusion } from '../../fusion/apply-fusion.js';
import { DEFAULT_BFT } from '../../fusion/strategy.js';
import type { TrainingCost } from '../../model/training.js';
import { decimal, percent, withThousands } from '../../text/numbers.js';
import { renderTable, type Table } from '../../text/table.js';
import { trainingCost } from '../../training/training-cost.js';
import type { ReportInputs, ReportSection, ReportSectionOutput } from './report-section.js';

/**
 * Report section "Training cost": one training step (forward + backward, every parameter
 * trains, per sample) of every zoo model at its defaults, dense 1×1 convs vs the paper's BFT,
 * and how far the usual 3 × forward is off (issue 24).
 */

const TITLE = 'Training cost: one step, dense vs BFT';

interface Row {
  readonly id: string;
  readonly pointwise: TrainingCost;
  readonly bft: TrainingCost;
}

function ratio(part: bigint, whole: bigint): string {
  return whole === 0n ? '–' : `${decimal(part, whole, 3)}`;
}

function trainingTable(rows: readonly Row[]): Table {
  return {
    columns: [
      { header: 'model' },
      { header: 'step MACs pointwise', align: 'right' },
      { header: 'backward / forward', align: 'right' },
      { header: 'step MACs BFT', align: 'right' },
      { header: 'backward / forward', align: 'right' },
      { header: 'BFT / pointwise', align: 'right' },
      { header: '3 × forward overstates (pointwise)', align: 'right' },
    ],
    rows: rows.map(({ id, pointwise: a, bft: b }) => [
      id,
      withThousands(a.total.trainingMacs),
      ratio(a.total.backwardMacs, a.total.forwardMacs),
      withThousands(b.total.trainingMacs),
      ratio(b.total.backwardMacs, b.total.forwardMacs),
      ratio(b.total.trainingMacs, a.total.trainingMacs),
      `${percent(3n * a.total.forwardMacs - a.total.trainingMacs, a.total.trainingMacs, 2)} %`,
    ]),
  };
}

function build(inputs: ReportInputs): ReportSectionOutput {
  const rows = [...inputs.models.list()].sort().map((id): Row => {
    const network = inputs.models.resolve(id).build({ parameters: {} });
    return { id, pointwise: trainingCost(network), bft: trainingCost(applyFusion(network, DEFAULT_BFT)) };
  });
  const lines = [
    `## ${TITLE}`,
    '',
    'One training step per sample at each zoo model’s defaults, every parameter trainable: forward MACs plus the',
    'backward MACs autograd executes — an input gradient where a trainable parameter lies between the network input',
    'and the layer, a weight gradient where the weights train, each at the layer’s forward cost (a butterfly per',
    'factor). The stem’s input gradient is never computed, so backward / forward stays below 2 and the usual',
    '“training = 3 × forward” overstates by the stem’s share. BFT as in the zoo section (base 4). Checked against',
    'what PyTorch executes (`scripts/measure-training-macs.py`, `test/fixtures/training-macs.json`). Frozen layers:',
    '`butterflops count MODEL --training --freeze GLOB`; the shortcuts side by side: `butterflops explain MODEL --training`.',
    '',
    renderTable(trainingTable(rows), 'markdown'),
  ];
  return { files: new Map(), index: lines.join('\n') };
}

export const trainingSection: ReportSection = { id: 'training', title: TITLE, build };
