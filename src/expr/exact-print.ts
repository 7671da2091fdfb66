/**
 * Prints trees of `exact-parse.ts` exactly as mathjs prints the same expression with
 * `printNode` (`expr/math.ts`: parentheses kept as written, `a * b` with spaces, calls as
 * `f(a, b)`), and substitutes integers for names — `count`'s "substituted" column — without
 * loading mathjs. The parenthesis rule is mathjs's: a parenthesis the text has is kept, and one
 * is added where an operand binds less tightly than its operator (`2 ^ (-3)`).
 */
import { parseExact, Unsupported, type ExprNode } from './exact-parse.js';

/** mathjs's precedence levels (index into its operator table) of the operators of the subset. */
const PRECEDENCE: Readonly<Record<string, number>> = {
  or: 2,
  and: 4,
  equal: 8,
  unequal: 8,
  smaller: 8,
  larger: 8,
  smallerEq: 8,
  largerEq: 8,
  add: 12,
  subtract: 12,
  multiply: 13,
  divide: 13,
  unaryPlus: 15,
  unaryMinus: 15,
  not: 15,
  pow: 16,
};
const CONDITIONAL_PRECEDENCE = 1;

/** Operators a left-associative operator is associative with (mathjs's `associativeWith`). */
const ASSOCIATIVE_WITH: Readonly<Record<string, readonly string[]>> = {
  add: ['add', 'subtract'],
  multiply: ['multiply', 'divide'],
};

function precedence(node: ExprNode): number | null {
  if (node.type === 'operator') return PRECEDENCE[node.fn] ?? null;
  if (node.type === 'conditional') return CONDITIONAL_PRECEDENCE;
  return null;
}

function associativeWith(root: ExprNode & { type: 'operator' }, other: ExprNode): boolean {
  return other.type === 'operator' && (ASSOCIATIVE_WITH[root.fn] ?? []).includes(other.fn);
}

function operatorParentheses(root: ExprNode & { type: 'operator' }): boolean[] {
  const own = precedence(root);
  if (own === null) throw new Unsupported(root.fn);
  const [left, right] = root.args;
  if (right === undefined) {
    const operand = left === undefined ? null : precedence(left);
    return [operand !== null && operand <= own];
  }
  if (left === undefined) throw new Unsupported('operands');
  const rightAssociative = root.fn === 'pow';
  const lhs = precedence(left);
  const rhs = precedence(right);
  return [
    lhs !== null && ((lhs === own && rightAssociative && !associativeWith(root, left)) || lhs < own),
    rhs !== null && ((rhs === own && !rightAssociative && !associativeWith(root, right)) || rhs < own),
  ];
}

function constantText(node: ExprNode & { type: 'constant' }): string {
  const { value, text } = node;
  if (typeof value === 'boolean') return text;
  if (typeof value === 'string') {
    if (/["\\]/.test(value)) throw new Unsupported('string');
    return `"${value}"`;
  }
  // mathjs prints the float of the literal; integers up to 2^53 without leading zeros print as written
  if (!/^(0|[1-9]\d*)$/.test(text) || !Number.isSafeInteger(Number(text))) throw new Unsupported('constant');
  return text;
}

/** The text mathjs's `printNode` gives for the same expression. Throws `Unsupported` outside the subset. */
export function printExact(node: ExprNode): string {
  switch (node.type) {
    case 'constant':
      return constantText(node);
    case 'symbol':
      return node.name;
    case 'parenthesis':
      return `(${printExact(node.content)})`;
    case 'function':
      return `${node.name}(${node.args.map(printExact).join(', ')})`;
    case 'conditional': {
      const part = (child: ExprNode) => {
        const text = printExact(child);
        const level = precedence(child);
        return child.type === 'operator' || (level !== null && level <= CONDITIONAL_PRECEDENCE) ? `(${text})` : text;
      };
      return `${part(node.condition)} ? ${part(node.trueExpr)} : ${part(node.falseExpr)}`;
    }
    case 'operator': {
      const parentheses = operatorParentheses(node);
      const texts = node.args.map((arg, i) => (parentheses[i] ? `(${printExact(arg)})` : printExact(arg)));
      if (texts.length === 1) return `${node.op}${/[a-zA-Z]/.test(node.op) ? ' ' : ''}${texts[0] ?? ''}`;
      return `${texts[0] ?? ''} ${node.op} ${texts[1] ?? ''}`;
    }
  }
}

function replaceNames(node: ExprNode, replacements: ReadonlyMap<string, ExprNode>): ExprNode {
  switch (node.type) {
    case 'constant':
      return node;
    case 'symbol':
      return replacements.get(node.name) ?? node;
    case 'parenthesis':
      return { type: 'parenthesis', content: replaceNames(node.content, replacements) };
    case 'operator':
    case 'function':
      return { ...node, args: node.args.map((arg) => replaceNames(arg, replacements)) };
    case 'conditional':
      return {
        type: 'conditional',
        condition: replaceNames(node.condition, replacements),
        trueExpr: replaceNames(node.trueExpr, replacements),
        falseExpr: replaceNames(node.falseExpr, replacements),
      };
  }
}

/**
 * `substitute(expression, bindings)` of `expr/substitute.ts` without mathjs: every free name with
 * a binding is replaced by the bound expression (in parentheses unless it is a constant, a name,
 * a call or already parenthesised) and the result printed as mathjs prints it. Throws
 * `Unsupported` when the expression or a binding is outside the subset, or a bound number is
 * not a non-negative integer.
 * Example: substituteText('k * m', {m: 'min(a, b)', k: 4}) = '4 * min(a, b)'.
 */
export function substituteText(expression: string, bindings: Readonly<Record<string, string | number>>): string {
  const replacements = new Map<string, ExprNode>();
  for (const [name, bound] of Object.entries(bindings)) {
    if (typeof bound === 'number' && (!Number.isSafeInteger(bound) || bound < 0)) throw new Unsupported('binding');
    const node = parseExact(`${bound}`);
    const atom =
      node.type === 'constant' || node.type === 'symbol' || node.type === 'function' || node.type === 'parenthesis';
    replacements.set(name, atom ? node : { type: 'parenthesis', content: node });
  }
  return printExact(replaceNames(parseExact(expression), replacements));
}
