/**
 * Registers Node's `require` as the core's lazy-package loader for every test file (as the CLI
 * does), and lets the test files of one Jest worker share what it loaded.
 *
 * Jest gives each test file its own module registry, so each file that reaches mathjs would load
 * its ~900 CommonJS modules again (≈ 0.55 s; 28 files did). The CLI loads a package once per
 * process; here a worker loads each lazy package once: the first file that requires it keeps the
 * module in the map the test environment (`node-environment.cjs`) puts on the global, which every
 * file of the worker shares along with the context, and later files get that module from Jest's
 * module factory instead of a fresh load. The packages are stateless modules; the core still
 * creates its own mathjs instances in each file (`expr/math.ts`).
 */
import { jest } from '@jest/globals';
import '../src/io/node-packages.js';
import { LAZY_PACKAGES } from '../src/expr/lazy-package.js';

const packages = (globalThis as { [key: symbol]: Map<string, unknown> | undefined })[
  Symbol.for('butterflops.test.packages')
];
if (packages !== undefined) {
  for (const name of LAZY_PACKAGES) {
    jest.mock(name, () => {
      if (!packages.has(name)) packages.set(name, jest.requireActual(name));
      return packages.get(name);
    });
  }
}
