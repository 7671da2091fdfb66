/**
 * The fast exact evaluator: evaluates trees of `exact-parse.ts` on exact rationals, truth
 * values and texts, with the semantics of mathjs in Fraction mode (`exactMath` in `math.ts`)
 * for the subset it knows, and `Unsupported` everywhere else. It needs no mathjs, so counting a
 * network does not pay for loading it.
 *
 * Semantics (each checked against mathjs by `test/expr/exact-eval.test.ts`):
 * - + − · / ^ on rationals; ^ only with an integer exponent; division by zero throws;
 * - == != < <= > >= on two rationals give a truth value;
 * - and, or, not on truth values (mathjs refuses rationals there);
 * - c ? a : b with a truth value or a text (non-empty is true) as condition; only the chosen
 *   branch is evaluated;
 * - ceil, floor, round (halves toward +∞), min, max (two or more arguments), equalText,
 *   ceil_log, sopfr, make_divisible (`integer-functions.ts`).
 * Everything else (booleans in arithmetic, strings compared with ==, pi, other functions …)
 * throws `Unsupported`, and callers evaluate with mathjs instead.
 */
import { ceilLog, makeDivisible, sumOfPrimeFactors } from './integer-functions.js';
import { parseExact, Unsupported, type ExactScalar, type ExprNode } from './exact-parse.js';
import {
  add,
  ceil,
  compare,
  divide,
  floor,
  isRational,
  MagnitudeError,
  multiply,
  negate,
  numberToRational,
  power,
  rational,
  subtract,
  toBigInt,
  type Rational,
} from './rational.js';

/** Looks a name up; undefined when it is not bound. */
export type Lookup = (name: string) => ExactScalar | undefined;

function asRational(value: ExactScalar): Rational {
  if (!isRational(value)) throw new Unsupported('not a rational');
  return value;
}

function asBoolean(value: ExactScalar): boolean {
  if (typeof value !== 'boolean') throw new Unsupported('not a truth value');
  return value;
}

function asInteger(value: ExactScalar, fn: string): bigint {
  const integer = toBigInt(asRational(value));
  if (integer === undefined) throw new RangeError(`${fn} needs integer arguments`);
  return integer;
}

const HALF = rational(1n, 2n);

/** Maximum |exponent| evaluated here (larger powers are left to mathjs). */
const MAX_EXPONENT = 4096n;

function operator(fn: string, args: readonly ExactScalar[]): ExactScalar {
  const [a, b] = args;
  if (a === undefined) throw new Unsupported('missing operand');
  if (b === undefined) {
    if (fn === 'unaryMinus') return negate(asRational(a));
    if (fn === 'unaryPlus') return asRational(a);
    if (fn === 'not') return !asBoolean(a);
    throw new Unsupported(fn);
  }
  switch (fn) {
    case 'add':
      return add(asRational(a), asRational(b));
    case 'subtract':
      return subtract(asRational(a), asRational(b));
    case 'multiply':
      return multiply(asRational(a), asRational(b));
    case 'divide':
      return divide(asRational(a), asRational(b));
    case 'pow': {
      const base = asRational(a);
      const exponent = toBigInt(asRational(b));
      if (exponent === undefined || exponent > MAX_EXPONENT || exponent < -MAX_EXPONENT)
        throw new Unsupported('exponent');
      if (exponent < 0n && base.numerator === 0n) throw new RangeError('Division by Zero');
      return power(base, exponent);
    }
    case 'equal':
      return compare(asRational(a), asRational(b)) === 0;
    case 'unequal':
      return compare(asRational(a), asRational(b)) !== 0;
    case 'smaller':
      return compare(asRational(a), asRational(b)) < 0;
    case 'larger':
      return compare(asRational(a), asRational(b)) > 0;
    case 'smallerEq':
      return compare(asRational(a), asRational(b)) <= 0;
    case 'largerEq':
      return compare(asRational(a), asRational(b)) >= 0;
    case 'and':
      return asBoolean(a) && asBoolean(b);
    case 'or':
      return asBoolean(a) || asBoolean(b);
    default:
      throw new Unsupported(fn);
  }
}

