/**
 * Protocol Buffers' base-128 varints (the wire format's tags and lengths), read and written
 * without a schema: what the sparse file reader (`io/onnx-file.ts`) and the explorer's
 * weightless copy of a dropped file (`explorer/weightless-onnx.ts`) walk the bytes with. Values
 * are JavaScript numbers, exact below 2^53 (every tag, length and offset of a real file).
 */

/** The varint at `at` (up to 10 bytes), or undefined when it runs past `end`. O(1). */
export function readVarint(bytes: Uint8Array, at: number, end: number): { value: number; next: number } | undefined {
  let value = 0;
  let scale = 1;
  for (let i = at; i < end && i < at + 10; i++) {
    const byte = bytes[i] ?? 0;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) return { value, next: i + 1 };
  }
  return undefined;
}

/** The varint of a non-negative integer below 2^53. Example: encodeVarint(300) = [0xac, 0x02]. */
export function encodeVarint(value: number): Uint8Array {
  const out: number[] = [];
  let rest = value;
  while (rest >= 128) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return Uint8Array.from(out);
}
