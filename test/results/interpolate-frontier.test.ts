import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { costToReachTop1, frontierReader, top1AtCost } from '../../src/results/interpolate-frontier.js';

const M = 1_000_000n;
const p = (mmacs: number, top1: number) => ({ macs: BigInt(mmacs) * M, top1 });
// The paper's MobileNetV1 pointwise frontier (Table 1c), in MMACs.
const frontier = [p(14, 41.5), p(21, 45.5), p(34, 47.7), p(41, 50.6), p(49, 56.3), p(110, 61.7), p(150, 63.3)];

describe('top1AtCost', () => {
  it('returns a frontier point exactly at its cost', () => {
    expect(top1AtCost(frontier, 21n * M)).toEqual({ top1: 45.5, extrapolated: false });
    expect(top1AtCost(frontier, 150n * M)).toEqual({ top1: 63.3, extrapolated: false });
  });

  it('interpolates log-linearly (values from a hand calculator)', () => {
    // 45.5 + 2.2 * ln(23/21) / ln(34/21) = 45.9153634… (computed with Python's math.log).
    const at23 = top1AtCost(frontier, 23n * M);
    expect(at23.extrapolated).toBe(false);
    expect(at23.top1).toBeCloseTo(45.91536341, 7);
    // 61.7 + 1.6 * ln(112/110) / ln(150/110) = 61.7929522…
    expect(top1AtCost(frontier, 112n * M).top1).toBeCloseTo(61.79295228, 7);
    // Geometric midpoint of 14 and 21 (√294 MMACs) sits halfway: 43.5. 17146428 MACs ≈ √294·10⁶.
    expect(top1AtCost(frontier, 17_146_428n).top1).toBeCloseTo(43.5, 5);
  });

  it('flags extrapolation and extends the nearest segment', () => {
    // Below 14M: segment 14→21 extended; at 14·(14/21) = 9.333M the log distance is −1 segment: 41.5 − 4 = 37.5.
    const below = top1AtCost(frontier, 9_333_333n);
    expect(below.extrapolated).toBe(true);
    expect(below.top1).toBeCloseTo(37.5, 4);
    // Above 150M: segment 110→150 extended by its own log length: 150·150/110 = 204.545M → 63.3 + 1.6 = 64.9.
    const above = top1AtCost(frontier, 204_545_455n);
    expect(above.extrapolated).toBe(true);
    expect(above.top1).toBeCloseTo(64.9, 4);
  });

  it('cannot read a frontier of one point away from it, or an empty one', () => {
    expect(top1AtCost([p(12, 51.7)], 15n * M)).toEqual({ top1: null, extrapolated: true });
    expect(top1AtCost([p(12, 51.7)], 12n * M)).toEqual({ top1: 51.7, extrapolated: false });
    expect(top1AtCost([], 12n * M)).toEqual({ top1: null, extrapolated: true });
  });
});

describe('costToReachTop1', () => {
  it('inverts the interpolation (hand calculator: 41 · (49/41)^(1.66/5.7) = 43.18455…M)', () => {
    expect(costToReachTop1(frontier, 52.26)).toBe(43_184_557n);
    expect(costToReachTop1(frontier, 56.3)).toBe(49n * M);
    expect(costToReachTop1(frontier, 43.5)).toBe(17_146_428n);
  });

  it('is null outside the frontier accuracy range', () => {
    expect(costToReachTop1(frontier, 64.32)).toBeNull();
    expect(costToReachTop1(frontier, 40)).toBeNull();
  });
});

describe('frontierReader', () => {
  /** Linear-scan oracle: the segment around the cost / accuracy found by walking the frontier. */
  function linearTop1(points: { macs: bigint; top1: number }[], macs: bigint): number | null {
    const exact = points.find((q) => q.macs === macs);
    if (exact !== undefined) return exact.top1;
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i]!;
      const b = points[i + 1]!;
      if (a.macs < macs && macs < b.macs)
        return (
          a.top1 +
          ((b.top1 - a.top1) * Math.log(Number(macs) / Number(a.macs))) / Math.log(Number(b.macs) / Number(a.macs))
        );
    }
    return null;
  }

  it('reads random frontiers like a linear scan does (seeded)', () => {
    const frontierPoints = fc
      .uniqueArray(fc.integer({ min: 1, max: 500 }), { minLength: 2, maxLength: 30 })
      .map((costs) => costs.sort((a, b) => a - b).map((c, i) => ({ macs: BigInt(c) * 1000n, top1: 10 + i * 1.5 })));
    fc.assert(
      fc.property(frontierPoints, fc.integer({ min: 1, max: 500_000 }), (points, cost) => {
        const reader = frontierReader([...points].reverse());
        const macs = BigInt(cost);
        const expected = linearTop1(points, macs);
        if (expected !== null) {
          for (const reading of [reader.top1AtCost(macs), top1AtCost(points, macs)]) {
            expect(reading.extrapolated).toBe(false);
            expect(reading.top1).toBeCloseTo(expected, 9);
          }
        } else expect(reader.top1AtCost(macs).extrapolated).toBe(true);
        // The inverse at every frontier accuracy and halfway between neighbours.
        points.forEach((q, i) => {
          expect(reader.costToReachTop1(q.top1)).toBe(q.macs);
          const next = points[i + 1];
          if (next === undefined) return;
          const half = (q.top1 + next.top1) / 2;
          const geometric = Math.round(Math.sqrt(Number(q.macs) * Number(next.macs)));
          expect(Number(reader.costToReachTop1(half))).toBeCloseTo(geometric, -1);
        });
      }),
      { seed: 22, numRuns: 200 },
    );
  });
});
