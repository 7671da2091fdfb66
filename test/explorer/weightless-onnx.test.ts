/**
 * The weightless bytes the explorer keeps of a dropped ONNX file (`src/explorer/weightless-onnx.ts`).
 *
 * Oracles: protobufjs's own decoding of the original file, with the large `raw_data` payloads
 * removed by hand, must equal its decoding of the weightless bytes (another reader of the wire
 * format than the walk under test); and the counts of the model decoded from them must equal the
 * CLI's, which reads the file sparsely (`io/onnx-file.ts`, zeros in place of those payloads).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countCost } from '../../src/count/count-request.js';
import { fusionFrom } from '../../src/cli/model-options.js';
import { LEFT_OUT_RAW_DATA_BYTES, weightlessOnnx } from '../../src/explorer/weightless-onnx.js';
import { SKIPPED_RAW_DATA_BYTES, readOnnxModel } from '../../src/io/onnx-file.js';
import { onnxModelDescription } from '../../src/onnx/onnx-model.js';
import { ONNX_MODEL_PROTO } from '../../src/onnx/onnx-schema.js';
import { withFilledWeights } from './filled-weights.js';
import type { ModelDescription } from '../../src/model/model-source.js';

type Plain = Record<string, unknown> & { graph: { initializer: { rawData?: Uint8Array | number[] }[] } };
/** The decoded file as plain objects; initializers' raw_data as arrays, those above `limit` bytes deleted. */
function plain(bytes: Uint8Array, limit = Infinity): Plain {
  const model = ONNX_MODEL_PROTO.toObject(ONNX_MODEL_PROTO.decode(bytes), { longs: String }) as Plain;
  for (const tensor of model.graph.initializer) {
    if (tensor.rawData === undefined) continue;
    if (tensor.rawData.length > limit) delete tensor.rawData;
    else tensor.rawData = Array.from(tensor.rawData);
  }
  return model;
}

const FILES = [
  join('test', 'fixtures', 'onnx', 'mobilenet_v3_small.onnx'),
  join('test', 'fixtures', 'onnx-transformers', 'vit_ti_16.onnx'),
];

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'butterflops-weightless-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;
/** `bytes` written to a new file in the test's folder; its path. */
function saved(bytes: Uint8Array): string {
  const path = join(folder, `model-${++files}.onnx`);
  writeFileSync(path, bytes);
  return path;
}

describe('weightlessOnnx', () => {
  it('leaves out exactly the payloads the CLI leaves unread', () => {
    expect(LEFT_OUT_RAW_DATA_BYTES).toBe(SKIPPED_RAW_DATA_BYTES);
  });

  it.each(FILES)('%s with its weights: every field kept but the large raw_data; a few kB, no memory shared', (file) => {
    const whole = withFilledWeights(readFileSync(file));
    const weightless = weightlessOnnx(whole);
    expect(plain(weightless)).toEqual(plain(whole, LEFT_OUT_RAW_DATA_BYTES));
    expect(weightless.buffer).not.toBe(whole.buffer);
    expect(weightless.length).toBeLessThan(whole.length / 10);
  });

  it.each([...FILES, join('test', 'fixtures', 'onnx-graph', 'tied_head.onnx')])(
    '%s decoded from the weightless bytes counts as the CLI counts (dense and BFT)',
    (file) => {
      const whole = withFilledWeights(readFileSync(file));
      const provenance = { kind: 'onnx', reference: file, path: file } as const;
      const models: ModelDescription[] = [
        onnxModelDescription(weightlessOnnx(whole), provenance, { complete: false }),
        readOnnxModel(saved(whole)), // the file with its weights, read as `butterflops count` reads it
      ];
      for (const kind of ['pointwise', 'bft'] as const) {
        const [page, cli] = models.map((model) =>
          countCost({ model, parameters: {}, fusion: fusionFrom({ fusion: kind }) }),
        );
        expect(page?.total).toEqual(cli?.total);
        expect(page?.layers.map((layer) => [layer.name, layer.macs, layer.params])).toEqual(
          cli?.layers.map((layer) => [layer.name, layer.macs, layer.params]),
        );
      }
    },
  );

  it('bytes that are not a ModelProto are copied as they are (the decoder refuses them)', () => {
    const junk = Uint8Array.from([0x3a, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]);
    expect([...weightlessOnnx(junk)]).toEqual([...junk]);
    expect(() => onnxModelDescription(weightlessOnnx(junk), { kind: 'onnx', reference: 'junk.onnx' })).toThrow(
      'not an ONNX model',
    );
  });
});
