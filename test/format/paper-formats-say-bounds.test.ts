/**
 * `count --format latex` and `--format csv` say what the table says beside the numbers: a MAC
 * count that is an upper bound (a size that depends on the data) reads "at most", and layers run
 * on several images per sample (RAFT's feature encoder on both frames) show their batch. Oracles
 * from PyTorch (test/fixtures/onnx-graph/expected.json): Faster R-CNN's forward hooks at the
 * graph's bounds, RAFT's torch.profiler FLOPs (conv2d + bmm) / 2.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInProcess } from '../cli/run-main.js';
import type { CliRun } from '../cli/run-cli.js';

const FOLDER = join(process.cwd(), 'test', 'fixtures', 'onnx-graph');
const expected = JSON.parse(readFileSync(join(FOLDER, 'expected.json'), 'utf8')) as {
  models: Record<string, { hook_macs_total: number | null; profiler?: { flops: Record<string, number> } }>;
};
const latexNumber = (value: number) => value.toLocaleString('en-US').replaceAll(',', '{,}');

let fasterLatex: CliRun;
let raftLatex: CliRun;
let raftCsv: CliRun;
beforeAll(async () => {
  fasterLatex = await runInProcess([
    'count',
    join(FOLDER, 'fasterrcnn_mobilenet_v3_large_320_fpn.onnx'),
    '--format',
    'latex',
  ]);
  raftLatex = await runInProcess(['count', join(FOLDER, 'raft_small.onnx'), '--format', 'latex']);
  raftCsv = await runInProcess(['count', join(FOLDER, 'raft_small.onnx'), '--format', 'csv']);
});

describe('LaTeX and CSV say "at most" and "batch" as the table does', () => {
  it('Faster R-CNN in LaTeX: the box head and the total read "at most", and a note names the bounding nodes', () => {
    const lines = fasterLatex.stdout.split('\n');
    const hooks = expected.models['fasterrcnn_mobilenet_v3_large_320_fpn']?.hook_macs_total ?? 0;
    expect(lines.find((line) => line.startsWith('total &'))).toContain(`& at most ${latexNumber(hooks)} &`);
    // fc6 at the post-NMS bound: 150 proposals × 12,544 × 1,024
    expect(lines.find((line) => line.startsWith('roi\\_heads/box\\_head/fc6/'))).toContain(
      `& at most ${latexNumber(150 * 12544 * 1024)} &`,
    );
    const note = lines.find((line) => line.startsWith('\\par\\noindent\\textit{MACs marked "at most"'));
    expect(note).toContain('/rpn/Slice\\_9 (Slice) at most 150');
    expect(lines.some((line) => line.startsWith('% AT MOST (size depends on the data): node /rpn/Slice_9'))).toBe(true);
  });

  it('RAFT in LaTeX and CSV: a batch column (2 for the feature encoder) and the line saying what it means', () => {
    const profiler = expected.models['raft_small']?.profiler?.flops ?? {};
    const macs = ((profiler['aten::conv2d'] ?? 0) + (profiler['aten::bmm'] ?? 0)) / 2;
    const lines = raftLatex.stdout.split('\n');
    expect(lines).toContain('layer & kind & input & output & batch & MACs & params & formula \\\\');
    expect(lines.find((line) => line.startsWith('total &'))).toContain(`&  & ${latexNumber(macs)} &`);
    expect(lines.some((line) => /^% batch: \d+ layer\(s\) run on 2/.test(line))).toBe(true);
    const csv = raftCsv.stdout.split('\n');
    expect(csv[0]?.split(',')).toContain('batch');
    expect(csv.some((line) => /^# batch: \d+ layer\(s\) run on 2/.test(line))).toBe(true);
  });
});
