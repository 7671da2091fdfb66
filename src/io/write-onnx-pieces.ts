/**
 * Writes an export given in pieces (`export/onnx-pieces.ts`): its bytes, and stretches of the
 * source file copied through a buffer of {@link COPY_CHUNK_BYTES}, so that the memory it takes
 * does not grow with the weights. The file is written as every output file is (`output.ts`:
 * through a temporary sibling, so a failure — the source unreadable, changed since it was read,
 * or shorter — leaves nothing half-written).
 */
import { closeSync, readSync, writeSync } from 'node:fs';
import { UserError } from '../errors.js';
import type { OnnxPiece } from '../export/onnx-pieces.js';
import type { ByteRange } from '../model/model-source.js';
import { fileProblem } from './file-problems.js';
import { fileStamp } from './onnx-file.js';
import { writeFileAtomic, type WriteResult } from './output.js';
import { MAX_BINARY_BYTES, openRegularFile } from './read-regular-file.js';

/** Bytes copied from the source at a time: 4 MiB. */
export const COPY_CHUNK_BYTES = 4 * 2 ** 20;

/** The file the stretches of an export are copied from, and what it was when read (`readSparseSource`). */
export interface PiecesSource {
  readonly path: string;
  readonly stamp: string;
}

/** Writes all of `bytes` into `fd`. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let at = 0;
  while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
}

/** Copies the stretch `range` of the open file `from` to `to`, a chunk at a time through `buffer`. */
function copyRange(from: number, to: number, range: ByteRange, buffer: Uint8Array, path: string): void {
  let at = range.offset;
  const end = range.offset + range.length;
  while (at < end) {
    let read: number;
    try {
      read = readSync(from, buffer, 0, Math.min(buffer.length, end - at), at);
    } catch (error) {
      throw new UserError(fileProblem((error as NodeJS.ErrnoException).code, 'read'), { location: { file: path } });
    }
    if (read <= 0)
      throw new UserError(`ended at byte ${at} while its weights were copied`, {
        location: { file: path },
        expected: `the file as it was read (${end} bytes or more); export it again`,
      });
    writeAll(to, buffer.subarray(0, read));
    at += read;
  }
}

/** Opens the file the stretches are copied from, checked to be still the file that was read. */
function openSource(source: PiecesSource | undefined): { fd: number; path: string } {
  if (source === undefined) throw new Error('an export copies stretches of a source file, but none was given');
  const { fd } = openRegularFile(source.path, MAX_BINARY_BYTES);
  if (fileStamp(fd) !== source.stamp) {
    closeSync(fd);
    throw new UserError('changed since it was read', {
      location: { file: source.path },
      expected: 'the file unchanged while it is exported; export it again',
    });
  }
  return { fd, path: source.path };
}

/**
 * Writes the pieces of an export to `path` (one output file, `writeFileAtomic`'s rules), copying
 * each stretch from `source`, which must still be the file that was read (same stamp: otherwise
 * a `UserError` naming it, and nothing written — the source is checked before the first byte, so
 * a device or FIFO written in place gets nothing either). `source` may be absent when no piece is
 * a stretch. O(pieces) system calls plus one read and write per 4 MiB copied.
 */
export function writeOnnxPieces(
  path: string,
  pieces: readonly OnnxPiece[],
  source: PiecesSource | undefined,
): WriteResult {
  return writeFileAtomic(path, (fd) => {
    const from = pieces.every((piece) => piece instanceof Uint8Array) ? undefined : openSource(source);
    try {
      let buffer: Uint8Array | undefined;
      for (const piece of pieces) {
        if (piece instanceof Uint8Array) writeAll(fd, piece);
        else if (from === undefined) throw new Error('a stretch to copy without its source');
        else copyRange(from.fd, fd, piece, (buffer ??= new Uint8Array(COPY_CHUNK_BYTES)), from.path);
      }
    } finally {
      if (from !== undefined) closeSync(from.fd);
    }
  });
}
