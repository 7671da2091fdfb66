/**
 * Registers Node's `require` as the core's lazy-package loader for every test file (as the CLI
 * does), and lets the test files of one Jest worker share the packages it loaded.
 *
 * Jest gives each test file its own module registry, so each file that reaches mathjs would load
 * its ~900 CommonJS modules again (≈ 0.55 s; 28 files did). The CLI loads a package once per
 * process; here a worker loads each lazy package once, when the first of its files requires it,
 * and its later files get that module through Jest's module factory (`jest.mock`) instead of a
 * fresh load. The packages are stateless modules; the core still creates its own mathjs
 * instances in each file (`expr/math.ts`).
 */
import { jest } from '@jest/globals';
import '../src/io/node-packages.js';
import { LAZY_PACKAGES } from '../src/expr/lazy-package.js';
import { workerShared } from './worker-shared.js';

for (const name of LAZY_PACKAGES) {
  jest.mock(name, () => workerShared(`package ${name}`, () => jest.requireActual(name)));
}
