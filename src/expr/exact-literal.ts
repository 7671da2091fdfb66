/**
 * Number literals read from their text: the exact rational a decimal literal writes
 * (`9007199254740993`, `16.0000000000000001`, `1.5e-3`), and whether a double holds it.
 * JSON.parse, YAML parsers and mathjs's float parsing round a literal to the nearest double;
 * these functions tell when that rounding changed the number, so the exact text can be kept.
 */
import { MagnitudeError, numberToRational, Rational } from './rational.js';

/** A decimal literal with optional fraction and exponent (JSON's and mathjs's number syntax). */
const LITERAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Largest exponent magnitude read exactly (beyond it a literal is refused, not expanded). */
export const MAX_LITERAL_EXPONENT = 1000;

/**
 * The exact rational of a decimal literal, or undefined when `text` is not one (or its exponent
 * exceeds {@link MAX_LITERAL_EXPONENT}). Example: exactLiteral('1.5e-3') is 3/2000. O(digits).
 */
export function exactLiteral(text: string): Rational | undefined {
  const match = LITERAL.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  if (whole === '' && fraction === '') return undefined;
  const exponent = Number(exponentText) - fraction.length;
  if (Math.abs(exponent) > MAX_LITERAL_EXPONENT + fraction.length) return undefined;
  let digits = BigInt(`${whole}${fraction}` || '0');
  if (sign === '-') digits = -digits;
  try {
    return exponent >= 0
      ? Rational.of(digits * 10n ** BigInt(exponent))
      : Rational.of(digits, 10n ** BigInt(-exponent));
  } catch (error) {
    if (error instanceof MagnitudeError) return undefined;
    throw error;
  }
}

/**
 * Whether the double nearest to the literal, read back through its shortest decimal text (as
 * butterflops reads every number), is the literal's own value: true for `224`, `0.75`, `1e3`;
 * false for `9007199254740993` (read as …992) and `16.0000000000000001` (read as 16).
 */
export function survivesDouble(text: string): boolean {
  const exact = exactLiteral(text);
  const double = Number(text);
  if (exact === undefined || !Number.isFinite(double)) return false;
  const read = numberToRational(double);
  return read.numerator === exact.numerator && read.denominator === exact.denominator;
}

/**
 * The literal written without exponent, exactly (`1.5e-3` → `0.0015`, `2e20` → `200000000000000000000`),
 * the form the exact expression parser reads; undefined when `text` is not a decimal literal.
 */
export function plainDecimal(text: string): string | undefined {
  const exact = exactLiteral(text);
  if (exact === undefined) return undefined;
  const negative = exact.numerator < 0n;
  const magnitude = negative ? -exact.numerator : exact.numerator;
  // A decimal literal's denominator is 2^a·5^b: write it over 10^max(a, b).
  let places = 0;
  let power = 1n;
  while (power % exact.denominator !== 0n) {
    power *= 10n;
    places++;
  }
  const digits = `${(magnitude * power) / exact.denominator}`.padStart(places + 1, '0');
  const plain = places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  return (negative ? '-' : '') + plain;
}
