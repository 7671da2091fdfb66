/**
 * The "Does the saving become time?" section's answer is computed from the measurements it is
 * given: a hand-made set of points and the ratios worked out by hand.
 */
import { describe, expect, it } from '@jest/globals';
import type { DesignPoint } from '../../src/latency/design-space.js';
import { readFileSync } from 'node:fs';
import { defaultModelSource } from '../../src/index.js';
import { DESIGN_SPACE_FILE, parseDesignSpace } from '../../src/latency/design-space.js';
import { designPointCounts, designSpaceAnswer } from '../../src/report/sections/design-space-section.js';

const point = (width: number, variant: DesignPoint['variant'], mmacs: number, ms: number): DesignPoint => ({
  arch: 'mobilenet-v1',
  width,
  variant,
  macs: String(mmacs * 1_000_000),
  medianMs: ms,
  q1Ms: ms,
  q3Ms: ms,
});

describe('designSpaceAnswer', () => {
  it('compares the fastest BFT network with the dense one of nearest MACs (log scale), then base 4 with √n and planned', () => {
    const text = designSpaceAnswer([
      point(0.5, 'dense', 100, 2),
      point(1, 'dense', 400, 5),
      point(2, 'base 4', 120, 8),
      point(2, 'sqrt', 180, 6),
      point(2, 'planned', 150, 7),
    ]);
    // 180M is nearer 100M (ratio 1.8) than 400M (2.22): 6 ms / 2 ms = 3.0×; 8 / 6 = 1.33×, 8 / 7 = 1.14×
    expect(text).toContain(
      'The fastest MobileNetV1 BFT network measured (width 2, sqrt, 180.0M MACs) takes 6.00 ms, 3.0× the dense MobileNetV1-0.5 of 100.0M MACs (2.00 ms)',
    );
    expect(text).toContain('MobileNetV1-2: base 4 8.00 ms, √n 6.00 ms (1.33×), planned 7.00 ms (1.14×)');
    expect(text).not.toContain('ShuffleNetV2');
  });

  it('says so when there is nothing to compare', () => {
    expect(designSpaceAnswer([])).toBe('No measurements.');
  });
});

describe('designSpaceAnswer, the verdict', () => {
  it('is "not on this runtime" when no BFT network beats its dense neighbour, "yes" when one does', () => {
    expect(designSpaceAnswer([point(0.5, 'dense', 100, 2), point(2, 'sqrt', 110, 6)])).toMatch(
      /^\*\*Measured here: not on this runtime\.\*\*/,
    );
    expect(designSpaceAnswer([point(0.5, 'dense', 100, 2), point(2, 'sqrt', 110, 1.5)])).toMatch(
      /^\*\*Measured here: yes for MobileNetV1\.\*\*/,
    );
  });
});

describe("designPointCounts (issue 22: the buildable count beside the paper's)", () => {
  const models = defaultModelSource();
  it('ShuffleNetV2-1.0 base 4: the paper convention counts 33,316,568, export builds 42,883,720 (hand count in test/count/buildable-count.test.ts)', () => {
    expect(designPointCounts({ ...point(1, 'base 4', 0, 1), arch: 'shufflenet-v2' }, models)).toEqual({
      counted: 33_316_568n,
      buildable: 42_883_720n,
    });
  });

  it("MobileNetV1's measured graphs (exported when measured, counted from the graph) are what export builds today", () => {
    const data = parseDesignSpace(JSON.parse(readFileSync(DESIGN_SPACE_FILE, 'utf8')) as unknown, DESIGN_SPACE_FILE);
    const points = data.points.filter((p) => p.arch === 'mobilenet-v1' && p.variant !== 'planned');
    expect(points.length).toBeGreaterThan(8);
    for (const p of points) expect(designPointCounts(p, models).buildable).toBe(BigInt(p.macs));
  });
});
