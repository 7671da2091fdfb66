import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../src/cost/analyze.js';
import { readOnnxModel, readSparse, SKIPPED_RAW_DATA_BYTES } from '../../src/io/onnx-file.js';
import { PAPER_CONVENTION } from '../../src/model/convention.js';
import { decodeOnnx } from '../../src/onnx/decode-onnx.js';
import { encodeModel, int64s, node } from './onnx-test-graph.js';

describe('readOnnxModel', () => {
  const folder = mkdtempSync(join(tmpdir(), 'onnx-file-test-'));
  // a 64×64×3×3 float weight with data (147,456 bytes of raw_data) and a small int64 shape constant
  const big = Array.from({ length: 64 * 64 * 9 }, (_v, i) => (i % 7) + 1);
  const bytes = encodeModel({
    inputs: [['x', [1, 64, 8, 8]]],
    initializers: [{ name: 'w', dims: [64, 64, 3, 3], values: big }, int64s('shape', [1, -1])],
    nodes: [
      node('Conv', ['x', 'w'], ['y'], { pads: { ints: [1, 1, 1, 1] } }),
      node('Reshape', ['y', 'shape'], ['z']),
      node('Relu', ['z'], ['out']),
    ],
  });
  const file = join(folder, 'net.onnx');
  writeFileSync(file, bytes);

  it('reads everything but large raw_data payloads, which stay zero; the decoded graph is the same', () => {
    const sparse = readSparse(file);
    expect(sparse.length).toBe(bytes.length);
    const differing = sparse.reduce((count, byte, i) => count + (byte !== bytes[i] ? 1 : 0), 0);
    expect(differing).toBeGreaterThan(0);
    expect(differing).toBeLessThanOrEqual(big.length * 4);
    expect(big.length * 4).toBeGreaterThan(SKIPPED_RAW_DATA_BYTES);
    const full = decodeOnnx(bytes, file);
    const partial = decodeOnnx(sparse, file);
    expect(partial.graph.nodes).toEqual(full.graph.nodes);
    expect(partial.graph.initializers.get('w')?.dims).toEqual([64, 64, 3, 3]);
    expect(partial.graph.initializers.get('shape')).toEqual(full.graph.initializers.get('shape'));
  });

  it('counts from the file (hand count: 8·8·64·64·9 MACs)', () => {
    const report = analyze(readOnnxModel(file).build(), PAPER_CONVENTION);
    expect(report.total.macs).toBe(8n * 8n * 64n * 64n * 9n);
    expect(report.layers[report.layers.length - 1]?.output).toEqual({ channels: 4096, height: 1, width: 1 });
  });

  it('a missing file or a truncated one is a one-line error naming it', () => {
    expect(() => readOnnxModel(join(folder, 'none.onnx'))).toThrow(`${join(folder, 'none.onnx')}: file not found`);
    const cut = join(folder, 'cut.onnx');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 1000));
    expect(() => readOnnxModel(cut)).toThrow(/cut\.onnx: not an ONNX model: protobuf decoding failed/);
    rmSync(folder, { recursive: true, force: true });
  });
});
