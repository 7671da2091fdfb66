import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { costOrder } from '../../src/results/cost-order.js';

describe('costOrder', () => {
  it('orders by cost, ties by the tie-breaker, then input order', () => {
    expect(costOrder([30n, 10n, 20n], (m) => m)).toEqual([1, 2, 0]);
    const items = [
      { macs: 5n, name: 'b' },
      { macs: 5n, name: 'a' },
      { macs: 1n, name: 'z' },
      { macs: 5n, name: 'a' },
    ];
    expect(
      costOrder(
        items,
        (i) => i.macs,
        (x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0),
      ),
    ).toEqual([2, 1, 3, 0]);
  });

  it('equals a plain bigint sort, also where neighbours beyond 2^53 share one double (seeded)', () => {
    const cost = fc.oneof(
      fc.bigInt({ min: 0n, max: 50n }),
      fc.bigInt({ min: 0n, max: 50n }).map((k) => 2n ** 60n + k),
    );
    fc.assert(
      fc.property(fc.array(cost, { maxLength: 80 }), (costs) => {
        const expected = costs
          .map((macs, i) => ({ macs, i }))
          .sort((a, b) => (a.macs < b.macs ? -1 : a.macs > b.macs ? 1 : a.i - b.i))
          .map(({ i }) => i);
        expect(costOrder(costs, (m) => m)).toEqual(expected);
      }),
      { seed: 22, numRuns: 300 },
    );
  });

  it('equals a plain sort on inputs large enough for the radix passes: ties, 2^60 neighbours, beyond 2^1024 (seeded)', () => {
    const cost = fc.oneof(
      fc.bigInt({ min: 0n, max: 3000n }),
      fc.bigInt({ min: 0n, max: 50n }).map((k) => 2n ** 60n + k),
      fc.bigInt({ min: 0n, max: 5n }).map((k) => 2n ** 1100n + k), // Number() is Infinity
      fc.bigInt({ min: 0n, max: 2n ** 64n }),
    );
    const item = fc.record({ macs: cost, name: fc.constantFrom('a', 'b', 'c') });
    fc.assert(
      fc.property(fc.array(item, { minLength: 512, maxLength: 1500 }), (items) => {
        const byName = (x: { name: string }, y: { name: string }) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);
        const expected = items
          .map((it, i) => ({ it, i }))
          .sort((a, b) => (a.it.macs < b.it.macs ? -1 : a.it.macs > b.it.macs ? 1 : byName(a.it, b.it) || a.i - b.i))
          .map(({ i }) => i);
        expect(costOrder(items, (it) => it.macs, byName)).toEqual(expected);
      }),
      { seed: 23, numRuns: 40 },
    );
  });
});
