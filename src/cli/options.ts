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
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER ? `expected an integer >= ${min}` : `expected an integer from ${min} to ${max}`,
      );
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
  if (items.some((item) => item === ''))
    throw new InvalidArgumentError('expected a comma-separated list, e.g. width,resolution');
  return items;
}

/** "41M", "1.5G", "41000000" → MACs. */
export function budget(text: string): bigint {
  const match = /^(\d+(?:\.\d+)?)([kMG]?)$/.exec(text.trim());
  if (!match) throw new InvalidArgumentError('expected MACs such as 41M, 1.5G or 41000000');
  const [whole = '0', fraction = ''] = (match[1] ?? '0').split('.');
  const scale = { '': 0, k: 3, M: 6, G: 9 }[match[2] ?? ''] ?? 0;
  if (fraction.length > scale) throw new InvalidArgumentError('too many decimals for a whole number of MACs');
  const macs = BigInt(whole + fraction.padEnd(scale, '0'));
  if (macs <= 0n) throw new InvalidArgumentError('expected a budget > 0');
  return macs;
}

/** "5%" or "0.05" → 0.05. */
export function tolerance(text: string): number {
  const percent = text.trim().endsWith('%');
  const value = Number(percent ? text.trim().slice(0, -1) : text);
  if (!Number.isFinite(value) || value <= 0) throw new InvalidArgumentError('expected a tolerance such as 5% or 0.05');
  return percent ? value / 100 : value;
}

/** Most values a grid option may hold (a sweep of a thousand widths is already a long run). */
export const MAX_GRID_POINTS = 1000;

/** "0.25:2:0.25" (start:stop:step, inclusive) or "0.5,1,2" → numbers; at most {@link MAX_GRID_POINTS}. */
export function grid(text: string): number[] {
  const range = /^([\d.]+):([\d.]+):([\d.]+)$/.exec(text.trim());
  if (range) {
    const [start, stop, step] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (!(step > 0) || stop < start)
      throw new InvalidArgumentError('expected start:stop:step with step > 0 and stop >= start');
    const points = Math.floor((stop - start) / step + 1e-9) + 1;
    if (!(points <= MAX_GRID_POINTS))
      throw new InvalidArgumentError(`at most ${MAX_GRID_POINTS} values (this grid has ${points})`);
    const values: number[] = [];
    for (let i = 0; start + i * step <= stop + 1e-9; i++) values.push(Number((start + i * step).toFixed(6)));
    return values;
  }
  const values = text.split(',').map((item) => Number(item.trim()));
  if (values.length > MAX_GRID_POINTS)
    throw new InvalidArgumentError(`at most ${MAX_GRID_POINTS} values (this list has ${values.length})`);
  if (values.some((v) => !Number.isFinite(v) || v <= 0))
    throw new InvalidArgumentError('expected start:stop:step or a comma-separated list of numbers > 0');
  return values;
}
