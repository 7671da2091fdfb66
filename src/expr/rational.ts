/**
 * Exact rationals on bigint, the number type of the fast evaluator (`expr/exact-eval.ts`).
 * A `Rational` is always reduced, with a positive denominator and the sign on the numerator,
 * so equal values have equal fields. No floating point anywhere.
 */

/** Most bits a numerator or denominator may have: far beyond any count, far below a memory blow-up. */
export const MAX_RATIONAL_BITS = 4096;
const RATIONAL_LIMIT = 1n << BigInt(MAX_RATIONAL_BITS);

/** A result too large to keep (a numerator or denominator over {@link MAX_RATIONAL_BITS} bits). */
export class MagnitudeError extends RangeError {
  override readonly name = 'MagnitudeError';
}

/** An exact rational numerator / denominator (reduced, denominator > 0). */
export class Rational {
  /** Signed numerator. */
  readonly numerator: bigint;
  /** Positive denominator, coprime to the numerator. */
  readonly denominator: bigint;

  /** Use `rational(n, d)`, which reduces; this constructor trusts its arguments. */
  private constructor(numerator: bigint, denominator: bigint) {
    this.numerator = numerator;
    this.denominator = denominator;
  }

  /** The reduced rational n / d (d ≠ 0; throws a RangeError on d = 0). */
  static of(numerator: bigint, denominator = 1n): Rational {
    if (denominator === 0n) throw new RangeError('Division by Zero');
    if (
      numerator >= RATIONAL_LIMIT ||
      -numerator >= RATIONAL_LIMIT ||
      denominator >= RATIONAL_LIMIT ||
      -denominator >= RATIONAL_LIMIT
    )
      throw new MagnitudeError(`a value of more than ${MAX_RATIONAL_BITS} bits`);
    if (denominator < 0n) {
      numerator = -numerator;
      denominator = -denominator;
    }
    const divisor = gcd(numerator < 0n ? -numerator : numerator, denominator);
    return divisor === 1n
      ? new Rational(numerator, denominator)
      : new Rational(numerator / divisor, denominator / divisor);
  }

  /** `12` or `-3/4`: the same text as `fractionText` in `expr/math.ts`. */
  toString(): string {
    return this.denominator === 1n ? `${this.numerator}` : `${this.numerator}/${this.denominator}`;
  }
}

/** Greatest common divisor of non-negative bigints (Euclid). gcd(0, d) = d. */
export function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** The rational n / d, reduced. Example: rational(6n, -4n) is -3/2. */
export function rational(numerator: bigint, denominator = 1n): Rational {
  return Rational.of(numerator, denominator);
}

/** Whether a value is a `Rational`. */
export function isRational(value: unknown): value is Rational {
  return value instanceof Rational;
}

/** a + b. */
export function add(a: Rational, b: Rational): Rational {
  return Rational.of(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
}

/** a − b. */
export function subtract(a: Rational, b: Rational): Rational {
  return Rational.of(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator);
}

/** a · b. */
export function multiply(a: Rational, b: Rational): Rational {
  return Rational.of(a.numerator * b.numerator, a.denominator * b.denominator);
}

/** a / b; a RangeError "Division by Zero" when b = 0. */
export function divide(a: Rational, b: Rational): Rational {
  return Rational.of(a.numerator * b.denominator, a.denominator * b.numerator);
}

/** −a. */
export function negate(a: Rational): Rational {
  return Rational.of(-a.numerator, a.denominator);
}

/** a^e for an integer e (negative e inverts; 0^negative is a RangeError). O(log |e|) multiplications. */
export function power(a: Rational, exponent: bigint): Rational {
  const magnitude = exponent < 0n ? -exponent : exponent;
  // Refused before it is computed: the bits of a^e are about e times those of a.
  const bits = BigInt(Math.max(bitLength(a.numerator), bitLength(a.denominator)) - 1);
  if (bits > 0n && bits * magnitude > BigInt(MAX_RATIONAL_BITS))
    throw new MagnitudeError(`a value of more than ${MAX_RATIONAL_BITS} bits`);
  const numerator = a.numerator ** magnitude;
  const denominator = a.denominator ** magnitude;
  return exponent < 0n ? Rational.of(denominator, numerator) : Rational.of(numerator, denominator);
}

/** −1, 0 or 1 as a < b, a = b, a > b. */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** ⌊a⌋. */
export function floor(a: Rational): Rational {
  return Rational.of(floorQuotient(a.numerator, a.denominator));
}

/** ⌈a⌉. */
export function ceil(a: Rational): Rational {
  return Rational.of(-floorQuotient(-a.numerator, a.denominator));
}

/** ⌊n / d⌋ for d > 0. */
function floorQuotient(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return numerator % denominator !== 0n && numerator < 0n ? quotient - 1n : quotient;
}

/** The integer of a rational, or undefined when the denominator is not 1. */
export function toBigInt(a: Rational): bigint | undefined {
  return a.denominator === 1n ? a.numerator : undefined;
}

/**
 * The exact rational of a decimal literal without exponent (`12`, `0.75`, `.5`, `5.`); undefined
 * for any other text. Example: parseDecimal('0.75') is 3/4.
 */
export function parseDecimal(text: string): Rational | undefined {
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') return undefined;
  const digits = BigInt(`${whole}${fraction}` || '0');
  return Rational.of(sign === '-' ? -digits : digits, 10n ** BigInt(fraction.length));
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
  const shifted =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + '0'.repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return sign + shifted;
}

/** The exact rational of a finite number (through its shortest decimal text: 0.1 is 1/10). */
export function numberToRational(value: number): Rational {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const result = parseDecimal(decimalText(value));
  if (result === undefined) throw new RangeError(`not a finite number: ${value}`);
  return result;
}

/** Bits of |n| (0 for 0). O(bits). */
function bitLength(n: bigint): number {
  return n === 0n ? 0 : (n < 0n ? -n : n).toString(2).length;
}
