import { InvalidArgumentError } from 'commander';

/**
 * Option parsers shared by the commands. They throw commander's InvalidArgumentError, which
 * commander prints as one line ("option '--width <w>' argument '0' is invalid. …") and the CLI
 * exits with code 2.
 */

/** A finite number > 0. */
export function positiveNumber(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(`expected a number > 0, e.g. 0.75`);
  }
  return value;
}

/** An integer ≥ `min`. */
export function integerAtLeast(min: number): (text: string) => number {
  return integerInRange(min, Number.MAX_SAFE_INTEGER);
}

/** An integer in [min, max]. */
export function integerInRange(min: number, max: number): (text: string) => number {
  return (text: string) => {
    const value = Number(text);
    if (!/^[+]?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(max === Number.MAX_SAFE_INTEGER ? `expected an integer >= ${min}` : `expected an integer from ${min} to ${max}`);
    }
    return value;
  };
}

/** One of a fixed list of words. */
export function oneOf<T extends string>(allowed: readonly T[]): (text: string) => T {
  return (text: string) => {
    if (!(allowed as readonly string[]).includes(text)) {
      throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}`);
    }
    return text as T;
  };
}

/** A comma-separated list of non-empty words. */
export function commaList(text: string): string[] {
  const items = text.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new InvalidArgumentError('expected a comma-separated list, e.g. width,resolution');
  return items;
}
