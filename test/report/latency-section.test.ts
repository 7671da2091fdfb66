/**
 * The "Measured latency" section says, from the numbers, why a measured graph's MACs differ from
 * the paper's count and which measured graphs `export` no longer builds.
 *
 * Oracles: hand-made rows (which are stale and which differ is decided by construction); for
 * `builtMacs`, the MACs of the exported ONNX graphs `npm run measure` counted (it exports each
 * configuration and counts the file it times: another route than the cost model's), and the
 * per-layer hand count of ShuffleNetV2's buildable base-4 network from issue 22.
 */
import { describe, expect, it } from '@jest/globals';
import { defaultModelSource } from '../../src/index.js';
import { builtMacs, measuredGraphsNote } from '../../src/report/sections/latency-section.js';

const graph = (label: string, macs: number, counted: number, built: number) => ({
  label,
  macs: BigInt(macs),
  counted: BigInt(counted),
  built: BigInt(built),
});

describe('measuredGraphsNote', () => {
  it('names exactly the graphs whose MACs are not what export builds today', () => {
    const note = measuredGraphsNote([
      graph('A @128', 90, 100, 90), // built as today, fewer than the paper's count
      graph('B @160', 120, 110, 95), // measured on an older construction
      graph('C @224', 50, 50, 50), // the paper's count
    ]);
    expect(note).toContain("2 measured BFT graph(s) differ from the paper's count");
    expect(note).toContain('1 have fewer MACs, 1 more (up to 1.09×)');
    expect(note).toContain('1 were measured on graphs `butterflops export` no longer builds');
    expect(note).toMatch(/: B @160; `npm run measure` re-measures them\.$/);
    expect(note).not.toContain('A @128');
  });

  it('says each graph is what export builds today when none is stale', () => {
    const note = measuredGraphsNote([graph('A @128', 90, 100, 90), graph('C @224', 50, 50, 50)]);
    expect(note).toContain('Each graph was measured as `butterflops export` builds it today');
    expect(note).not.toContain('re-measure');
  });

  it('says nothing of constructions when every graph has the paper count', () => {
    expect(measuredGraphsNote([graph('C @224', 50, 50, 50)])).toBe("Every measured graph has the paper's count.");
  });
});

describe('builtMacs', () => {
  const models = defaultModelSource();
  const built = (arch: string, width: number | undefined, resolution: number) =>
    builtMacs(models, {
      arch,
      ...(width !== undefined ? { width } : {}),
      resolution,
      fusion: 'bft',
      macs: '0',
      medianMs: 0,
      q1Ms: 0,
      q3Ms: 0,
    });

  it('equals the MACs of the exported graphs `npm run measure` counted (data/measurements/latency-bft-paper.json)', () => {
    expect(built('mobilenet-v1', 1, 128)).toBe(22_331_392n);
    expect(built('mobilenet-v1', 2, 224)).toBe(143_393_792n);
    expect(built('shufflenet-v2-1.25', undefined, 224)).toBe(37_708_928n);
  });

  it("is ShuffleNetV2-1.0's hand-worked buildable count at base 4 (issue 22: 42,883,720, not the counted 33,316,568)", () => {
    expect(built('shufflenet-v2', 1, 224)).toBe(42_883_720n);
  });
});
