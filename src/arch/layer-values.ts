/**
 * Values of the architecture walk: the shape of a tensor as scope values (exact + symbolic), a
 * layer under construction, and the checks that turn scope values into layer dimensions.
 */
import { UserError, type ErrorLocation } from '../errors.js';
import { fractionText, fractionToBigInt } from '../expr/math.js';
import type { Rational } from '../expr/rational.js';
import type { Layer, LayerRole } from '../model/layer.js';
import type { Shape } from '../model/shape.js';
import type { ScopeValue } from './scope.js';

/** A tensor's shape as scope values: exact, and symbolic in the free parameters. */
export interface ShapeValues {
  readonly channels: ScopeValue;
  readonly height: ScopeValue;
  readonly width: ScopeValue;
}

/** A layer under construction: its concrete and symbolic records. */
export interface Emitted {
  readonly layer: Layer;
  readonly symbolic: Layer<string>;
  readonly output: ShapeValues;
  readonly role: LayerRole;
  readonly keepDense?: boolean;
  /**
   * The operand shapes the record reads, when they are not the current tensor's shape (a
   * matmul's (m × k) and (k × n) views); absent: the current tensor, once.
   */
  readonly inputs?: readonly ShapeValues[];
}

/** A node that only moves data (a reshape): no layer record, the tensor's new shape. */
export interface Moved {
  readonly layer?: undefined;
  readonly output: ShapeValues;
}

/** The exact integer of a value, or a UserError saying what it should have been. */
export function positiveInteger(
  value: ScopeValue,
  what: string,
  location: ErrorLocation,
  allowZero = false,
): ScopeValue {
  const integer = typeof value.exact === 'object' ? fractionToBigInt(value.exact) : undefined;
  if (integer === undefined || integer < (allowZero ? 0n : 1n) || integer > BigInt(Number.MAX_SAFE_INTEGER)) {
    // A rational prints as 16/3 (Fraction#toString would give the repeating decimal 5.(3)).
    const received = typeof value.exact === 'object' ? fractionText(value.exact) : String(value.exact);
    const tooLarge = integer !== undefined && integer > BigInt(Number.MAX_SAFE_INTEGER);
    throw new UserError(
      `${what} must be ${allowZero ? 'a non-negative' : 'a positive'} integer${tooLarge ? ` of at most ${Number.MAX_SAFE_INTEGER}` : ''}`,
      {
        location,
        // The exact value: an integer as its digits, a fraction as n/d, never rounded to a double.
        received: integer ?? (typeof value.exact === 'object' ? received : value.exact),
      },
    );
  }
  return value;
}

/** The exact integer of a value already checked by `positiveInteger`. */
export function toNumber(value: ScopeValue): number {
  return Number(fractionToBigInt(value.exact as Rational));
}

/** The concrete shape. */
export function concreteShape(shape: ShapeValues): Shape {
  return { channels: toNumber(shape.channels), height: toNumber(shape.height), width: toNumber(shape.width) };
}

/** The symbolic shape. */
export function symbolicShape(shape: ShapeValues): Shape<string> {
  return { channels: shape.channels.expr, height: shape.height.expr, width: shape.width.expr };
}

/** Truth of a condition value: non-zero, true, or a non-empty text. */
export function truthy(value: ScopeValue): boolean {
  if (typeof value.exact === 'string') return value.exact !== '';
  if (typeof value.exact === 'boolean') return value.exact;
  return fractionToBigInt(value.exact) !== 0n;
}
