import { describe, expect, it } from '@jest/globals';
import { runInProcess } from './run-main.js';

describe('butterflops criteria', () => {
  it('prints the promised JSON keys for one structure', async () => {
    const run = await runInProcess(['criteria', '--structure', 'bft', '--n', '64', '--base', '4', '--format', 'json']);
    expect(run.status).toBe(0);
    const record = JSON.parse(run.stdout) as Record<string, unknown>;
    for (const key of [
      'structure',
      'n',
      'layers',
      'edges',
      'everyToAll',
      'unreachablePairs',
      'bottleneck',
      'equalOutDegree',
      'outDegrees',
      'paths',
      'lowerBound',
      'criteria',
    ])
      expect(record).toHaveProperty(key);
    expect(record).toMatchObject({
      structure: 'bft',
      n: 64,
      layers: 3,
      edges: 768,
      everyToAll: true,
      unreachablePairs: 0,
      bottleneck: 64,
      equalOutDegree: true,
      outDegrees: [4, 4, 4],
      paths: { min: 1, max: 1, sources: 64, sampled: false },
      lowerBound: 384,
      criteria: { connectivity: true, bottleneck: true, symmetry: true, fewestEdges: true, all: true },
    });
  });

  it('compares every structure in a table', async () => {
    const run = await runInProcess(['criteria', '--structure', 'all', '--n', '64']);
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    const row = (name: string) => lines.find((line) => line.startsWith(`${name} `)) ?? '';
    expect(row('bft')).toMatch(/ 768 .* yes$/);
    expect(row('bft-mixed')).toMatch(/yes$/);
    expect(row('low-rank')).toMatch(/no$/);
    expect(row('random')).toMatch(/no$/);
    // issue 22: dense meets connectivity, bottleneck and symmetry but has 4096 edges, not the fewest
    // (64·(2+2+2+2+2+2) = 768 = 64·min{Σd : ∏d ≥ 64}): all four criteria is no.
    expect(row('dense')).toMatch(/ 4096 .* yes +1 +no +no$/);
    expect(row('bft')).toMatch(/ 768 .* yes +1 +yes +yes$/);
    expect(lines[0]).toMatch(/fewest edges +all four criteria$/);
  });

  it('lists structures that do not fit n instead of failing', async () => {
    const run = await runInProcess([
      'criteria',
      '--structure',
      'all',
      '--n',
      '48',
      '--base',
      '4',
      '--format',
      'markdown',
    ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/- bft skipped: .*not a power of the base 4/);
    expect(run.stdout).toMatch(/\| bft-mixed \|/);
  });

  it.each([
    [['criteria', '--structure', 'bft', '--n', '1']],
    [['criteria', '--structure', 'bft', '--n', '48', '--base', '4']],
    [['criteria', '--structure', 'bft', '--n', '64', '--base', '1']],
    [['criteria', '--structure', 'nope', '--n', '64']],
    [['criteria', '--structure', 'low-rank', '--n', '64', '--rank', '64']],
    [['criteria', '--structure', 'shuffle', '--n', '64', '--groups', '5']],
  ])('bad input %j exits 2 with one line', async (argv) => {
    const run = await runInProcess(argv);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('butterflops criteria --format csv (issue 9, item 4)', () => {
  it('one row of raw values per structure, with the closed-form edge counts at n = 64', async () => {
    const run = await runInProcess(['criteria', '--structure', 'all', '--n', '64', '--format', 'csv']);
    expect(run.status).toBe(0);
    const [header = '', ...rows] = run.stdout.trim().split('\n');
    const columns = header.split(',');
    const byStructure = new Map(
      rows.map((line) => {
        const cells = line.split(',');
        return [cells[0] ?? '', (name: string) => cells[columns.indexOf(name)] ?? ''];
      }),
    );
    expect([...byStructure.keys()]).toEqual([
      'dense',
      'bft',
      'bft-mixed',
      'bft-official',
      'shuffle',
      'low-rank',
      'circulant',
      'random',
    ]);
    // n² for dense; k·n·log_k n = 2·64·6 for the butterflies; 2·n·r for rank r = 6; n·log2 n = 384.
    expect(byStructure.get('dense')?.('edges')).toBe(String(64 * 64));
    for (const bft of ['bft', 'bft-mixed', 'bft-official'])
      expect(byStructure.get(bft)?.('edges')).toBe(String(2 * 64 * 6));
    expect(byStructure.get('low-rank')?.('edges')).toBe(String(2 * 64 * 6));
    expect(byStructure.get('low-rank')?.('bottleneck')).toBe('6');
    // n → r → n: the r = 6 middle nodes are the cut; a butterfly's first narrowest column is its inputs.
    expect(byStructure.get('low-rank')?.('bottleneck_cut')).toBe('0·6·0');
    expect(byStructure.get('bft')?.('bottleneck_cut')).toBe(['64', ...Array.from({ length: 6 }, () => '0')].join('·'));
    for (const read of byStructure.values()) {
      expect(read('lower_bound')).toBe('384');
      for (const flag of ['every_to_all', 'equal_out_degree', 'connectivity', 'symmetry'])
        expect(['true', 'false']).toContain(read(flag));
      expect(read('edges')).toMatch(/^\d+$/);
    }
  });
});
