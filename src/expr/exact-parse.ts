/**
 * A small parser for the subset of mathjs expression syntax that architecture files and cost
 * formulas use, producing a tree shaped like mathjs's (constant, symbol, parenthesis, operator,
 * function call, conditional) so that `exact-print.ts` can print it exactly as mathjs would.
 *
 * Grammar (mathjs precedence, lowest first):
 *   conditional := or ('?' conditional ':' conditional)?
 *   or          := and ('or' and)*
 *   and         := relational ('and' relational)*
 *   relational  := additive (('==' | '!=' | '<' | '<=' | '>' | '>=') additive)?
 *   additive    := multiplicative (('+' | '-') multiplicative)*
 *   multiplicative := unary (('*' | '/') unary)*
 *   unary       := ('-' | '+' | 'not') unary | power
 *   power       := primary ('^' unary)?            (so ^ is right-associative and -2^2 = -(2^2))
 *   primary     := decimal | "text" | 'text' | true | false | name | name '(' args ')' | '(' conditional ')'
 *
 * Anything outside the subset (exponent notation, implicit multiplication, chained comparisons,
 * `%`/`mod`, matrices, units, assignments, newlines, escapes in strings …) throws `Unsupported`:
 * callers then use mathjs itself, which either understands the text or reports the error users
 * have always seen. The parser never accepts a text that mathjs would read differently.
 */
import { parseDecimal, type Rational } from './rational.js';

/** Thrown for syntax or semantics outside the fast subset; the caller falls back to mathjs. */
export class Unsupported extends Error {
  override readonly name = 'Unsupported';
}

/** The mathjs function name of each operator this subset knows (mathjs calls it `fn`). */
export const OPERATOR_FUNCTIONS = {
  '+': 'add',
  '-': 'subtract',
  '*': 'multiply',
  '/': 'divide',
  '^': 'pow',
  '==': 'equal',
  '!=': 'unequal',
  '<': 'smaller',
  '>': 'larger',
  '<=': 'smallerEq',
  '>=': 'largerEq',
  and: 'and',
  or: 'or',
} as const;

/** Unary operators and their mathjs function names. */
export const UNARY_FUNCTIONS = { '-': 'unaryMinus', '+': 'unaryPlus', not: 'not' } as const;

/** A value of the subset: an exact rational, a truth value or a text. */
export type ExactScalar = Rational | boolean | string;

/** A parsed expression; node types and fields follow mathjs's node classes. */
export type ExprNode =
  | { readonly type: 'constant'; readonly value: ExactScalar; readonly text: string }
  | { readonly type: 'symbol'; readonly name: string }
  | { readonly type: 'parenthesis'; readonly content: ExprNode }
  | { readonly type: 'operator'; readonly op: string; readonly fn: string; readonly args: readonly ExprNode[] }
  | { readonly type: 'function'; readonly name: string; readonly args: readonly ExprNode[] }
  | {
      readonly type: 'conditional';
      readonly condition: ExprNode;
      readonly trueExpr: ExprNode;
      readonly falseExpr: ExprNode;
    };

type Token =
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'string'; readonly text: string; readonly value: string }
  | { readonly kind: 'name'; readonly text: string }
  | { readonly kind: 'op'; readonly text: string }
  | { readonly kind: 'end'; readonly text: '' };