function call(name: string, args: readonly ExactScalar[]): ExactScalar {
  const [a, b, c] = args;
  const count = args.length;
  switch (name) {
    case 'ceil':
      if (count === 1 && a !== undefined) return ceil(asRational(a));
      break;
    case 'floor':
      if (count === 1 && a !== undefined) return floor(asRational(a));
      break;
    case 'round':
      if (count === 1 && a !== undefined) return floor(add(asRational(a), HALF));
      break;
    case 'min':
    case 'max':
      if (count >= 2) {
        const values = args.map(asRational);
        return values.reduce((best, value) => {
          const order = compare(value, best);
          return (name === 'min' ? order < 0 : order > 0) ? value : best;
        });
      }
      break;
    case 'equalText':
      if (count === 2 && typeof a === 'string' && typeof b === 'string') return a === b;
      break;
    case 'ceil_log':
      if (count === 2 && a !== undefined && b !== undefined)
        return rational(ceilLog(asInteger(a, 'ceil_log'), asInteger(b, 'ceil_log')));
      break;
    case 'sopfr':
      if (count === 1 && a !== undefined) return rational(sumOfPrimeFactors(asInteger(a, 'sopfr')));
      break;
    case 'make_divisible':
      if (count >= 1 && count <= 3 && a !== undefined) {
        const value = asRational(a);
        const divisor = b === undefined ? 8n : asInteger(b, 'make_divisible');
        const minValue = c === undefined ? divisor : asInteger(c, 'make_divisible');
        return rational(makeDivisible(value.numerator, value.denominator, divisor, minValue));
      }
      break;
    default:
      break;
  }
  throw new Unsupported(`function ${name}`);
}

/** Names of the functions `evaluateNode` knows. */
export const FAST_FUNCTIONS: ReadonlySet<string> = new Set([
  'ceil',
  'floor',
  'round',
  'min',
  'max',
  'equalText',
  'ceil_log',
  'sopfr',
  'make_divisible',
]);

/**
 * Evaluates `node` with names from `lookup`. Throws `Unsupported` outside the subset (unbound
 * names included) and RangeError for mathematical errors (division by zero, ceil_log(0, 2) …).
 * O(size of the tree) plus the cost of the big-integer arithmetic.
 */
export function evaluateNode(node: ExprNode, lookup: Lookup): ExactScalar {
  switch (node.type) {
    case 'constant':
      return node.value;
    case 'symbol': {
      const value = lookup(node.name);
      if (value === undefined) throw new Unsupported(`unbound ${node.name}`);
      return value;
    }
    case 'parenthesis':
      return evaluateNode(node.content, lookup);
    case 'operator':
      return operator(
        node.fn,
        node.args.map((arg) => evaluateNode(arg, lookup)),
      );
    case 'function':
      // a bound name shadows the function in mathjs ("'min' is not a function")
      if (lookup(node.name) !== undefined || !FAST_FUNCTIONS.has(node.name))
        throw new Unsupported(`function ${node.name}`);
      return call(
        node.name,
        node.args.map((arg) => evaluateNode(arg, lookup)),
      );
    case 'conditional': {
      const condition = evaluateNode(node.condition, lookup);
      let truth: boolean;
      if (typeof condition === 'boolean') truth = condition;
      else if (typeof condition === 'string') truth = condition.length > 0;
      else throw new Unsupported('condition');
      return evaluateNode(truth ? node.trueExpr : node.falseExpr, lookup);
    }
  }
}

/** A function defined in an architecture file, as the fast evaluator sees it. */
export interface FastFunction {
  readonly params: readonly string[];
  /** Body with the functions defined before it already inlined. */
  readonly body: ExprNode;
}

/**
 * Replaces calls of `functions` by their bodies with the arguments put in for the parameters
 * (each argument in parentheses, as `scope.ts` does on mathjs trees). Throws `Unsupported` on a
 * call with the wrong number of arguments, on a function mapped to undefined and on calls of
 * functions `evaluateNode` does not know, so that the mathjs path reports those as before.
 */
