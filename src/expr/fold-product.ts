import { evaluateExact, exactMath, fractionText, printMath, printNode, type Fraction, type MathNode } from './math.js';
import { freeSymbols } from './substitute.js';

/** A product term split into an exact rational coefficient and its symbolic factors. */
export interface FoldedProduct {
  readonly coefficient: Fraction;
  /** Symbolic factors, equal ones merged into powers, sorted; '' for a constant term. */
  readonly factors: string;
}

/**
 * Folds a product term cheaply and exactly (mathjs `simplify` is exponential on long sums and
 * rounds in floating point): flattens `*`, multiplies all constant factors into one exact
 * coefficient, cancels `(x / x)`, and merges equal symbolic factors into powers.
 * Example: `112 * 112 * w * (3 / 1) * 3 * w` → {coefficient 112896, factors `w ^ 2`}.
 * O(size of the term).
 */
export function foldProduct(term: string): FoldedProduct {
  let coefficient = exactMath.fraction(1);
  const counts = new Map<string, number>();
  const visit = (node: MathNode): void => {
    const inner = printMath.isParenthesisNode(node) ? node.content : node;
    if (printMath.isOperatorNode(inner) && inner.op === '*' && inner.args.length === 2) {
      inner.args.forEach(visit);
      return;
    }
    if (printMath.isOperatorNode(inner) && inner.op === '/' && inner.args.length === 2) {
      const [top, bottom] = inner.args;
      if (top !== undefined && bottom !== undefined) {
        if (printNode(top) === printNode(bottom) && freeSymbols(top).size > 0) return;
        if (freeSymbols(bottom).size === 0) {
          coefficient = exactMath.divide(coefficient, evaluateExact(printNode(bottom), {})) as Fraction;
          visit(top);
          return;
        }
      }
    }
    if (freeSymbols(inner).size === 0) {
      coefficient = exactMath.multiply(coefficient, evaluateExact(printNode(inner), {})) as Fraction;
      return;
    }
    const text = printNode(inner);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  };
  visit(foldConstants(printMath.parse(term)));
  const factors = [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([text, power]) => {
      const node = printMath.parse(text);
      const atom = printMath.isSymbolNode(node) || printMath.isFunctionNode(node) || printMath.isConstantNode(node);
      const base = atom ? text : `(${text})`;
      return power === 1 ? base : `${base} ^ ${power}`;
    })
    .join(' * ');
  return { coefficient, factors };
}

/** Prints coefficient · factors compactly (`3 * x`, `x`, `7`, `(1/2) * x`). */
export function printProduct(coefficient: Fraction, factors: string): string {
  const text = fractionText(coefficient);
  const coefficientText = text.includes('/') ? `(${text})` : text;
  if (factors === '') return text;
  return text === '1' ? factors : `${coefficientText} * ${factors}`;
}

/**
 * Replaces every maximal constant subtree (no free symbols) by its exact value, e.g.
 * `ceil_log(min(1024, 512), k)` → `ceil_log(512, k)`. O(size of the expression).
 */
export function foldConstants(node: MathNode): MathNode {
  return node.transform((child, _path, parent) => {
    if (printMath.isConstantNode(child) || printMath.isSymbolNode(child)) return child;
    if (parent !== null && printMath.isFunctionNode(parent) && parent.fn === child) return child;
    if (freeSymbols(child).size > 0) return child;
    const text = fractionText(evaluateExact(printNode(child), {}));
    return text.includes('/') ? new printMath.ParenthesisNode(printMath.parse(text)) : printMath.parse(text);
  });
}
