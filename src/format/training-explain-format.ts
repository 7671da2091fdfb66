/**
 * Rendering of a `TrainingExplanation` (`butterflops explain --training`): the exact training
 * step beside the usual shortcuts, the differences, and where the backward shortfall comes from.
 * Human forms use thousands separators; CSV and JSON carry exact integers. Pure.
 */
import { assertNever } from '../errors.js';
import { flopsFromMacs } from '../model/units.js';
import { stringifyExact } from '../text/json.js';
import { percent, withThousands } from '../text/numbers.js';
import { markdownLine, terminalLines } from '../text/escape.js';
import { renderTable, type Table } from '../text/table.js';
import type { TrainingExplanation } from '../training/approximations.js';
import type { ExplainFormat } from './explain-format.js';

function signed(value: bigint, human: boolean): string {
  const text = human ? withThousands(value < 0n ? -value : value) : (value < 0n ? -value : value).toString();
  return value < 0n ? `-${text}` : value > 0n ? `+${text}` : text;
}

function shortcutTable(explanation: TrainingExplanation, human: boolean): Table {
  const t = explanation.training.total;
  const count = (v: bigint) => (human ? withThousands(v) : v.toString());
  return {
    columns: [
      { header: human ? 'count' : 'count' },
      { header: human ? 'training macs' : 'training_macs', align: 'right' },
      { header: human ? 'backward macs' : 'backward_macs', align: 'right' },
      { header: human ? 'difference vs exact' : 'difference_macs', align: 'right' },
      ...(human ? [{ header: 'difference', align: 'right' as const }] : []),
    ],
    rows: [
      ['exact (what autograd computes)', count(t.trainingMacs), count(t.backwardMacs), '0', ...(human ? ['0 %'] : [])],
      ...explanation.approximations.map((a) => [
        a.name,
        count(a.trainingMacs),
        a.backwardMacs === undefined ? '' : count(a.backwardMacs),
        signed(a.differenceMacs, human),
        ...(human ? [`${a.differenceMacs > 0n ? '+' : ''}${percent(a.differenceMacs, t.trainingMacs)} %`] : []),
      ]),
    ],
  };
}

function whyLines(explanation: TrainingExplanation): string[] {
  const t = explanation.training.total;
  const s = explanation.shortfall;
  const selection = explanation.training.selection;
  const chosen = [
    ...(selection.trainable ?? []).map((g) => `--trainable ${g}`),
    ...(selection.freeze ?? []).map((g) => `--freeze ${g}`),
  ];
  const lines = [
    `exact: forward ${withThousands(t.forwardMacs)} + backward ${withThousands(t.backwardMacs)} (input gradients ${withThousands(t.inputGradientMacs)}, weight gradients ${withThousands(t.weightGradientMacs)}) = ${withThousands(t.trainingMacs)} MACs = ${withThousands(flopsFromMacs(t.trainingMacs))} FLOPs per sample; ${chosen.length > 0 ? chosen.join(' ') : 'every parameter trains'} (${withThousands(t.trainableParams)} trainable params, ${withThousands(t.frozenParams)} frozen)`,
    `why 2 × forward overstates the backward by ${withThousands(2n * t.forwardMacs - t.backwardMacs)} MACs:`,
    `  input gradients of the layers that read the network input (the image needs none): ${withThousands(s.networkInputGradients)}`,
    `  input gradients with no trainable parameter between the network input and the layer: ${withThousands(s.frozenPrefixInputGradients)}`,
    `  weight gradients of frozen layers: ${withThousands(s.frozenWeightGradients)}`,
    `  input gradients of first butterfly factors whose input needs none: ${withThousands(s.butterflyFirstFactors)}`,
  ];
  const ndn = explanation.approximations.find((a) => a.name === '6·N·D');
  if (ndn !== undefined && explanation.tokens !== undefined) {
    lines.push(
      `6·N·D (Kaplan et al. 2020) with N = ${withThousands(explanation.params)} params and D = ${explanation.tokens} tokens = ${withThousands(ndn.trainingMacs)} MACs: it leaves out the products of two activations (attention: ${withThousands(explanation.activationProductMacs)} MACs forward + backward here), and charges every parameter once per token although biases, norms and embeddings multiply nothing and a classifier on the class token sees one token; it also assumes every gradient is computed${explanation.fewestTokens !== undefined && explanation.fewestTokens < explanation.tokens ? `; and here the tokens fall from ${explanation.tokens} to ${explanation.fewestTokens} across stages (merged patches), while D counts the first stage's for every parameter` : ''}`,
    );
  }
  return lines;
}

function explanationJson(explanation: TrainingExplanation): object {
  const t = explanation.training.total;
  return {
    training: {
      freeze: explanation.training.selection.freeze ?? [],
      trainable: explanation.training.selection.trainable ?? [],
    },
    exact: { ...t, trainingFlops: flopsFromMacs(t.trainingMacs) },
    approximations: explanation.approximations,
    shortfall: explanation.shortfall,
    params: explanation.params,
    ...(explanation.tokens !== undefined ? { tokens: explanation.tokens } : {}),
    activationProductMacs: explanation.activationProductMacs,
    ...(explanation.fewestTokens !== undefined ? { fewestTokens: explanation.fewestTokens } : {}),
  };
}

/** Renders `explanation` of `title` (model and options) in `format`. */
export function formatTrainingExplanation(
  explanation: TrainingExplanation,
  title: string,
  format: ExplainFormat,
): string {
  switch (format) {
    case 'json':
      return stringifyExact({ model: title, ...explanationJson(explanation) });
    case 'csv':
      return renderTable(shortcutTable(explanation, false), 'csv');
    case 'table':
      // The title (model, parameters) and the --trainable/--freeze globs come from the user.
      return terminalLines(
        [
          `${title}: one training step, per sample — exact count and shortcuts`,
          '',
          renderTable(shortcutTable(explanation, true), 'table'),
          ...whyLines(explanation),
        ].join('\n') + '\n',
      );
    case 'markdown':
      return (
        [
          `## ${markdownLine(title)}: one training step, per sample — exact count and shortcuts`,
          '',
          renderTable(shortcutTable(explanation, true), 'markdown'),
          ...whyLines(explanation).map((l) =>
            l.startsWith('  ') ? `  - ${markdownLine(l.trim())}` : `- ${markdownLine(l)}`,
          ),
        ].join('\n') + '\n'
      );
    default:
      return assertNever(format, 'format');
  }
}
