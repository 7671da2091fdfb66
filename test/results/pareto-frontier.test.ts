import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { dominates, paretoFrontier, type CostAccuracy } from '../../src/results/pareto-frontier.js';

/**
 * Brute-force oracle, O(n²), straight from the definitions: a point is dominated when another
 * costs no more, is no less accurate and is strictly better in one; its dominator is the cheapest,
 * then most accurate, then first in input order; the frontier is sorted by cost, ties in input
 * order.
 */
function bruteForce<P extends CostAccuracy>(points: readonly P[]) {
  const beats = (a: P, b: P) => a.macs <= b.macs && a.top1 >= b.top1 && (a.macs < b.macs || a.top1 > b.top1);
  const frontier: [P, number][] = [];
  const dominated: { point: P; dominatedBy: P }[] = [];
  points.forEach((point, i) => {
    const dominators = points.filter((other) => beats(other, point));
    if (dominators.length === 0) {
      frontier.push([point, i]);
      return;
    }
    const cheapest = dominators.reduce((m, q) => (q.macs < m ? q.macs : m), dominators[0]!.macs);
    const atCheapest = dominators.filter((q) => q.macs === cheapest);
    const best = Math.max(...atCheapest.map((q) => q.top1));
    dominated.push({ point, dominatedBy: atCheapest.find((q) => q.top1 === best)! });
  });
  frontier.sort(([a, i], [b, j]) => (a.macs < b.macs ? -1 : a.macs > b.macs ? 1 : i - j));
  return { frontier: frontier.map(([point]) => point), dominated };
}

const p = (mmacs: number, top1: number, name = `${mmacs}/${top1}`) => ({
  macs: BigInt(mmacs) * 1_000_000n,
  top1,
  name,
});

describe('paretoFrontier', () => {
  it('finds the hand-computed frontier of the paper MobileNetV1 baselines (Table 1c + 2b)', () => {
    const points = [
      p(150, 63.3),
      p(14, 41.5),
      p(42, 50.6),
      p(21, 45.5),
      p(34, 47.7),
      p(41, 50.6),
      p(49, 56.3),
      p(110, 61.7),
    ];
    const { frontier, dominated } = paretoFrontier(points);
    expect(frontier.map((point) => point.name)).toEqual([
      '14/41.5',
      '21/45.5',
      '34/47.7',
      '41/50.6',
      '49/56.3',
      '110/61.7',
      '150/63.3',
    ]);
    expect(dominated.map((d) => [d.point.name, d.dominatedBy.name])).toEqual([['42/50.6', '41/50.6']]);
  });

  it('names the cheapest dominating point, and keeps identical points both', () => {
    const points = [p(50, 40, 'worst'), p(20, 45, 'a'), p(10, 42, 'b'), p(30, 50, 'c'), p(30, 50, 'c-again')];
    const { frontier, dominated } = paretoFrontier(points);
    expect(frontier.map((point) => point.name)).toEqual(['b', 'a', 'c', 'c-again']);
    expect(dominated.map((d) => [d.point.name, d.dominatedBy.name])).toEqual([['worst', 'b']]);
  });

  it('handles the empty set and a single point', () => {
    expect(paretoFrontier([])).toEqual({ frontier: [], dominated: [] });
    expect(paretoFrontier([p(1, 1)]).frontier).toHaveLength(1);
  });

  it('agrees with the definition on random sets (property)', () => {
    const point = fc.record({ macs: fc.bigInt({ min: 1n, max: 20n }), top1: fc.integer({ min: 0, max: 20 }) });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 25 }), (points) => {
        const { frontier, dominated } = paretoFrontier(points);
        expect(frontier.length + dominated.length).toBe(points.length);
        for (const f of frontier) expect(points.some((q) => dominates(q, f))).toBe(false);
        for (const d of dominated) expect(dominates(d.dominatedBy, d.point)).toBe(true);
        // Along the frontier cost never falls and accuracy rises whenever cost rises.
        for (let i = 1; i < frontier.length; i++) {
          const a = frontier[i - 1];
          const b = frontier[i];
          if (a === undefined || b === undefined) throw new Error('index');
          expect(a.macs <= b.macs).toBe(true);
          if (a.macs < b.macs) expect(b.top1).toBeGreaterThan(a.top1);
        }
      }),
    );
  });

  it('equals the brute-force O(n²) oracle on seeded random sets full of ties (same frontier order, same dominators)', () => {
    // Few distinct costs and accuracies make ties and identical points common; each point is its
    // own object, compared by identity, so the order of equal points is checked too.
    const point = fc.record({
      macs: fc.bigInt({ min: 0n, max: 12n }),
      top1: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constantFrom(0.5, 7.5, Number.NaN)),
    });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 60 }), (points) => {
        const fast = paretoFrontier(points);
        const slow = bruteForce(points);
        expect(fast.frontier.length).toBe(slow.frontier.length);
        fast.frontier.forEach((p, i) => expect(p).toBe(slow.frontier[i]));
        expect(fast.dominated.length).toBe(slow.dominated.length);
        fast.dominated.forEach((d, i) => {
          expect(d.point).toBe(slow.dominated[i]?.point);
          expect(d.dominatedBy).toBe(slow.dominated[i]?.dominatedBy);
        });
      }),
      { seed: 22, numRuns: 400 },
    );
  });

  it('equals the oracle on larger seeded sets with costs beyond 2^53 that round to the same double', () => {
    // 2^60 + k for small k: Number() maps neighbours to one double; the order must stay exact.
    const big = 2n ** 60n;
    const point = fc.record({
      macs: fc.bigInt({ min: 0n, max: 300n }).map((k) => big + k),
      top1: fc.integer({ min: 0, max: 40 }),
    });
    fc.assert(
      fc.property(fc.array(point, { maxLength: 300 }), (points) => {
        const fast = paretoFrontier(points);
        const slow = bruteForce(points);
        expect(fast.frontier).toEqual(slow.frontier);
        fast.frontier.forEach((p, i) => expect(p).toBe(slow.frontier[i]));
        fast.dominated.forEach((d, i) => expect(d.dominatedBy).toBe(slow.dominated[i]?.dominatedBy));
      }),
      { seed: 23, numRuns: 60 },
    );
  });

  it('reads each coordinate O(log n) times per point, not O(n) (20,000 points, reads counted)', () => {
    // A quadratic method reads about n² = 4·10⁸ coordinates; n log n is about 3·10⁵.
    let reads = 0;
    let state = 7;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const n = 20_000;
    const points = Array.from({ length: n }, () => {
      const macs = BigInt(Math.floor(random() * 1e6));
      const top1 = Math.floor(random() * 1e4) / 100;
      return {
        get macs() {
          reads++;
          return macs;
        },
        get top1() {
          reads++;
          return top1;
        },
      };
    });
    const { frontier, dominated } = paretoFrontier(points);
    expect(frontier.length + dominated.length).toBe(n);
    expect(reads).toBeLessThan(10 * n * Math.log2(n));
  });
});
