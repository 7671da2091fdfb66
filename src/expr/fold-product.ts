import {
  evaluateExact,
  evaluateExactValue,
  exactMath,
  fractionText,
  parseForPrint,
  printMath,
  printNode,
  type Fraction,
  type MathNode,
} from './math.js';
import { freeSymbols } from './substitute.js';
import { compareValues } from '../text/compare.js';

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
  visit(foldConstants(parseForPrint(term)));
  const factors = [...counts.entries()]
    .sort(([a], [b]) => compareValues(a, b))
    .map(([text, power]) => {
      const node = parseForPrint(text);
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
    const value = evaluateExactValue(printNode(child), {});
    if (typeof value !== 'object') return new printMath.ConstantNode(value);
    const text = fractionText(value);
    return text.includes('/') ? new printMath.ParenthesisNode(parseForPrint(text)) : parseForPrint(text);
  });
}

/**
 * Collects like terms of a sum exactly: each term (of `+`, binary and unary `-`) is folded with
 * `foldProduct` and terms with the same symbolic factors are merged by adding coefficients.
 * Keeps symbolic dimensions from growing when a network splits a tensor and merges it again
 * (`c/2 + c/2` → `c`), which would otherwise double an expression per unit. Terms keep their
 * first-seen order. O(size of the expression).
 */
export function foldSum(expression: string): string {
  const terms: { sign: 1 | -1; node: MathNode }[] = [];
  const visit = (node: MathNode, sign: 1 | -1): void => {
    const inner = printMath.isParenthesisNode(node) ? node.content : node;
    if (printMath.isOperatorNode(inner) && (inner.op === '+' || inner.op === '-') && inner.args.length === 2) {
      const [left, right] = inner.args;
      if (left !== undefined && right !== undefined) {
        visit(left, sign);
        visit(right, inner.op === '+' ? sign : sign === 1 ? -1 : 1);
        return;
      }
    }
    if (printMath.isOperatorNode(inner) && inner.op === '-' && inner.args.length === 1 && inner.args[0] !== undefined) {
      visit(inner.args[0], sign === 1 ? -1 : 1);
      return;
    }
    terms.push({ sign, node: inner });
  };
  visit(parseForPrint(expression), 1);
  const groups = new Map<string, Fraction>();
  for (const { sign, node } of terms) {
    const folded = foldProduct(printNode(node));
    const signed = sign === 1 ? folded.coefficient : exactMath.unaryMinus<Fraction>(folded.coefficient);
    const previous = groups.get(folded.factors);
    groups.set(folded.factors, previous === undefined ? signed : exactMath.add<Fraction>(previous, signed));
  }
  const parts: string[] = [];
  for (const [factors, coefficient] of groups) {
    if (fractionText(coefficient) === '0') continue;
    const negative = fractionText(coefficient).startsWith('-');
    const magnitude = negative ? exactMath.unaryMinus<Fraction>(coefficient) : coefficient;
    const text = printProduct(magnitude, factors);
    parts.push(parts.length === 0 ? (negative ? `-${text}` : text) : `${negative ? '-' : '+'} ${text}`);
  }
  return parts.length === 0 ? '0' : parts.join(' ');
}
