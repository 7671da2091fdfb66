/**
 * Rendering of a checked formula (`butterflops formula`): text (the formula, its terms and the
 * check), LaTeX, or JSON. Pure and byte-stable.
 */
import type { CheckedFormula } from '../checks/checked-formula.js';
import { stringifyExact } from '../text/json.js';
import { withThousands } from '../text/numbers.js';
import { renderTable } from '../text/table.js';
import { describeConvention } from './convention-text.js';
import type { TrainingSelection } from '../model/training.js';

export const FORMULA_FORMATS = ['text', 'latex', 'json'] as const;
export type FormulaFormat = (typeof FORMULA_FORMATS)[number];

/** Renders `formula` in `format`. */
export function formatFormula(formula: CheckedFormula, format: FormulaFormat): string {
  const { network, quantity, total, at, value } = formula;
  if (format === 'json') {
    return stringifyExact({
      model: network.model,
      quantity,
      free: total.free,
      expression: total.expression,
      latex: total.latex,
      terms: total.terms,
      check: { at, value },
      ...(formula.training !== undefined ? { training: formula.training } : {}),
    });
  }
  if (format === 'latex') return `${total.latex}\n`;
  const pointText = Object.entries(at)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const lines = [
    `${network.model}: total ${quantity} as a function of ${total.free.join(', ')}`,
    `convention: ${describeConvention(formula.convention)}`,
    ...(formula.training !== undefined ? [`training step: ${trainingText(formula.training)}`] : []),
    '',
    `${quantity} = ${total.expression}`,
    '',
    renderTable(
      {
        columns: [{ header: 'count', align: 'right' }, { header: 'term' }, { header: 'layers' }],
        rows: total.terms.map((t) => [
          `${t.count}`,
          t.term,
          t.layers.length > 3 ? `${t.layers.slice(0, 3).join(', ')}, …` : t.layers.join(', '),
        ]),
      },
      'table',
    ),
    `check: at ${pointText} the formula gives ${withThousands(value)}, equal to the layer-by-layer count.`,
    'valid wherever the layer structure (which layers and branches exist) is the same as at that point.',
  ];
  return `${lines.join('\n')}\n`;
}

/** Which parameters a training step updates, in words. */
function trainingText(selection: TrainingSelection): string {
  const parts = [
    ...(selection.trainable !== undefined ? [`only layers matching ${selection.trainable.join(', ')} train`] : []),
    ...(selection.freeze !== undefined ? [`layers matching ${selection.freeze.join(', ')} frozen`] : []),
  ];
  return `${parts.length === 0 ? 'every parameter trains' : parts.join('; ')} (backward = the input and weight gradients autograd computes, per layer a whole multiple of its forward MACs)`;
}
