/**
 * The training-step parts of a cost report (`count --training`, issue 24): per-layer backward
 * columns, the totals lines (forward, backward and their sum; FLOPs = 2 × MACs) and the JSON
 * fields. Human formats use thousands separators; CSV and JSON carry exact integers.
 */
import type { LayerTrainingCost, TrainingCost } from '../model/training.js';
import { flopsFromMacs } from '../model/units.js';
import { withSuffix, withThousands } from '../text/numbers.js';
import { OPTIMIZERS, optimizerStepFlops } from '../training/optimizer-step.js';
import type { Table } from '../text/table.js';
import { modulePath } from './module-rollup.js';

type Column = Table['columns'][number];

/** Columns added after `macs` in the per-layer table. */
export function trainingColumns(human: boolean): Column[] {
  return human
    ? [
        { header: 'backward macs', align: 'right' },
        { header: 'trains', align: 'left' },
      ]
    : [
        { header: 'input_grad_macs', align: 'right' },
        { header: 'weight_grad_macs', align: 'right' },
        { header: 'backward_macs', align: 'right' },
        { header: 'trains', align: 'left' },
      ];
}

/** `yes`, `frozen` (has parameters that do not train) or empty (no parameters). */
function trainsText(layer: LayerTrainingCost): string {
  return layer.trains ? 'yes' : layer.hasParameters ? 'frozen' : '';
}

/** The cells of one layer under {@link trainingColumns}. */
export function trainingCells(layer: LayerTrainingCost | undefined, human: boolean): string[] {
  if (layer === undefined) return trainingColumns(human).map(() => '');
  if (human) return [withThousands(layer.backwardMacs), trainsText(layer)];
  return [
    layer.inputGradientMacs.toString(),
    layer.weightGradientMacs.toString(),
    layer.backwardMacs.toString(),
    trainsText(layer),
  ];
}

/** The totals lines of a training step. */
export function trainingTotalsLines(training: TrainingCost): string[] {
  const t = training.total;
  return [
    `training step (per sample, ${selectionText(training)}):`,
    `  forward macs:  ${withThousands(t.forwardMacs)} (${withSuffix(t.forwardMacs)})`,
    `  backward macs: ${withThousands(t.backwardMacs)} (${withSuffix(t.backwardMacs)}) = input gradients ${withThousands(t.inputGradientMacs)} + weight gradients ${withThousands(t.weightGradientMacs)}`,
    `  forward + backward: ${withThousands(t.trainingMacs)} macs (${withSuffix(t.trainingMacs)}) = ${withThousands(flopsFromMacs(t.trainingMacs))} flops (${withSuffix(flopsFromMacs(t.trainingMacs))})`,
    `  trainable params: ${withThousands(t.trainableParams)} (${withSuffix(t.trainableParams)}); frozen ${withThousands(t.frozenParams)}`,
    `  optimizer step (FLOPs, not MACs; once per batch, no weight decay): ${OPTIMIZERS.map((o) => `${o} ${withThousands(optimizerStepFlops(t.trainableParams, o))}`).join(', ')}`,
  ];
}

/**
 * One sentence for a paper's table note: forward, backward and their sum per sample, in MACs
 * and FLOPs, and the trainable parameters. Example (ResNet-18, fc only): "Training step per
 * sample (trainable: fc): forward 1,814,073,344 + backward 512,000 = 1,814,585,344 MACs
 * (3,629,170,688 FLOPs); 513,000 of 11,689,512 params train."
 */
export function trainingNote(training: TrainingCost): string {
  const t = training.total;
  // In words, not flags: LaTeX sets "--" as a dash.
  const chosen = [
    ...(training.selection.trainable?.length ? [`trainable: ${training.selection.trainable.join(', ')}`] : []),
    ...(training.selection.freeze?.length ? [`frozen: ${training.selection.freeze.join(', ')}`] : []),
  ];
  const selection = chosen.length > 0 ? chosen.join('; ') : 'every parameter trains';
  return (
    `Training step per sample (${selection}): forward ${withThousands(t.forwardMacs)} + backward ` +
    `${withThousands(t.backwardMacs)} = ${withThousands(t.trainingMacs)} MACs (${withThousands(flopsFromMacs(t.trainingMacs))} FLOPs); ` +
    `${withThousands(t.trainableParams)} of ${withThousands(t.trainableParams + t.frozenParams)} params train.`
  );
}

/** The user's selection in the CLI's words, or "every parameter trains". */
function selectionText(training: TrainingCost): string {
  const selection = [
    ...(training.selection.trainable ?? []).map((g) => `--trainable ${g}`),
    ...(training.selection.freeze ?? []).map((g) => `--freeze ${g}`),
  ];
  return selection.length > 0 ? selection.join(' ') : 'every parameter trains';
}

/** Per-layer JSON fields. */
export function trainingLayerJson(layer: LayerTrainingCost | undefined): object {
  if (layer === undefined) return {};
  return {
    backwardMacs: layer.backwardMacs,
    inputGradientMacs: layer.inputGradientMacs,
    weightGradientMacs: layer.weightGradientMacs,
    trains: layer.trains,
  };
}

/** Total JSON fields (exact integers; FLOPs = 2 × MACs). */
export function trainingTotalJson(training: TrainingCost): object {
  const t = training.total;
  return {
    forwardMacs: t.forwardMacs,
    backwardMacs: t.backwardMacs,
    inputGradientMacs: t.inputGradientMacs,
    weightGradientMacs: t.weightGradientMacs,
    trainingMacs: t.trainingMacs,
    trainingFlops: flopsFromMacs(t.trainingMacs),
    trainableParams: t.trainableParams,
    frozenParams: t.frozenParams,
    optimizerStepFlops: Object.fromEntries(OPTIMIZERS.map((o) => [o, optimizerStepFlops(t.trainableParams, o)])),
  };
}

/** The selection echoed in the JSON document. */
export function trainingSelectionJson(training: TrainingCost): object {
  return { freeze: training.selection.freeze ?? [], trainable: training.selection.trainable ?? [] };
}

/** Backward MACs per module at `depth` (the module rows of `--depth`). O(layers). */
export function moduleBackwardMacs(training: TrainingCost, depth: number): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const layer of training.layers) {
    const module = modulePath(layer.name, depth);
    sums.set(module, (sums.get(module) ?? 0n) + layer.backwardMacs);
  }
  return sums;
}
