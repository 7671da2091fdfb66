import { afterEach, beforeEach, jest } from '@jest/globals';

/**
 * Captures what `main()` (src/cli/main.ts) writes, for in-process CLI tests: call once at the
 * top of a test file; `output()` returns this test's stdout and stderr so far.
 */
export function captureMainOutput(): () => { out: string; err: string } {
  let out = '';
  let err = '';
  beforeEach(() => {
    out = '';
    err = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out += String(chunk); return true; });
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { err += String(chunk); return true; });
    process.exitCode = undefined;
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
  });
  return () => ({ out, err });
}
