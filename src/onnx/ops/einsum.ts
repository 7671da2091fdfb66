/**
 * Einsum of one or two operands (the forms exports use: `bhid,bhjd->bhij` for attention scores,
 * `bhij,bhjd->bhid`, `btd,de->bte` or `...d,ed->...e` for a token-wise Linear). Every letter has
 * one size (a size-1 dim broadcasts); `...` stands for the same trailing-aligned dims in every
 * term; without `->` the output is the ellipsis, then the letters used once, in alphabetical order.
 *
 * Two operands are a product like MatMul (`linear.ts`): the letters in both operands and the
 * output are its batch, those in both but not the output are contracted (k), those of one operand
 * only and the output are its rows (m) or columns (n): batch·m·k·n MACs. A letter of one operand
 * that is neither in the other nor in the output is summed before the product (adds, no MACs).
 * An activation × weight without batch letters in the weight is a token-wise Linear (a 1×1 conv
 * over the rows); any other product with a weight is a `matmul` (its weight's values still counted
 * as parameters by the importer). One operand (a transpose, a diagonal, a sum) moves data: 0 MACs.
 * Three or more operands are refused: their cost depends on an evaluation order the file does
 * not state.
 */
import type { OpContext, OpRule } from '../op-rule.js';
import { elementCount, isActivation, type TensorValue } from '../tensor-value.js';
import { product } from './linear.js';

/** The equation's terms with every `...` replaced by one private symbol per covered dim. */
interface ParsedEquation {
  readonly inputs: readonly (readonly string[])[];
  readonly output: readonly string[];
}

const LETTER = /^[A-Za-z]$/;

/** Parses and expands `equation` for operands of the given ranks; fails with the node's context. */
export function parseEinsum(context: OpContext, equation: string, ranks: readonly number[]): ParsedEquation {
  const text = equation.replace(/\s+/g, '');
  const [lhs = '', rhs, extra] = text.split('->');
  if (extra !== undefined) context.fail(`equation "${equation}" has two "->"`, 'one "->" at most');
  const terms = lhs.split(',');
  if (terms.length !== ranks.length)
    context.fail(
      `equation "${equation}" has ${terms.length} input terms for ${ranks.length} inputs`,
      'one term per input',
    );
  const split = (term: string, where: string): string[] => {
    const parts = term.split('...');
    if (parts.length > 2) context.fail(`${where} "${term}" has more than one "..."`, 'at most one ellipsis per term');
    for (const part of parts)
      for (const c of part)
        if (!LETTER.test(c)) context.fail(`${where} "${term}" has "${c}"`, 'letters a–z, A–Z and "..."');
    return parts.length === 2 ? [...(parts[0] ?? ''), '...', ...(parts[1] ?? '')] : [...term];
  };
  const raw = terms.map((t, i) => split(t, `term ${i + 1}`));
  const covered = raw.map((term, i) => {
    const letters = term.filter((c) => c !== '...').length;
    const rank = ranks[i] ?? 0;
    if (term.includes('...') ? letters > rank : letters !== rank) {
      context.fail(
        `term "${terms[i]}" has ${letters} letters for input ${i} of rank ${rank}`,
        `${rank} letters${term.includes('...') ? ' at most' : ''}`,
      );
    }
    return term.includes('...') ? rank - letters : 0;
  });
  const widest = Math.max(0, ...covered);
  const ellipsis = Array.from({ length: widest }, (_, i) => `…${i}`);
  const expand = (term: readonly string[], count: number): string[] =>
    term.flatMap((c) => (c === '...' ? ellipsis.slice(widest - count) : [c]));
  const inputs = raw.map((term, i) => expand(term, covered[i] ?? 0));
  let output: string[];
  if (rhs !== undefined) {
    output = expand(split(rhs, 'output'), widest);
    for (const c of output)
      if (!inputs.some((term) => term.includes(c)))
        context.fail(`output letter "${c}" is in no input term`, 'output letters taken from the inputs');
    if (new Set(output).size !== output.length)
      context.fail(`output "${rhs}" repeats a letter`, 'each output letter once');
  } else {
    const uses = new Map<string, number>();
    for (const term of inputs) for (const c of term) if (!c.startsWith('…')) uses.set(c, (uses.get(c) ?? 0) + 1);
    output = [
      ...ellipsis,
      ...[...uses]
        .filter(([, n]) => n === 1)
        .map(([c]) => c)
        .sort(),
    ];
  }
  return { inputs, output };
}