/** Words mathjs reads as operators or constants that this subset does not evaluate. */
const RESERVED = new Set(['xor', 'mod', 'to', 'in', 'null', 'undefined', 'NaN', 'Infinity', 'end']);
const OPERATORS = ['==', '!=', '<=', '>=', '+', '-', '*', '/', '^', '<', '>', '(', ')', ',', '?', ':'];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (/[0-9.]/.test(c)) {
      const match = /^(\d*\.?\d*)/.exec(text.slice(i));
      const number = match?.[1] ?? '';
      const next = text[i + number.length] ?? '';
      // exponent notation, a second point, a hex prefix or implicit multiplication: not ours
      if (number === '.' || number === '' || /[\w$.]/.test(next)) throw new Unsupported(`number at ${i}`);
      tokens.push({ kind: 'number', text: number });
      i += number.length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const name = /^[A-Za-z_]\w*/.exec(text.slice(i))?.[0] ?? '';
      const next = text[i + name.length] ?? '';
      if (/[$\u0080-\uffff]/.test(next) || RESERVED.has(name)) throw new Unsupported(`name at ${i}`);
      tokens.push({ kind: 'name', text: name });
      i += name.length;
      continue;
    }
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      const value = close < 0 ? '' : text.slice(i + 1, close);
      if (close < 0 || /[\\\n\r]/.test(value)) throw new Unsupported(`string at ${i}`);
      tokens.push({ kind: 'string', text: text.slice(i, close + 1), value });
      i = close + 1;
      continue;
    }
    const op = OPERATORS.find((candidate) => text.startsWith(candidate, i));
    // `<<`, `>>`, `^|`, `??`, `!`, `%`, `=`, `[`, `.` …: not ours
    if (op === undefined || /^(<<|>>|\^\||\?\?)/.test(text.slice(i))) throw new Unsupported(`character at ${i}`);
    tokens.push({ kind: 'op', text: op });
    i += op.length;
  }
  tokens.push({ kind: 'end', text: '' });
  return tokens;
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  private get token(): Token {
    return this.tokens[this.position] ?? { kind: 'end', text: '' };
  }

  private isOp(...texts: string[]): boolean {
    return (this.token.kind === 'op' || this.token.kind === 'name') && texts.includes(this.token.text);
  }

  private expect(text: string): void {
    if (!this.isOp(text)) throw new Unsupported(`expected ${text}`);
    this.position++;
  }

  parse(): ExprNode {
    const node = this.conditional();
    if (this.token.kind !== 'end') throw new Unsupported('trailing input');
    return node;
  }

  private conditional(): ExprNode {
    const condition = this.binary(['or'], () => this.binary(['and'], () => this.relational()));
    if (!this.isOp('?')) return condition;
    this.position++;
    const trueExpr = this.conditional();
    this.expect(':');
    const falseExpr = this.conditional();
    return { type: 'conditional', condition, trueExpr, falseExpr };
  }

  private binary(ops: readonly (keyof typeof OPERATOR_FUNCTIONS)[], next: () => ExprNode): ExprNode {
    let node = next();
    while (this.isOp(...ops)) {
      const op = this.token.text as keyof typeof OPERATOR_FUNCTIONS;
      this.position++;
      node = { type: 'operator', op, fn: OPERATOR_FUNCTIONS[op], args: [node, next()] };
    }
    return node;
  }

  private relational(): ExprNode {
    const left = this.binary(['+', '-'], () => this.binary(['*', '/'], () => this.unary()));
    if (!this.isOp('==', '!=', '<', '<=', '>', '>=')) return left;
    const op = this.token.text as '==';
    this.position++;
    const right = this.binary(['+', '-'], () => this.binary(['*', '/'], () => this.unary()));
    // a chain (a < b < c) is a RelationalNode in mathjs
    if (this.isOp('==', '!=', '<', '<=', '>', '>=')) throw new Unsupported('chained comparison');
    return { type: 'operator', op, fn: OPERATOR_FUNCTIONS[op], args: [left, right] };
  }

  private unary(): ExprNode {
    if (this.isOp('-', '+', 'not')) {
      const op = this.token.text as keyof typeof UNARY_FUNCTIONS;
      this.position++;
      return { type: 'operator', op, fn: UNARY_FUNCTIONS[op], args: [this.unary()] };
    }
    const base = this.primary();
    if (!this.isOp('^')) return base;
    this.position++;
    return { type: 'operator', op: '^', fn: 'pow', args: [base, this.unary()] };
  }

  private primary(): ExprNode {
    const token = this.token;
    this.position++;
    let node: ExprNode;
    if (token.kind === 'number') {
      const value = parseDecimal(token.text);
      if (value === undefined) throw new Unsupported('number');
      node = { type: 'constant', value, text: token.text };
    } else if (token.kind === 'string') {
      node = { type: 'constant', value: token.value, text: token.text };
    } else if (token.kind === 'name' && (token.text === 'true' || token.text === 'false')) {
      node = { type: 'constant', value: token.text === 'true', text: token.text };
    } else if (token.kind === 'name' && !['and', 'or', 'not'].includes(token.text)) {
      if (this.isOp('(')) {
        this.position++;
        const args: ExprNode[] = [];
        if (!this.isOp(')')) {
          args.push(this.conditional());
          while (this.isOp(',')) {
            this.position++;
            args.push(this.conditional());
          }
        }
        this.expect(')');
        node = { type: 'function', name: token.text, args };
      } else {
        node = { type: 'symbol', name: token.text };
      }
    } else if (token.kind === 'op' && token.text === '(') {
      const content = this.conditional();
      this.expect(')');
      node = { type: 'parenthesis', content };
    } else {
      throw new Unsupported('unexpected token');
    }
    // f(x)(y), (a)(b), 2 x …: implicit multiplication or accessors in mathjs
    const next = this.token;
    if (
      next.kind !== 'end' &&
      next.kind !== 'op' &&
      !(next.kind === 'name' && (next.text === 'and' || next.text === 'or'))
    ) {
      throw new Unsupported('implicit multiplication');
    }
    if (this.isOp('(')) throw new Unsupported('implicit multiplication');
    return node;
  }
}

const parsedCache = new Map<string, ExprNode | Unsupported>();

/**
 * Parses `text` into a tree, or throws `Unsupported` when the text is outside the subset.
 * Results (and refusals) are cached per text: O(length) the first time, O(1) after.
 */
export function parseExact(text: string): ExprNode {
  let entry = parsedCache.get(text);
  if (entry === undefined) {
    try {
      entry = new Parser(tokenize(text)).parse();
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      entry = error;
    }
    parsedCache.set(text, entry);
  }
  if (entry instanceof Unsupported) throw entry;
  return entry;
}

/** Names of the free symbols of `node` (not function names), in mathjs's traversal order. */
export function freeNames(node: ExprNode, names: Set<string> = new Set()): Set<string> {
  switch (node.type) {
    case 'symbol':
      names.add(node.name);
      break;
    case 'parenthesis':
      freeNames(node.content, names);
      break;
    case 'operator':
    case 'function':
      for (const arg of node.args) freeNames(arg, names);
      break;
    case 'conditional':
      freeNames(node.condition, names);
      freeNames(node.trueExpr, names);
      freeNames(node.falseExpr, names);
      break;
    case 'constant':
      break;
  }
  return names;
}
