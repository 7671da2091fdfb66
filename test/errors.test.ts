import { describe, expect, it } from '@jest/globals';
import { UserError, valueAt } from '../src/errors.js';

describe('valueAt', () => {
  it('reads in range and throws outside, where `?? 0` would have answered 0', () => {
    const values = new Int32Array([5, 7]);
    expect(valueAt(values, 0)).toBe(5);
    expect(valueAt(values, 1)).toBe(7);
    expect(() => valueAt(values, 2)).toThrow(RangeError);
    expect(() => valueAt(values, -1)).toThrow('index -1 outside 0…1');
    expect(() => valueAt(['a'], 0.5)).toThrow(RangeError);
    expect(valueAt(['a', 'b'], 1)).toBe('b');
  });
});

describe('UserError.at', () => {
  it('moves an error to another location and keeps problem, received and expected', () => {
    const error = new UserError('too small', { location: { field: 'n' }, received: 'x', expected: 'more' });
    expect(error.message).toBe('n: too small; received "x"; expected more');
    const moved = error.at({ field: '--n' });
    expect(moved).toBeInstanceOf(UserError);
    expect([moved.message, moved.problem, moved.received, moved.expected]).toEqual([
      '--n: too small; received "x"; expected more',
      'too small',
      '"x"',
      'more',
    ]);
  });
});
