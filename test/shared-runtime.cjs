/**
 * Jest's runtime, with Jest's own libraries loaded once per worker instead of once per test file.
 *
 * Before each test file Jest loads its test framework into the file's context: jest-circus's
 * adapter and, through it, expect, jest-snapshot, pretty-format, chalk and their dependencies —
 * about 2 MB of JavaScript, compiled and run again for every file: 7 s of CPU in a profile of the
 * suite, the largest cost no test asks for (measured without the two browser files: 111–115 s of
 * machine CPU before, 105–108 s after). Node 20 never frees a vm module either, so every copy
 * stayed in memory until the worker ended: the heap after 31 files grew 4 MB per file before,
 * 2 MB after.
 *
 * The test files of a worker share one context (`test/node-environment.cjs`), so a library loaded
 * by one file is of the same realm as the next file's code. This runtime keeps the exports of every
 * internal module under `node_modules` — the libraries Jest loads for the framework — and hands
 * them to the worker's later files. Three things stay per file: jest-circus itself (its adapter
 * holds the file's tests, hooks and state), @jest/expect (it adds the snapshot matchers, see
 * `PER_FILE`), and every module the tests import (src/, test/ and their packages are still loaded
 * into each file's own registry; `test/setup-packages.ts` shares a few packages deliberately).
 * jest-snapshot itself is shared: a serializer a file adds (`expect.addSnapshotSerializer`)
 * would stay for the worker's later files (no test adds one). Where the context is not shared (Node older than 20.18), each
 * file gets its own cache, which is Jest's behaviour.
 *
 * expect registers its built-in matchers when it is first evaluated; the environment therefore
 * keeps them when it resets the matchers between files, and drops only those a file added.
 */
const { default: Runtime } = require('jest-runtime');
const { dirname, sep } = require('node:path');

/**
 * Folders whose modules are loaded for every file: jest-circus's, and @jest/expect's, whose
 * evaluation adds jest-snapshot's matchers (`toMatchSnapshot`, …) to the shared expect — the
 * environment drops every matcher but expect's built-in ones between files, so loaded once, the
 * second file of a worker would have none of them.
 */
const PER_FILE = ['jest-circus', '@jest/expect'].map((name) => dirname(require.resolve(`${name}/package.json`)) + sep);
const NODE_MODULES = `${sep}node_modules${sep}`;

/** Per context global: the resolved path of an internal module → its exports. */
const shared = new WeakMap();

class SharedInternalsRuntime extends Runtime {
  requireInternalModule(from, to) {
    let path;
    try {
      path = to === undefined ? from : this._resolution.resolveCjs(from, to);
    } catch {
      return super.requireInternalModule(from, to);
    }
    if (
      typeof path !== 'string' ||
      !path.includes(NODE_MODULES) ||
      PER_FILE.some((folder) => path.startsWith(folder))
    ) {
      return super.requireInternalModule(from, to);
    }
    const global = this._environment.global;
    let modules = shared.get(global);
    if (modules === undefined) shared.set(global, (modules = new Map()));
    if (modules.has(path)) return modules.get(path);
    const exports = super.requireInternalModule(from, to);
    modules.set(path, exports);
    return exports;
  }
}

module.exports = SharedInternalsRuntime;
module.exports.default = SharedInternalsRuntime;