/** Each symbol's size (a 1 broadcasts); fails on two different sizes > 1. */
function symbolSizes(
  context: OpContext,
  parsed: ParsedEquation,
  operands: readonly TensorValue[],
): Map<string, number> {
  const sizes = new Map<string, number>();
  parsed.inputs.forEach((term, i) => {
    term.forEach((symbol, axis) => {
      const size = operands[i]?.dims[axis] ?? 1;
      const known = sizes.get(symbol);
      if (known !== undefined && known !== size && known !== 1 && size !== 1) {
        context.fail(
          `"${symbol.startsWith('…') ? '...' : symbol}" is ${known} in one place and ${size} in another`,
          'one size per letter (or 1, which broadcasts)',
        );
      }
      sizes.set(symbol, Math.max(known ?? 1, size));
    });
  });
  return sizes;
}

export const einsumRule: OpRule = {
  infer(context) {
    const operands = context.inputs.map((value, i) => value ?? context.input(i, `input ${i}`));
    if (operands.length === 0 || operands.length > 2) {
      context.fail(
        `Einsum of ${operands.length} operands`,
        'one or two operands (the cost of more depends on an evaluation order the file does not state)',
      );
    }
    const parsed = parseEinsum(
      context,
      context.string('equation'),
      operands.map((o) => o.dims.length),
    );
    const sizes = symbolSizes(context, parsed, operands);
    const size = (symbols: Iterable<string>) => elementCount([...symbols].map((s) => sizes.get(s) ?? 1));
    const dims = parsed.output.map((s) => sizes.get(s) ?? 1);
    const [first, second] = operands;
    if (first === undefined) return [];
    if (second === undefined) {
      const base: TensorValue = { dims, elemType: first.elemType };
      return [first.tensor !== undefined ? { ...base, tensor: first.tensor } : base];
    }
    // The activation first, so that activation × weight reads as a token-wise Linear.
    const swap = !isActivation(first) && isActivation(second);
    const [a, b] = swap ? [second, first] : [first, second];
    const [termA = [], termB = []] = swap ? [parsed.inputs[1], parsed.inputs[0]] : [parsed.inputs[0], parsed.inputs[1]];
    const inA = new Set(termA);
    const inB = new Set(termB);
    const out = new Set(parsed.output);
    const batch = [...inA].filter((s) => inB.has(s) && out.has(s));
    const contracted = [...inA].filter((s) => inB.has(s) && !out.has(s));
    const rows = [...inA].filter((s) => !inB.has(s) && out.has(s));
    const columns = [...inB].filter((s) => !inA.has(s) && out.has(s));
    const m = size(rows);
    const k = size(contracted);
    const n = size(columns);
    const batchSize = size(batch);
    // A weight with batch letters, or with letters summed away, is no Linear: count it as a product.
    const linearWeight =
      !isActivation(b) && batch.length === 0 && termB.every((s) => contracted.includes(s) || columns.includes(s));
    if (isActivation(a) && !isActivation(b) && !linearWeight) {
      return [
        context.emit({
          layer: { kind: 'matmul', batch: perSampleBatch(context, batchSize * m, m), m, k, n },
          reads: [a],
          dims,
        }),
      ];
    }
    return [product(context, a, b, { batch: batchSize, m, k, n, rows: batchSize * m }, dims, false, false)];
  },
};

/** The batch per sample of `rowsTotal` product rows in groups of m (fails when the samples do not divide it). */
function perSampleBatch(context: OpContext, rowsTotal: number, m: number): number {
  if (rowsTotal % context.samples !== 0 || (rowsTotal / context.samples) % m !== 0) {
    context.fail(
      `${rowsTotal} product rows do not split evenly over ${context.samples} images`,
      "a batch that is a multiple of the image input's first dim",
    );
  }
  return rowsTotal / context.samples / m;
}
