import { describe, expect, it } from '@jest/globals';
import { encodeVarint, readVarint } from '../../src/onnx/protobuf-varint.js';

describe('protobuf varints', () => {
  it('match the encoding guide (1 = 01, 150 = 96 01, 300 = ac 02) and 2^53 − 1 in 8 bytes', () => {
    expect([...encodeVarint(1)]).toEqual([0x01]);
    expect([...encodeVarint(150)]).toEqual([0x96, 0x01]);
    expect([...encodeVarint(300)]).toEqual([0xac, 0x02]);
    const max = encodeVarint(Number.MAX_SAFE_INTEGER);
    expect([...max]).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]);
    expect(readVarint(max, 0, max.length)).toEqual({ value: Number.MAX_SAFE_INTEGER, next: 8 });
  });

  it('reads from an offset, and a varint cut by `end` or longer than 10 bytes is undefined', () => {
    const bytes = Uint8Array.from([0x08, 0xac, 0x02, 0x10]);
    expect(readVarint(bytes, 1, bytes.length)).toEqual({ value: 300, next: 3 });
    expect(readVarint(bytes, 1, 2)).toBeUndefined();
    expect(readVarint(new Uint8Array(11).fill(0x80), 0, 11)).toBeUndefined();
  });
});
