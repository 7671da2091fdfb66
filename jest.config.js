/** Jest in ESM mode through ts-jest; type errors are caught by `tsc --noEmit` in `npm test`. */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  // The core loads mathjs, yaml and resvg through a registered loader (src/expr/lazy-package.ts).
  setupFiles: ['<rootDir>/test/setup-packages.ts'],
  testTimeout: 60000,
  // Jest's default on 2 cores is one worker; two overlap the CLI tests' process spawns with computation.
  maxWorkers: 2,
};
