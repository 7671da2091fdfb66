/**
 * The two mathjs instances behind every expression in butterflops.
 *
 * - `exactMath` (number: 'Fraction'): evaluates architecture expressions and cost formulas
 *   exactly on rationals (0.75 is 3/4), so a count is never a rounded float.
 * - `printMath` (plain numbers): parses, prints, renders LaTeX and simplifies symbolic
 *   expressions (its constants print as `8`, not `8/1`).
 *
 * Both know the integer helpers of `integer-functions.ts` under the names `ceil_log`,
 * `make_divisible` and `sopfr`. The built-in `log` is not exact and throws in `exactMath`.
 */
import { all as allFactories, create, type Fraction, type MathNode, type EvalFunction } from 'mathjs';
import { ceilLog, makeDivisible, sumOfPrimeFactors } from './integer-functions.js';

export type { Fraction, MathNode };

// mathjs types `all` as possibly undefined; it is always defined at run time.
const all = allFactories!;

/** Exact rational arithmetic (Fraction-backed). */
export const exactMath = create(all, { number: 'Fraction' });
/** Floating-point instance for parsing, printing, LaTeX and simplification. */
export const printMath = create(all);

/** A rational as numerator / denominator with the sign on the numerator. */
export function fractionParts(value: Fraction): { numerator: bigint; denominator: bigint } {
  const parts = value as unknown as { s: bigint; n: bigint; d: bigint };
  return { numerator: parts.s * parts.n, denominator: parts.d };
}

/** Converts an exact value to bigint, or returns undefined if it is not an integer. */
export function fractionToBigInt(value: Fraction): bigint | undefined {
  const { numerator, denominator } = fractionParts(value);
  return denominator === 1n ? numerator : undefined;
}

function requireInteger(value: Fraction, fn: string): bigint {
  const result = fractionToBigInt(value);
  if (result === undefined) throw new RangeError(`${fn} needs integer arguments`);
  return result;
}

exactMath.import(
  {
    ceil_log: (m: Fraction, k: Fraction) =>
      exactMath.fraction(`${ceilLog(requireInteger(m, 'ceil_log'), requireInteger(k, 'ceil_log'))}`),
    sopfr: (n: Fraction) => exactMath.fraction(`${sumOfPrimeFactors(requireInteger(n, 'sopfr'))}`),
    make_divisible: (v: Fraction, divisor?: Fraction, minValue?: Fraction) => {
      const { numerator, denominator } = fractionParts(v);
      const d = divisor === undefined ? 8n : requireInteger(divisor, 'make_divisible');
      const min = minValue === undefined ? d : requireInteger(minValue, 'make_divisible');
      return exactMath.fraction(`${makeDivisible(numerator, denominator, d, min)}`);
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
    const scaled = exactMath.fraction(`${v}`);
    const { numerator, denominator } = fractionParts(scaled);
    return Number(makeDivisible(numerator, denominator, BigInt(divisor), BigInt(minValue ?? divisor)));
  },
  { toTex: '\\mathrm{make\\_divisible}\\left(${args}\\right)' },
);
printMath.import(
  { ceil_log: ceilLogPrint, sopfr: sopfrPrint, make_divisible: makeDivisiblePrint },
  { override: true },
);

/** Names of the helper functions every expression may call besides mathjs built-ins. */
export const HELPER_FUNCTIONS = ['ceil_log', 'make_divisible', 'sopfr'] as const;

const exactCache = new Map<string, EvalFunction>();

/**
 * Evaluates `expression` exactly with the given scope (numbers are converted through their
 * decimal text, so 0.75 becomes 3/4). Compiled expressions are cached. Throws mathjs errors
 * unchanged; callers wrap them with a location.
 */
export function evaluateExact(
  expression: string,
  scope: Readonly<Record<string, Fraction | number | bigint | string>> | ReadonlyMap<string, ExactValue>,
): Fraction {
  const result = evaluateExactValue(expression, scope);
  if (typeof result === 'boolean') return exactMath.fraction(result ? 1 : 0);
  if (typeof result === 'string') throw new TypeError(`expression "${expression}" did not evaluate to a number`);
  return result;
}

/** A value of an exact evaluation: a rational, a truth value (comparisons) or a text (choices). */
export type ExactValue = Fraction | boolean | string;

/**
 * Like `evaluateExact`, but keeps booleans (comparisons, `and`/`or`/`not`) and strings as they
 * are, so a stored condition can later be used in `cond ? a : b` or `not cond`.
 */
export function evaluateExactValue(
  expression: string,
  scope: Readonly<Record<string, Fraction | number | bigint | string>> | ReadonlyMap<string, ExactValue>,
): ExactValue {
  let compiled = exactCache.get(expression);
  if (compiled === undefined) {
    compiled = exactMath.compile(expression);
    exactCache.set(expression, compiled);
  }
  const fractionScope = new Map<string, ExactValue>();
  const entries = scope instanceof Map ? [...scope.entries()] : Object.entries(scope);
  for (const [name, value] of entries) {
    fractionScope.set(name, typeof value === 'string' || typeof value === 'boolean' ? value : toFraction(value as Fraction | number | bigint));
  }
  const result: unknown = compiled.evaluate(fractionScope);
  if (typeof result === 'boolean' || typeof result === 'string' || exactMath.isFraction(result)) return result;
  throw new TypeError(`expression "${expression}" did not evaluate to a number or a truth value`);
}

/** Exact rational of a number (through its shortest decimal text), bigint or Fraction. */
export function toFraction(value: Fraction | number | bigint): Fraction {
  if (typeof value === 'bigint') return exactMath.fraction(`${value}`);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return exactMath.fraction(decimalText(value));
  }
  return value;
}

/**
 * The shortest decimal text of a finite number without exponent notation, as fraction.js
 * parses it: 1e-7 → "0.0000001", 1e30 → "1000…0" (exact: the digits of the shortest round-trip
 * representation, shifted).
 */
export function decimalText(value: number): string {
  const text = `${value}`;
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponentText);
  const shifted = point <= 0 ? `0.${'0'.repeat(-point)}${digits}`
    : point >= digits.length ? digits + '0'.repeat(point - digits.length)
    : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return sign + shifted;
}

/** Text of an exact value: `12` or `3/4` (parseable by both instances). */
export function fractionText(value: Fraction): string {
  const { numerator, denominator } = fractionParts(value);
  return denominator === 1n ? `${numerator}` : `${numerator}/${denominator}`;
}

/** Parses an expression for printing (floating-point constants). */
export function parseForPrint(expression: string): MathNode {
  return printMath.parse(expression);
}

/** LaTeX of a node, integers written out in full (no exponent notation). */
export function texNode(node: MathNode): string {
  return node.toTex({ parenthesis: 'auto', implicit: 'hide', notation: 'fixed' } as object);
}

/** Prints a node compactly: no exponent notation for integer constants. */
export function printNode(node: MathNode): string {
  return node.toString({ notation: 'fixed', parenthesis: 'keep', implicit: 'show' } as object);
}
