import { describe, expect, it } from '@jest/globals';
import { placeLabels, textWidth } from '../../src/charts/place-labels.js';

const layout = { width: 200, height: 100, fontSize: 10, pointRadius: 4 };

describe('placeLabels', () => {
  it('puts a lone label right of its point, 6 px away, vertically centred', () => {
    expect(placeLabels([{ x: 50, y: 50, text: 'abc' }], layout)).toEqual([{ x: 56, y: 50 }]);
  });

  it('moves a label to the left when the right would leave the panel', () => {
    const [spot] = placeLabels([{ x: 195, y: 50, text: 'abc' }], layout);
    expect(spot).toEqual({ x: 195 - 6 - textWidth('abc', 10), y: 50 });
  });

  it('does not stack two labels of nearby points on each other', () => {
    const spots = placeLabels(
      [
        { x: 50, y: 50, text: 'first' },
        { x: 52, y: 52, text: 'second' },
      ],
      layout,
    );
    const [a, b] = spots;
    if (a == null || b == null) throw new Error('two spots expected');
    const h = 12;
    const disjoint =
      a.x + textWidth('first', 10) <= b.x || b.x + textWidth('second', 10) <= a.x || Math.abs(a.y - b.y) >= h;
    expect(disjoint).toBe(true);
  });
});
