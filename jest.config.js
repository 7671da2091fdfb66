/** Jest in ESM mode, TypeScript transpiled by esbuild (test/esbuild-transform.cjs); type errors are caught by the `tsc --noEmit` that `npm test` (scripts/test.mjs) runs beside Jest. */
export default {
  testEnvironment: '<rootDir>/test/node-environment.cjs',
  // Jest's own libraries (expect, jest-snapshot, …) loaded once per worker, not once per test file.
  runtime: '<rootDir>/test/shared-runtime.cjs',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': '<rootDir>/test/esbuild-transform.cjs' },
  // The core loads mathjs, yaml and resvg through a registered loader (src/expr/lazy-package.ts).
  setupFiles: ['<rootDir>/test/setup-packages.ts'],
  testTimeout: 60000,
  // A passing run prints only jest's summary; a failing one adds each failure's message after
  // it (summaryThreshold 0: even for one test file). Run with --reporters=default for per-file lines.
  reporters: [['summary', { summaryThreshold: 0 }]],
  // Jest's default on 2 cores is one worker; two overlap the CLI tests' process spawns with computation.
  maxWorkers: 2,
  // Workers leak no handle: after jest's "end" message each exits within a few milliseconds (seen
  // by logging process 'exit' in the workers; only the stdio and IPC pipes are open). On a loaded
  // machine the message or the exit event can take longer than jest's 500 ms default to be
  // processed, and jest then kills the worker and prints "A worker process has failed to exit
  // gracefully". Waiting longer only matters when a worker really hangs.
  workerGracefulExitTimeout: 10000,
};
