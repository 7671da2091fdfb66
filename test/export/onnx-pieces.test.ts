/**
 * An export in pieces (`export/onnx-pieces.ts`): a model encoded with placeholder `raw_data`,
 * its payloads spliced back in. Oracle: protobufjs encoding the same model with the payloads
 * themselves. The payload sizes straddle the varint steps (127/128, 16,383/16,384 bytes), and
 * so do the tensors' and the graph's lengths, which the splice rewrites.
 */
import { describe, expect, it } from '@jest/globals';
import { joinPieces, piecesLength, RAW_DATA_PLACEHOLDER, spliceRawData } from '../../src/export/onnx-pieces.js';
import type { ByteRange } from '../../src/model/model-source.js';
import { ONNX_MODEL_PROTO } from '../../src/onnx/onnx-schema.js';

/** `length` bytes counting up from `seed` (mod 256). */
const bytesOf = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (seed + i) % 256);

/**
 * A ModelProto with fields around the graph and in the tensors (before and after `raw_data`), and
 * one uint8 initializer per payload, `dims` [i + 1].
 */
function model(payloads: readonly Uint8Array[]) {
  return {
    irVersion: 8,
    producerName: 'pieces-test',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'g',
      node: [{ input: ['x', 't0'], output: ['y'], name: 'n', opType: 'Add', domain: '' }],
      initializer: payloads.map((payload, i) => ({
        dims: [i + 1],
        dataType: 2,
        name: `t${i}`,
        rawData: payload,
        externalData: [{ key: 'k', value: 'v' }],
      })),
      input: [{ name: 'x' }],
      output: [{ name: 'y' }],
    },
  };
}

const encode = (message: object) => ONNX_MODEL_PROTO.encode(ONNX_MODEL_PROTO.fromObject(message)).finish();

describe('spliceRawData', () => {
  const sizes = [1, 127, 128, 300, 16_383, 16_384, 70_000, 2_100_000];

  it.each(sizes)('one payload of %i bytes among small ones: the encoding with the payload itself', (size) => {
    const payloads = [bytesOf(5, 1), bytesOf(size, 2), bytesOf(3, 3)];
    const placeholders = model(payloads.map((p, i) => (i === 1 ? RAW_DATA_PLACEHOLDER : p)));
    const pieces = spliceRawData(encode(placeholders), new Map([[1, payloads[1] ?? new Uint8Array()]]));
    const expected = encode(model(payloads));
    expect(piecesLength(pieces)).toBe(expected.length);
    expect(Buffer.from(joinPieces(pieces)).equals(Buffer.from(expected))).toBe(true);
  });

  it('every payload a stretch of a source file: the stretches, in order, between the encoding around them', () => {
    // The "file": the payloads one after another at known offsets.
    const payloads = sizes.map((size, i) => bytesOf(size, 7 * i));
    const file = new Uint8Array(piecesLength(payloads));
    const ranges: ByteRange[] = [];
    for (const payload of payloads) {
      const offset = ranges.reduce((end, r) => end + r.length, 0);
      file.set(payload, offset);
      ranges.push({ offset, length: payload.length });
    }
    const pieces = spliceRawData(
      encode(model(payloads.map(() => RAW_DATA_PLACEHOLDER))),
      new Map(ranges.map((range, i) => [i, range])),
    );
    expect(pieces.filter((piece) => !(piece instanceof Uint8Array))).toEqual(ranges);
    const resolved = pieces.map((piece) =>
      piece instanceof Uint8Array ? piece : file.subarray(piece.offset, piece.offset + piece.length),
    );
    expect(Buffer.from(joinPieces(resolved)).equals(Buffer.from(encode(model(payloads))))).toBe(true);
    expect(() => joinPieces(pieces)).toThrow(/copies 1 bytes at 0 from its source file/);
  });

  it('no payload: the encoding itself, one piece; a placeholder missing is an Error', () => {
    const encoded = encode(model([bytesOf(4, 0)]));
    expect(spliceRawData(encoded, new Map())).toEqual([encoded]);
    expect(() => spliceRawData(encoded, new Map([[0, bytesOf(9, 0)]]))).toThrow(/no single placeholder raw_data/);
    expect(() => spliceRawData(encoded, new Map([[3, bytesOf(9, 0)]]))).toThrow(/no initializer 3/);
  });
});
