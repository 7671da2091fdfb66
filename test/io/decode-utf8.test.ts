import { describe, expect, it } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { decodeUtf8 } from '../../src/io/decode-utf8.js';

describe('decodeUtf8', () => {
  it('decodes UTF-8 and drops a byte-order mark', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xc3, 0xa9]), 'f.csv')).toBe('aé');
  });

  it('points at the first invalid byte (a Latin-1 "é" on line 2)', () => {
    // "ab\ncdé" in Latin-1: é = 0xE9 followed by "x" is not a valid UTF-8 sequence.
    const bytes = new Uint8Array([0x61, 0x62, 0x0a, 0x63, 0x64, 0xe9, 0x78]);
    expect(() => decodeUtf8(bytes, 'f.csv')).toThrow(UserError);
    expect(() => decodeUtf8(bytes, 'f.csv')).toThrow(
      'f.csv:2:3: wrong encoding: not valid UTF-8; received "byte 0xe9"',
    );
  });

  it('recognises UTF-16', () => {
    expect(() => decodeUtf8(new Uint8Array([0xff, 0xfe, 0x61, 0x00]), 'f.csv')).toThrow(
      'f.csv:1:1: wrong encoding: the file is UTF-16',
    );
  });
});
