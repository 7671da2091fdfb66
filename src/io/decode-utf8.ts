import { UserError } from '../errors.js';

/**
 * Decodes a text file's bytes as UTF-8 (a leading byte-order mark is dropped). Invalid UTF-8
 * (Latin-1 files, UTF-16, binary data) is a `UserError` at the line and column of the first
 * bad byte. Pure. O(bytes).
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new UserError('wrong encoding: the file is UTF-16', {
      location: { file, line: 1, column: 1 },
      expected: 'UTF-8 text',
    });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const bad = firstInvalidByte(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const lines = before.split('\n');
    const column = [...(lines[lines.length - 1] ?? '')].length + 1;
    throw new UserError('wrong encoding: not valid UTF-8', {
      location: { file, line: lines.length, column },
      received: `byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')}`,
      expected: 'UTF-8 text (re-save the file as UTF-8)',
    });
  }
}

/** Index of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    const length =
      lead < 0x80
        ? 1
        : lead >= 0xc2 && lead < 0xe0
          ? 2
          : lead >= 0xe0 && lead < 0xf0
            ? 3
            : lead >= 0xf0 && lead < 0xf5
              ? 4
              : 0;
    if (length === 0) return i;
    const sequence = bytes.subarray(i, i + length);
    if (sequence.length < length) return i;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(sequence);
    } catch {
      return i;
    }
    i += length;
  }
  return bytes.length;
}
