import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess as runCli } from '../cli/run-main.js';
import { encodeModel, node, weight } from './onnx-test-graph.js';

const folder = mkdtempSync(join(tmpdir(), 'onnx-cli-test-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const write = (name: string, bytes: Uint8Array | string) => {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
};

// conv 3→4 (3×3, pad 1) on 6×6, then an operator without a rule whose output shape the file declares
const partial = write(
  'partial.onnx',
  encodeModel({
    inputs: [['x', [1, 3, 6, 6]]],
    initializers: [weight('w', [4, 3, 3, 3])],
    nodes: [
      node('Conv', ['x', 'w'], ['a'], { pads: { ints: [1, 1, 1, 1] } }, '/conv/Conv'),
      node('Foo', ['a'], ['y'], {}, '/foo/Foo'),
    ],
    valueInfo: [['y', [1, 4, 6, 6]]],
  }),
);

describe('butterflops count model.onnx', () => {
  it('counts an ONNX file and lists operators without a rule (hand count 6·6·4·27 = 3,888 MACs)', async () => {
    const run = await runCli(['count', partial]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('total macs: 3,888');
    expect(run.stdout).toContain('NOT COUNTED (operator Foo has no importer rule): 1 node(s): /foo/Foo');
    const json = JSON.parse((await runCli(['count', partial, '--format', 'json'])).stdout) as { notCounted: unknown };
    expect(json.notCounted).toEqual([{ kind: 'Foo', layers: ['/foo/Foo'], operator: true }]);
  });

  it('--strict exits 2 with one line and no output when something is not counted', async () => {
    const run = await runCli(['count', partial, '--strict']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(
      '--strict: not counted: Foo ×1; expected every layer and operator counted (drop --strict to see the partial count)',
    );
  });

  it('bad files and parameters exit 2 with one line naming the file, nothing written', async () => {
    for (const [path, pattern] of [
      [
        write(
          'random.onnx',
          Uint8Array.from({ length: 512 }, (_v, i) => (i * 7919 + 13) % 256),
        ),
        /random\.onnx: not an ONNX model/,
      ],
      [write('json.onnx', '{"name": "net"}\n'), /json\.onnx: not an ONNX model/],
      [join(folder, 'missing.onnx'), /missing\.onnx: file not found/],
    ] as const) {
      const run = await runCli(['count', path]);
      expect([run.status, run.stdout]).toEqual([2, '']);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(pattern);
    }
    const width = await runCli(['count', partial, '--width', '0.5']);
    expect([width.status, width.stderr.trim()]).toEqual([
      2,
      expect.stringContaining('--width: ONNX model partial has no parameter "width"'),
    ]);
  });

  const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'onnx');
  const maybe = existsSync(join(FIXTURES, 'expected.json')) ? it : it.skip;
  maybe(
    "--input sets a dynamic export's dims, --resolution a square size; counts equal PyTorch's (test/fixtures/onnx/expected.json)",
    async () => {
      const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as {
        models: Record<string, { macs_by_resolution: Record<string, number> }>;
      };
      const oracle = expected.models['shufflenet_v2_x0_5']?.macs_by_resolution ?? {};
      const file = join(FIXTURES, 'shufflenet_v2_x0_5.dynamic.onnx');
      const byInput = JSON.parse(
        (await runCli(['count', file, '--input', 'input=1x3x256x192', '--format', 'json'])).stdout,
      ) as { total: { macs: number } };
      expect(byInput.total.macs).toBe(oracle['256x192']);
      const bySize = JSON.parse((await runCli(['count', file, '--resolution', '160', '--format', 'json'])).stdout) as {
        total: { macs: number };
      };
      expect(bySize.total.macs).toBe(oracle['160x160']);
      const badName = await runCli(['count', file, '--input', 'image=1x3x8x8']);
      expect([badName.status, badName.stderr.trim()]).toEqual([
        2,
        expect.stringContaining('--input: "image" is not an input of the graph; expected one of "input"'),
      ]);
    },
  );
});

describe('butterflops count --bound', () => {
  // a Loop without a trip count whose condition comes from the data: bounded only by --bound
  const loop = write(
    'loop.onnx',
    encodeModel({
      inputs: [
        ['x', [1, 4, 6, 6]],
        ['go', []],
      ],
      initializers: [weight('w', [4, 4, 1, 1])],
      nodes: [
        node(
          'Loop',
          ['', 'go', 'x'],
          ['h'],
          {
            body: {
              graph: {
                inputs: [
                  ['i', []],
                  ['c', []],
                  ['h_in', [1, 4, 6, 6]],
                ],
                outputs: ['c_out', 'h_out'],
                nodes: [node('Identity', ['c'], ['c_out']), node('Conv', ['h_in', 'w'], ['h_out'], {}, '/body/Conv')],
              },
            },
          },
          '/loop/Loop',
        ),
      ],
    }),
  );

  it('refuses the loop by name without it, counts at the bound and says "at most" with it', async () => {
    const refused = await runCli(['count', loop]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('node "/loop/Loop" (Loop): its first condition depends on the data');
    expect(refused.stderr).toContain('--bound /loop/Loop=N');
    const bounded = await runCli(['count', loop, '--bound', '/loop/Loop=3']);
    expect(bounded.status).toBe(0);
    expect(bounded.stdout).toContain(`total macs: at most ${(3 * 6 * 6 * 4 * 4).toLocaleString('en-US')}`);
    expect(bounded.stdout).toContain('AT MOST (size depends on the data): node /loop/Loop (Loop) gives at most 3');
  });

  it('a bound of 0 counts the layers after it at 0 (Faster R-CNN with no box kept: the box head costs nothing)', async () => {
    const fasterRcnn = join('test', 'fixtures', 'onnx-graph', 'fasterrcnn_mobilenet_v3_large_320_fpn.onnx');
    const total = async (bound: number) => {
      const run = await runCli(['count', fasterRcnn, '--bound', `NonMaxSuppression_1132=${bound}`, '--format', 'json']);
      expect(run.stderr).toBe('');
      return BigInt(String((JSON.parse(run.stdout) as { total: { macs: unknown } }).total.macs));
    };
    // per kept box, by hand: fc6 12,544·1,024, fc7 1,024·1,024, the class and box predictors 1,024·(91 + 364)
    const perBox = 12544n * 1024n + 1024n * 1024n + 1024n * (91n + 364n);
    // PyTorch's hooks at the graph's own bound of 150 boxes (expected.json): 2,872,931,200
    expect(await total(0)).toBe(2_872_931_200n - 150n * perBox);
    expect((await total(1)) - (await total(0))).toBe(perBox);
  });
});
