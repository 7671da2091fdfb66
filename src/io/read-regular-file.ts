import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { UserError } from '../errors.js';
import { fileProblem, FILE_PROBLEMS } from './file-problems.js';

/** Largest text file read (architecture files, plans, result CSVs): 256 MiB. */
export const MAX_TEXT_BYTES = 256 * 2 ** 20;
/** Largest binary file read whole (an ONNX model with its weights: protobuf's own limit, 2 GiB). */
export const MAX_BINARY_BYTES = 2 * 2 ** 30;

/**
 * Opens `path` for reading and checks, before reading a byte, that it is a regular file of at
 * most `maxBytes`: a folder, a device (`/dev/zero`), a FIFO or a socket is refused by name, as
 * is a file over the limit. The open does not block (a FIFO without a writer would wait
 * forever). Returns the descriptor and size; the caller closes it. Throws a `UserError` naming
 * the file.
 */
export function openRegularFile(path: string, maxBytes: number): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new UserError(fileProblem((error as NodeJS.ErrnoException).code, 'read'), { location: { file: path } });
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new UserError(FILE_PROBLEMS.isAFolder, { location: { file: path } });
    if (!stat.isFile()) {
      const what = stat.isFIFO() ? 'a FIFO' : stat.isSocket() ? 'a socket' : 'a device';
      throw new UserError(`is ${what}, not a regular file`, { location: { file: path } });
    }
    if (stat.size > maxBytes) {
      throw new UserError(`is ${stat.size} bytes, larger than the ${maxBytes} bytes read`, {
        location: { file: path },
        expected: `a file of at most ${maxBytes / 2 ** 20} MiB`,
      });
    }
    return { fd, size: stat.size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/**
 * The bytes of the regular file at `path` (see {@link openRegularFile}): exactly the size it had
 * when opened, never more, so a file that grows while read cannot make the read unbounded.
 */
export function readRegularFile(path: string, maxBytes: number): Uint8Array {
  const { fd, size } = openRegularFile(path, maxBytes);
  try {
    const bytes = new Uint8Array(size);
    let at = 0;
    while (at < size) {
      const read = readSync(fd, bytes, at, size - at, at);
      if (read <= 0) break;
      at += read;
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(fileProblem((error as NodeJS.ErrnoException).code, 'read'), { location: { file: path } });
  } finally {
    closeSync(fd);
  }
}
