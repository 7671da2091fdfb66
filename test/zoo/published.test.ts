import { describe, expect, it } from '@jest/globals';
import { roundsToMillions, withinLastDigit } from './published.js';

describe('roundsToMillions', () => {
  it('accepts exactly the counts that round half up to the printed figure', () => {
    expect(roundsToMillions(299_500_000n, '300')).toBe(true);
    expect(roundsToMillions(300_499_999n, '300')).toBe(true);
    expect(roundsToMillions(299_499_999n, '300')).toBe(false);
    expect(roundsToMillions(300_500_000n, '300')).toBe(false);
    expect(roundsToMillions(3_504_872n, '3.5')).toBe(true);
    expect(roundsToMillions(3_449_999n, '3.5')).toBe(false);
    expect(roundsToMillions(13_570_000n, '13.57')).toBe(true);
  });
});

describe('withinLastDigit', () => {
  it('accepts rounded and truncated figures, nothing a full unit away', () => {
    expect(withinLastDigit(300_774_272n, '300')).toBe(true);
    expect(withinLastDigit(299_000_001n, '300')).toBe(true);
    expect(withinLastDigit(301_000_000n, '300')).toBe(false);
    expect(withinLastDigit(299_000_000n, '300')).toBe(false);
    expect(withinLastDigit(4_210_000n, '4.24')).toBe(false);
  });
});
