/**
 * The two mathjs instances behind symbolic expressions in butterflops, loaded on first use.
 *
 * - `exactMath` (number: 'Fraction'): evaluates architecture expressions and cost formulas
 *   exactly on rationals (0.75 is 3/4), so a count is never a rounded float.
 * - `printMath` (plain numbers): parses, prints, renders LaTeX and simplifies symbolic
 *   expressions (its constants print as `8`, not `8/1`).
 *
 * Both know the integer helpers of `integer-functions.ts` under the names `ceil_log`,
 * `make_divisible` and `sopfr`. The built-in `log` is not exact and throws in `exactMath`.
 *
 * Loading mathjs takes about half a second, so it is not imported at start-up: the instances
 * are created (through the registered package loader, `lazy-package.ts`) the first time one of their properties
 * is read. Concrete evaluation (`evaluateExactValue`, `evaluateRational`) first tries the
 * mathjs-free evaluator of `exact-eval.ts` and uses mathjs only for what that one refuses.
 */
import type * as MathJs from 'mathjs';
import type { EvalFunction, Fraction, MathJsInstance, MathNode } from 'mathjs';
import { tryEvaluateText, type ScopeInput } from './exact-eval.js';
import { ceilLog, makeDivisible, sumOfPrimeFactors } from './integer-functions.js';
import { loadPackage } from './lazy-package.js';
import { decimalText, isRational, MagnitudeError, MAX_RATIONAL_BITS, rational, type Rational } from './rational.js';

export type { Fraction, MathNode };
export { decimalText };

interface Instances {
  readonly exact: MathJsInstance;
  readonly print: MathJsInstance;
}

let instances: Instances | undefined;

/** Loads mathjs and creates both instances (once). */
function loadInstances(): Instances {
  if (instances !== undefined) return instances;
  const mathjs = loadPackage<typeof MathJs>('mathjs');
  // mathjs types `all` as possibly undefined; it is always defined at run time.
  const all = mathjs.all!;
  const exact = mathjs.create(all, { number: 'Fraction' });
  const print = mathjs.create(all);
  registerHelpers(exact, print);
  instances = { exact, print };
  return instances;
}

/** An instance that loads mathjs when one of its properties is first read. */
function lazyInstance(pick: (loaded: Instances) => MathJsInstance): MathJsInstance {
  return new Proxy({} as MathJsInstance, {
    get: (_target, property) => Reflect.get(pick(loadInstances()), property) as unknown,
    has: (_target, property) => Reflect.has(pick(loadInstances()), property),
  });
}

/** Exact rational arithmetic (Fraction-backed). */
export const exactMath: MathJsInstance = lazyInstance((loaded) => loaded.exact);
/** Floating-point instance for parsing, printing, LaTeX and simplification. */
export const printMath: MathJsInstance = lazyInstance((loaded) => loaded.print);

/** A rational as numerator / denominator with the sign on the numerator (a mathjs Fraction or a `Rational`). */
export function fractionParts(value: Fraction | Rational): { numerator: bigint; denominator: bigint } {
  if (isRational(value)) return { numerator: value.numerator, denominator: value.denominator };
  const parts = value as unknown as { s: bigint; n: bigint; d: bigint };
  return { numerator: parts.s * parts.n, denominator: parts.d };
}

/** Converts an exact value to bigint, or returns undefined if it is not an integer. */
export function fractionToBigInt(value: Fraction | Rational): bigint | undefined {
  const { numerator, denominator } = fractionParts(value);
  return denominator === 1n ? numerator : undefined;
}

function requireInteger(value: Fraction, fn: string): bigint {
  const result = fractionToBigInt(value);
  if (result === undefined) throw new RangeError(`${fn} needs integer arguments`);
  return result;
}

