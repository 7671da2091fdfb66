import {
  evaluateExactValue,
  fractionParts,
  fractionToBigInt,
  parseForPrint,
  printMath,
  printNode,
  type MathNode,
} from './math.js';
import { foldSum } from './fold-product.js';
import { freeSymbols } from './substitute.js';

/**
 * Rewrites a count formula so it reads like one, with identities that hold for every real value
 * of the free symbols (so no assumption on the parameters is needed):
 * - `c ? a : b` with a constant condition c → the chosen branch (`(true ? 24 : …)` → `24`);
 * - `x / 1` → `x`; parentheses around an atom dropped;
 * - sums folded exactly (`r + 6 - 7` → `r - 1`, see `foldSum`);
 * - `floor(t)` / `ceil(t)` of an integer-valued t (integer constants, floor, ceil and their sums
 *   and products) → t;
 * - nested division: `f((f(u / e) + c) / d)` → `f((u + c·e) / (d·e))` for f = floor or ceil,
 *   integers c and d, e ≥ 1 — because f(f(z)/d) = f(z/d) for real z and integer d ≥ 1, and
 *   f(z) + c = f(z + c) for integer c. So `ceil(ceil(ceil(r/2)/2)/2)` → `ceil(r / 8)`.
 * Repeated to a fixed point. O(size² ) at worst; formulas are small.
 */
export function simplifyInteger(expression: string): string {
  let text = expression;
  for (let round = 0; round < 50; round++) {
    const next = printNode(simplifyNode(parseForPrint(text)));
    if (next === text) return text;
    text = next;
  }
  return text;
}

const unwrap = (node: MathNode): MathNode => (printMath.isParenthesisNode(node) ? unwrap(node.content) : node);

/** The exact integer value of a constant node (no free symbols), else undefined. */
function integerConstant(node: MathNode): bigint | undefined {
  if (freeSymbols(node).size > 0) return undefined;
  try {
    const value = evaluateExactValue(printNode(node), {});
    return typeof value === 'object' ? fractionToBigInt(value) : undefined;
  } catch {
    return undefined;
  }
}

const isRounding = (node: MathNode): node is MathNode & { fn: { name: string }; args: MathNode[] } =>
  printMath.isFunctionNode(node) && (node.fn.name === 'floor' || node.fn.name === 'ceil') && node.args.length === 1;

/** True when the node's value is an integer for every value of its symbols. */
function integerValued(node: MathNode): boolean {
  const inner = unwrap(node);
  if (integerConstant(inner) !== undefined) return true;
  if (isRounding(inner)) return true;
  if (printMath.isFunctionNode(inner) && ['make_divisible', 'ceil_log', 'sopfr'].includes(inner.fn.name)) return true;
  if (printMath.isOperatorNode(inner) && ['+', '-', '*'].includes(inner.op)) return inner.args.every(integerValued);
  return false;
}

/** The terms of a sum with their signs. */
function sumTerms(
  node: MathNode,
  sign: 1 | -1 = 1,
  out: { sign: 1 | -1; node: MathNode }[] = [],
): { sign: 1 | -1; node: MathNode }[] {
  const inner = unwrap(node);
  if (printMath.isOperatorNode(inner) && (inner.op === '+' || inner.op === '-') && inner.args.length === 2) {
    const [left, right] = inner.args as [MathNode, MathNode];
    sumTerms(left, sign, out);
    sumTerms(right, inner.op === '+' ? sign : sign === 1 ? -1 : 1, out);
  } else if (printMath.isOperatorNode(inner) && inner.op === '-' && inner.args.length === 1) {
    sumTerms(inner.args[0] as MathNode, sign === 1 ? -1 : 1, out);
  } else {
    out.push({ sign, node: inner });
  }
  return out;
}

/** f((f(u / e) + c) / d) → f((u + c·e) / (d·e)); undefined when the pattern does not match. */
function mergeNestedRounding(name: string, argument: MathNode): MathNode | undefined {
  const inner = unwrap(argument);
  if (!printMath.isOperatorNode(inner) || inner.op !== '/' || inner.args.length !== 2) return undefined;
  const [top, bottom] = inner.args as [MathNode, MathNode];
  const d = integerConstant(bottom);
  if (d === undefined || d < 1n) return undefined;
  let rounding: MathNode | undefined;
  let c = 0n;
  for (const term of sumTerms(top)) {
    const constant = integerConstant(term.node);
    if (constant !== undefined) {
      c += term.sign === 1 ? constant : -constant;
      continue;
    }
    if (rounding !== undefined || term.sign !== 1 || !isRounding(term.node) || term.node.fn.name !== name)
      return undefined;
    rounding = term.node;
  }
  if (rounding === undefined || !isRounding(rounding)) return undefined;
  const roundingArgument = unwrap(rounding.args[0] as MathNode);
  let u: MathNode = roundingArgument;
  let e = 1n;
  if (printMath.isOperatorNode(roundingArgument) && roundingArgument.op === '/' && roundingArgument.args.length === 2) {
    const divisor = integerConstant(roundingArgument.args[1] as MathNode);
    if (divisor !== undefined && divisor >= 1n) {
      u = roundingArgument.args[0] as MathNode;
      e = divisor;
    }
  }
  const shift = c * e;
  const numerator = shift === 0n ? printNode(u) : foldSum(`(${printNode(u)}) + (${shift})`);
  return parseForPrint(`${name}((${numerator}) / ${d * e})`);
}

function simplifyNode(root: MathNode): MathNode {
  return root.transform((node) => {
    if (printMath.isConditionalNode(node) && freeSymbols(node.condition).size === 0) {
      try {
        const value = evaluateExactValue(printNode(node.condition), {});
        if (typeof value === 'boolean') return simplifyNode(value ? node.trueExpr : node.falseExpr);
      } catch {
        /* leave it */
      }
    }
    if (printMath.isParenthesisNode(node)) {
      const content = unwrap(node);
      if (printMath.isSymbolNode(content) || printMath.isConstantNode(content) || printMath.isFunctionNode(content))
        return simplifyNode(content);
      return new printMath.ParenthesisNode(simplifyNode(content));
    }
    if (
      printMath.isOperatorNode(node) &&
      node.op === '/' &&
      node.args.length === 2 &&
      integerConstant(node.args[1] as MathNode) === 1n
    ) {
      return simplifyNode(node.args[0] as MathNode);
    }
    if (isRounding(node)) {
      const argument = simplifyNode(node.args[0] as MathNode);
      if (integerValued(argument)) return unwrap(argument);
      return mergeNestedRounding(node.fn.name, argument) ?? new printMath.FunctionNode(node.fn.name, [argument]);
    }
    if (printMath.isOperatorNode(node) && (node.op === '+' || node.op === '-') && freeSymbols(node).size > 0) {
      const terms = sumTerms(node);
      if (terms.filter((term) => integerConstant(term.node) !== undefined).length >= 2) {
        const folded = parseForPrint(foldSum(printNode(node)));
        return new printMath.ParenthesisNode(folded);
      }
    }
    return node;
  });
}

/** Exported for tests: whether `exactMath` agrees a rewritten formula equals the original at a point. */
export function sameAt(a: string, b: string, scope: Readonly<Record<string, number>>): boolean {
  const x = evaluateExactValue(a, scope);
  const y = evaluateExactValue(b, scope);
  if (typeof x === 'object' && typeof y === 'object') {
    const [p, q] = [fractionParts(x), fractionParts(y)];
    return p.numerator * q.denominator === q.numerator * p.denominator;
  }
  return x === y;
}
