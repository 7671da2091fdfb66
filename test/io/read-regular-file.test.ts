import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userErrorMessage } from '../user-error-message.js';
import { readRegularFile } from '../../src/io/read-regular-file.js';
import { runInProcess as run } from '../cli/run-main.js';

/*
 * Issue 23, item 4: readers refuse what is not a regular file before reading a byte — a device
 * (`/dev/zero` never ends: read whole it aborted the process), a FIFO (an open waits for a writer
 * forever), a folder — and files over the size read.
 */
const folder = mkdtempSync(join(tmpdir(), 'butterflops-read-'));
const fifo = join(folder, 'pipe.onnx');
const hasFifo = spawnSync('mkfifo', [fifo]).status === 0;
const folderAsModel = join(folder, 'folder.json');
mkdirSync(folderAsModel);
const zeroModel = join(folder, 'zero.onnx');
symlinkSync('/dev/zero', zeroModel);

describe('readRegularFile', () => {
  it('reads a regular file exactly', () => {
    const path = join(folder, 'small.txt');
    writeFileSync(path, 'abc');
    expect([...readRegularFile(path, 10)]).toEqual([97, 98, 99]);
  });

  it('refuses a device, a folder and a file over the limit', () => {
    expect(userErrorMessage(() => readRegularFile('/dev/zero', 100))).toBe(
      '/dev/zero: is a device, not a regular file',
    );
    expect(userErrorMessage(() => readRegularFile(folder, 100))).toBe(`${folder}: is a folder, not a file`);
    const path = join(folder, 'big.txt');
    writeFileSync(path, 'x'.repeat(2 ** 20 + 1));
    expect(userErrorMessage(() => readRegularFile(path, 2 ** 20))).toBe(
      `${path}: is 1048577 bytes, larger than the 1048576 bytes read; expected a file of at most 1 MiB`,
    );
  });

  (hasFifo ? it : it.skip)('refuses a FIFO without waiting for a writer', () => {
    expect(userErrorMessage(() => readRegularFile(fifo, 100))).toBe(`${fifo}: is a FIFO, not a regular file`);
  });
});

describe('the CLI refuses such a model in one line, exit 2', () => {
  it.each([
    ['/dev/zero as an ONNX model', ['count', zeroModel], /zero\.onnx: is a device, not a regular file$/],
    ['a folder as an architecture file', ['count', folderAsModel], /folder\.json: is a folder, not a file$/],
    ['/dev/zero as results', ['pareto', '/dev/zero'], /^butterflops: \/dev\/zero: is a device, not a regular file$/],
  ])('%s', async (_, args, message) => {
    const result = await run(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd()).toMatch(message);
    expect(result.stderr.split('\n')).toHaveLength(2);
  });

  (hasFifo ? it : it.skip)('a FIFO as an ONNX model', async () => {
    const result = await run(['count', fifo]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`butterflops: ${fifo}: is a FIFO, not a regular file\n`);
  });
});