function registerHelpers(exact: MathJsInstance, print: MathJsInstance): void {
  exact.import(
    {
      ceil_log: (m: Fraction, k: Fraction) =>
        exact.fraction(`${ceilLog(requireInteger(m, 'ceil_log'), requireInteger(k, 'ceil_log'))}`),
      sopfr: (n: Fraction) => exact.fraction(`${sumOfPrimeFactors(requireInteger(n, 'sopfr'))}`),
      [BOUNDED_POW]: (base: Fraction, exponent: Fraction) => {
        checkPowerSize(base, exponent);
        return (exact.pow as unknown as (a: Fraction, b: Fraction) => Fraction)(base, exponent);
      },
      make_divisible: (v: Fraction, divisor?: Fraction, minValue?: Fraction) => {
        const { numerator, denominator } = fractionParts(v);
        const d = divisor === undefined ? 8n : requireInteger(divisor, 'make_divisible');
        const min = minValue === undefined ? d : requireInteger(minValue, 'make_divisible');
        return exact.fraction(`${makeDivisible(numerator, denominator, d, min)}`);
      },
    },
    { override: true },
  );

  const ceilLogPrint = Object.assign((m: number, k: number) => Number(ceilLog(BigInt(m), BigInt(k))), {
    toTex: '\\left\\lceil\\log_{${args[1]}}{${args[0]}}\\right\\rceil',
  });
  const sopfrPrint = Object.assign((n: number) => Number(sumOfPrimeFactors(BigInt(n))), {
    toTex: '\\mathrm{sopfr}\\left(${args[0]}\\right)',
  });
  const makeDivisiblePrint = Object.assign(
    (v: number, divisor = 8, minValue?: number) => {
      const scaled = exact.fraction(`${v}`);
      const { numerator, denominator } = fractionParts(scaled);
      return Number(makeDivisible(numerator, denominator, BigInt(divisor), BigInt(minValue ?? divisor)));
    },
    { toTex: '\\mathrm{make\\_divisible}\\left(${args}\\right)' },
  );
  print.import({ ceil_log: ceilLogPrint, sopfr: sopfrPrint, make_divisible: makeDivisiblePrint }, { override: true });
}

/** The name under which `^` and `pow` run in the exact instance, bounded (see {@link boundedNode}). */
const BOUNDED_POW = 'bounded_pow';

/** Bits of a bigint's magnitude (0 for 0). */
function bits(n: bigint): number {
  return (n < 0n ? -n : n).toString(2).length - (n === 0n ? 1 : 0);
}

/**
 * Refuses, before computing it, a power whose numerator or denominator would pass
 * `MAX_RATIONAL_BITS`: |exponent| × bits of the base, for an integer exponent and a base other
 * than 0, 1 and −1 (2^(2^30) would otherwise be built, all 2^30 bits, and only then refused).
 * Non-integer exponents are left to mathjs, which refuses them in exact mode.
 */
function checkPowerSize(base: unknown, exponent: unknown): void {
  const exact = loadInstances().exact;
  if (!exact.isFraction(base) || !exact.isFraction(exponent)) return;
  const power = fractionToBigInt(exponent);
  if (power === undefined) return;
  const { numerator, denominator } = fractionParts(base);
  const size = Math.max(bits(numerator), bits(denominator));
  if (size <= 1 && denominator === 1n) return; // 0, 1, -1
  const magnitude = power < 0n ? -power : power;
  if (magnitude > BigInt(MAX_RATIONAL_BITS) || Number(magnitude) * Math.max(size - 1, 1) > MAX_RATIONAL_BITS)
    throw new MagnitudeError(`a power of more than ${MAX_RATIONAL_BITS} bits`);
}

/**
 * The mathjs functions an expression of a file may call, besides the helpers and its own
 * definitions: scalar arithmetic, rounding, comparison and logic. Everything else (ranges,
 * matrices, random numbers, `zeros(1e5, 1e5)`, `range(1, 1e9)`) is refused by name: an
 * architecture needs none of them, and some would take unbounded memory or time.
 */
export const SCALAR_FUNCTIONS: ReadonlySet<string> = new Set([
  'abs',
  'add',
  'and',
  'cbrt',
  'ceil',
  'compare',
  'cube',
  'divide',
  'equal',
  'equalText',
  'exp',
  'fix',
  'floor',
  'gcd',
  'hypot',
  'isInteger',
  'isNegative',
  'isPositive',
  'isZero',
  'larger',
  'largerEq',
  'lcm',
  'log',
  'log10',
  'log2',
  'max',
  'mean',
  'median',
  'min',
  'mod',
  'multiply',
  'not',
  'nthRoot',
  'or',
  'pow',
  'round',
  'sign',
  'smaller',
  'smallerEq',
  'sqrt',
  'square',
  'subtract',
  'sum',
  'prod',
  'unaryMinus',
  'unaryPlus',
  'unequal',
  'xor',
]);

/**
 * `node` with every power (`a ^ b`, `pow(a, b)`) computed by the bounded power, so that no step
 * of a mathjs evaluation builds a value the limits would refuse afterwards. The other steps grow
 * at most by the sum of their operands' bits, which the length limit of an expression bounds.
 */
function boundedNode(node: MathNode): MathNode {
  const math = loadInstances().exact;
  return node.transform((child) => {
    if (math.isOperatorNode(child) && child.fn === 'pow')
      return new math.FunctionNode(new math.SymbolNode(BOUNDED_POW), child.args.map(boundedNode));
    if (math.isFunctionNode(child) && child.fn.name === 'pow')
      return new math.FunctionNode(new math.SymbolNode(BOUNDED_POW), child.args.map(boundedNode));
    return child;
  });
}

/** Names of the helper functions every expression may call besides mathjs built-ins. */
export const HELPER_FUNCTIONS = ['ceil_log', 'make_divisible', 'sopfr'] as const;

