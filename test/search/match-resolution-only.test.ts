import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInProcess as run } from '../cli/run-main.js';

/**
 * `match` on models without a width parameter (a zoo ResNet, imported ONNX graphs): the sweep is
 * over the resolution alone. Oracles: PyTorch's own MACs of the exported ResNet-18 at each
 * resolution (`test/fixtures/onnx/expected.json`, made by `scripts/make-onnx-fixtures.py`), and
 * for the equal-cost BFT resolution, the `count` command at the resolutions on either side (the
 * solved one must be the nearest to the baseline's MACs).
 */
const FIXTURES = join('test', 'fixtures', 'onnx');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as {
  models: Record<string, { macs_by_resolution: Record<string, number> }>;
};

async function macsAt(model: string, resolution: number, fusion: string): Promise<bigint | undefined> {
  const result = await run([
    'count',
    model,
    '--resolution',
    String(resolution),
    '--fusion',
    fusion,
    '--format',
    'json',
  ]);
  if (result.status !== 0) return undefined;
  return BigInt((JSON.parse(result.stdout) as { total: { macs: string | number } }).total.macs);
}

interface Candidate {
  width: number | null;
  resolution: number;
  macs: number;
}

async function matchJson(
  args: string[],
): Promise<{ matches: Candidate[]; equalCost: { baseline: Candidate; bft: Candidate[] }[] }> {
  const result = await run(['match', ...args, '--format', 'json']);
  expect([result.status, result.stderr]).toEqual([0, '']);
  return JSON.parse(result.stdout) as { matches: Candidate[]; equalCost: { baseline: Candidate; bft: Candidate[] }[] };
}

/** The solved resolution r is the nearest to `target` among r − 1, r, r + 1 (counted one by one). */
async function expectNearest(model: string, solved: Candidate, target: bigint): Promise<void> {
  const distance = (macs: bigint | undefined) =>
    macs === undefined ? undefined : macs > target ? macs - target : target - macs;
  const at = distance(await macsAt(model, solved.resolution, 'bft'));
  expect(at).toBeDefined();
  for (const neighbour of [solved.resolution - 1, solved.resolution + 1]) {
    const other = distance(await macsAt(model, neighbour, 'bft'));
    if (other !== undefined) expect(at! <= other).toBe(true);
  }
}

describe('match over the resolution alone', () => {
  it("an imported ONNX ResNet-18: the grid count is PyTorch's, the BFT resolution of equal cost is the nearest", async () => {
    const model = join(FIXTURES, 'resnet18.onnx');
    const found = await matchJson([model, '--budget', '1G', '--resolutions', '128:256:32']);
    const pytorch = expected.models['resnet18']!.macs_by_resolution;
    // Within ±10 % of 1G on the grid: only 160 (925.8M); 128 gives 592.7M and 192 gives 1,332.9M.
    expect(found.matches.map((c) => [c.width, c.resolution, BigInt(c.macs)])).toEqual([
      [null, 160, BigInt(pytorch['160x160']!)],
    ]);
    expect(found.equalCost).toHaveLength(1);
    const [pair] = found.equalCost;
    expect(pair!.bft).toHaveLength(1);
    expect(pair!.bft[0]!.width).toBeNull();
    await expectNearest(model, pair!.bft[0]!, BigInt(pair!.baseline.macs));
  });

  it("an ONNX graph that cannot be built at tiny resolutions (SqueezeNet's pools): the search steps over them", async () => {
    const model = join(FIXTURES, 'squeezenet1_0.onnx');
    expect(await macsAt(model, 16, 'bft')).toBeUndefined(); // a pool window no longer fits
    const found = await matchJson([model, '--budget', '9M', '--resolutions', '32', '--tolerance', '0.2']);
    expect(found.matches.map((c) => c.resolution)).toEqual([32]);
    await expectNearest(model, found.equalCost[0]!.bft[0]!, BigInt(found.equalCost[0]!.baseline.macs));
  });

  it('a zoo model without a width (resnet-18): the table shows no width', async () => {
    const result = await run(['match', 'resnet-18', '--budget', '1.8G', '--tolerance', '2%']);
    expect(result.status).toBe(0);
    const row = result.stdout.split('\n').find((line) => /^\s+—\s+224\s/.test(line));
    expect(row).toBeDefined();
  });
});
