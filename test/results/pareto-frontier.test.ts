import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { dominates, paretoFrontier } from '../../src/results/pareto-frontier.js';

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
});