const exactCache = new Map<string, EvalFunction>();

/** What an expression's names may be bound to. */
export type ExactScope = Readonly<Record<string, ScopeInput>> | ReadonlyMap<string, ScopeInput>;

/**
 * Evaluates `expression` exactly with the given scope (numbers are converted through their
 * decimal text, so 0.75 becomes 3/4) and returns a mathjs Fraction (loads mathjs; prefer
 * `evaluateRational` for counts). Throws mathjs errors unchanged; callers wrap them with a location.
 */
export function evaluateExact(expression: string, scope: ExactScope): Fraction {
  return toFraction(evaluateRational(expression, scope));
}

/**
 * Like `evaluateExact`, as a `Rational` (a truth value counts as 1 or 0), without loading mathjs
 * when the fast evaluator understands the expression. Same values and errors as mathjs.
 */
export function evaluateRational(expression: string, scope: ExactScope): Rational {
  const result = evaluateExactValue(expression, scope);
  if (typeof result === 'boolean') return rational(result ? 1n : 0n);
  if (typeof result === 'string') throw new TypeError(`expression "${expression}" did not evaluate to a number`);
  return result;
}

/** A value of an exact evaluation: a rational, a truth value (comparisons) or a text (choices). */
export type ExactValue = Rational | boolean | string;

/**
 * Like `evaluateRational`, but keeps booleans (comparisons, `and`/`or`/`not`) and strings as they
 * are, so a stored condition can later be used in `cond ? a : b` or `not cond`. Evaluates with
 * `exact-eval.ts` when it can, else with mathjs's Fraction instance (compiled expressions cached).
 */
export function evaluateExactValue(expression: string, scope: ExactScope): ExactValue {
  const fast = tryEvaluateText(expression, scope);
  if (fast !== undefined) return fast;
  let compiled = exactCache.get(expression);
  if (compiled === undefined) {
    compiled = boundedNode(exactMath.parse(expression)).compile();
    exactCache.set(expression, compiled);
  }
  const fractionScope = new Map<string, Fraction | boolean | string>();
  const entries = scope instanceof Map ? [...scope.entries()] : Object.entries(scope);
  for (const [name, value] of entries as [string, ScopeInput][]) {
    fractionScope.set(name, typeof value === 'string' || typeof value === 'boolean' ? value : toFraction(value));
  }
  const result: unknown = compiled.evaluate(fractionScope);
  if (typeof result === 'boolean' || typeof result === 'string') return result;
  if (exactMath.isFraction(result)) {
    const { numerator, denominator } = fractionParts(result);
    return rational(numerator, denominator);
  }
  throw new TypeError(`expression "${expression}" did not evaluate to a number or a truth value`);
}

/** Exact mathjs Fraction of a number (through its shortest decimal text), bigint, `Rational` or Fraction. */
export function toFraction(value: Exclude<ScopeInput, string | boolean>): Fraction {
  if (typeof value === 'bigint') return exactMath.fraction(`${value}`);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return exactMath.fraction(decimalText(value));
  }
  if (isRational(value)) return exactMath.fraction(value.toString());
  return value as Fraction;
}

/** Text of an exact value: `12` or `3/4` (parseable by both instances). */
export function fractionText(value: Fraction | Rational): string {
  const { numerator, denominator } = fractionParts(value);
  return denominator === 1n ? `${numerator}` : `${numerator}/${denominator}`;
}

/** Parsed expressions by text (cleared when full); nodes are never changed once built. */
const parsedNodes = new Map<string, MathNode>();
const PARSED_NODES_MAX = 20_000;

/**
 * Parses an expression for printing (floating-point constants). The same text gives the same
 * node: the folding passes print and parse the same terms again and again.
 */
export function parseForPrint(expression: string): MathNode {
  let node = parsedNodes.get(expression);
  if (node === undefined) {
    node = printMath.parse(expression);
    if (parsedNodes.size >= PARSED_NODES_MAX) parsedNodes.clear();
    parsedNodes.set(expression, node);
  }
  return node;
}

/** LaTeX of a node, integers written out in full (no exponent notation). */
export function texNode(node: MathNode): string {
  return node.toTex({ parenthesis: 'auto', implicit: 'hide', notation: 'fixed' });
}

/**
 * The printed text of each node printed so far. The core never changes a node once built (it
 * transforms into new ones), and the folding and simplifying passes print the same subtrees
 * many times: mathjs's printer decides every parenthesis from operator precedence each time.
 */
const printedText = new WeakMap<MathNode, string>();

/** Prints a node compactly: no exponent notation for integer constants. */
export function printNode(node: MathNode): string {
  let text = printedText.get(node);
  if (text === undefined) {
    text = node.toString({ notation: 'fixed', parenthesis: 'keep', implicit: 'show' });
    printedText.set(node, text);
  }
  return text;
}