export function inlineCalls(node: ExprNode, functions: ReadonlyMap<string, FastFunction | undefined>): ExprNode {
  switch (node.type) {
    case 'constant':
    case 'symbol':
      return node;
    case 'parenthesis':
      return { type: 'parenthesis', content: inlineCalls(node.content, functions) };
    case 'operator':
      return { ...node, args: node.args.map((arg) => inlineCalls(arg, functions)) };
    case 'conditional':
      return {
        type: 'conditional',
        condition: inlineCalls(node.condition, functions),
        trueExpr: inlineCalls(node.trueExpr, functions),
        falseExpr: inlineCalls(node.falseExpr, functions),
      };
    case 'function': {
      const args = node.args.map((arg) => inlineCalls(arg, functions));
      if (!functions.has(node.name)) {
        if (!FAST_FUNCTIONS.has(node.name)) throw new Unsupported(`function ${node.name}`);
        return { type: 'function', name: node.name, args };
      }
      // a function of the file whose body is outside the subset (undefined) is left to mathjs
      const fn = functions.get(node.name);
      if (fn === undefined) throw new Unsupported(`function ${node.name}`);
      if (args.length !== fn.params.length) throw new Unsupported(`arity of ${node.name}`);
      const bound = new Map<string, ExprNode>();
      fn.params.forEach((param, i) => {
        const arg = args[i];
        if (arg !== undefined) bound.set(param, { type: 'parenthesis', content: arg });
      });
      return { type: 'parenthesis', content: replaceSymbols(fn.body, bound) };
    }
  }
}

function replaceSymbols(node: ExprNode, bound: ReadonlyMap<string, ExprNode>): ExprNode {
  switch (node.type) {
    case 'constant':
      return node;
    case 'symbol':
      return bound.get(node.name) ?? node;
    case 'parenthesis':
      return { type: 'parenthesis', content: replaceSymbols(node.content, bound) };
    case 'operator':
    case 'function':
      return { ...node, args: node.args.map((arg) => replaceSymbols(arg, bound)) };
    case 'conditional':
      return {
        type: 'conditional',
        condition: replaceSymbols(node.condition, bound),
        trueExpr: replaceSymbols(node.trueExpr, bound),
        falseExpr: replaceSymbols(node.falseExpr, bound),
      };
  }
}

/** A mathjs Fraction as fraction.js stores it (sign, numerator, denominator as bigints). */
interface FractionLike {
  readonly s: bigint;
  readonly n: bigint;
  readonly d: bigint;
}

/** A value callers may bind a name to: exact, a plain number (read as its decimal text), a truth value or a text. */
export type ScopeInput = Rational | FractionLike | number | bigint | string | boolean;

/** The exact scalar of a scope value (0.75 → 3/4). Throws RangeError for a non-finite number. */
export function toScalar(value: ScopeInput): ExactScalar {
  if (typeof value === 'number') return numberToRational(value);
  if (typeof value === 'bigint') return rational(value);
  if (typeof value === 'string' || typeof value === 'boolean' || isRational(value)) return value;
  return rational(value.s * value.n, value.d);
}

/**
 * Evaluates `expression` with the fast evaluator, or returns undefined when it cannot (text
 * outside the subset, a name it does not see bound, or any error — the caller then evaluates
 * with mathjs, which gives the value or the error message it always gave).
 */
export function tryEvaluateText(
  expression: string,
  scope: Readonly<Record<string, ScopeInput>> | ReadonlyMap<string, ScopeInput>,
): ExactScalar | undefined {
  try {
    const node = parseExact(expression);
    const lookup: Lookup =
      scope instanceof Map
        ? (name) => {
            const value = (scope as ReadonlyMap<string, ScopeInput>).get(name);
            return value === undefined ? undefined : toScalar(value);
          }
        : (name) => {
            const record = scope as Readonly<Record<string, ScopeInput>>;
            const value = Object.hasOwn(record, name) ? record[name] : undefined;
            return value === undefined ? undefined : toScalar(value);
          };
    return evaluateNode(node, lookup);
  } catch (error) {
    // Too large a value is an answer: mathjs would only take longer to reach it.
    if (error instanceof MagnitudeError) throw error;
    return undefined;
  }
}
