import { describe, expect, it } from '@jest/globals';
import { COST_COLUMNS, macsFromCostCell, type CostColumn } from '../../src/results/cost-column.js';

const column = (header: string): CostColumn => {
  const found = COST_COLUMNS.find((c) => c.header === header);
  if (found === undefined) throw new Error(`no column ${header}`);
  return found;
};

describe('macsFromCostCell', () => {
  it('converts each unit exactly (hand-computed MACs)', () => {
    expect(macsFromCostCell('569', column('mmacs'))).toBe(569_000_000n);
    expect(macsFromCostCell('12.9', column('mmacs'))).toBe(12_900_000n);
    expect(macsFromCostCell('13.570496', column('mmacs'))).toBe(13_570_496n);
    expect(macsFromCostCell('0.000001', column('mmacs'))).toBe(1n);
    expect(macsFromCostCell('1.5', column('gmacs'))).toBe(1_500_000_000n);
    expect(macsFromCostCell('568740352', column('macs'))).toBe(568_740_352n);
    expect(macsFromCostCell('27.3', column('mflops_2xmacs'))).toBe(13_650_000n);
    expect(macsFromCostCell('1000', column('flops_2xmacs'))).toBe(500n);
    expect(macsFromCostCell(' 7.50 ', column('mmacs'))).toBe(7_500_000n);
  });

  it('is exact where floating point is not', () => {
    // In doubles 4.1 * 1e6 = 4099999.9999999995.
    expect(4.1 * 1e6).not.toBe(4_100_000);
    expect(macsFromCostCell('4.1', column('mmacs'))).toBe(4_100_000n);
  });

  it('names the problem with a bad cell', () => {
    expect(macsFromCostCell('abc', column('mmacs'))).toBe('not-a-number');
    expect(macsFromCostCell('1e6', column('macs'))).toBe('not-a-number');
    expect(macsFromCostCell('', column('macs'))).toBe('not-a-number');
    expect(macsFromCostCell('-3', column('mmacs'))).toBe('negative');
    expect(macsFromCostCell('0.5', column('macs'))).toBe('finer-than-one-mac');
    expect(macsFromCostCell('0.0000001', column('mmacs'))).toBe('finer-than-one-mac');
    expect(macsFromCostCell('3', column('flops_2xmacs'))).toBe('finer-than-one-mac');
  });
});
