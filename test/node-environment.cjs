/**
 * Jest's node environment with test code in an ordinary V8 context.
 *
 * Jest 30 runs test code in a vm context whose global object is a contextified JavaScript Proxy,
 * so every read of a global (`Math`, `BigInt`, `Number`, …) goes through V8's interceptors and
 * the proxy's traps: measured here, 5 million `Math.floor` calls take 680 ms CPU in a test and
 * 37 ms with `floor` bound once; the graph and butterfly code ran 4–5× slower under Jest than
 * under plain Node. Node ≥ 20.18 can make a context whose global is an ordinary object
 * (`vm.constants.DONT_CONTEXTIFY`); this environment lets Jest build its usual global, then
 * moves everything Jest put on it (Node's globals, `process`, Jest's own symbols) onto such a
 * context and runs the tests there.
 *
 * The test files of one worker share that context: before a file runs, what the previous file's
 * environment and code put on the global is deleted (a replaced built-in is restored, expect's
 * matchers are reset) and Jest's globals for the new file are put there. Each file still has its own
 * module registry (its own instances of src/); Jest's own libraries are loaded once per worker
 * (`test/shared-runtime.cjs`). What one context allows is a cache that outlives
 * a file: `test/worker-shared.ts` keeps values that are expensive to make and never change (the
 * lazily loaded packages, a compiled JSON schema) for the worker's later files; values from an
 * earlier file's context would belong to another realm (`x instanceof Object` false).
 */
const vm = require('node:vm');
const { TestEnvironment: NodeEnvironment } = require('jest-environment-node');
const { ModuleMocker } = require('jest-mock');
const { LegacyFakeTimers, ModernFakeTimers } = require('@jest/fake-timers');

/** Globals Jest deliberately takes from the host realm (see jest-environment-node). */
const HOST_GLOBALS = new Set(['Buffer', 'ArrayBuffer', 'Uint8Array']);

/** The worker's map of values shared by its test files (test/worker-shared.ts reads it). */
const WORKER_SHARED = Symbol.for('butterflops.test.worker-shared');

/** expect's state object, made by the first file's expect and kept on the global (not deletable). */
const MATCHERS_OBJECT = Symbol.for('$$jest-matchers-object');

/** The mark expect puts on its built-in matchers. */
const INTERNAL_MATCHER = Symbol.for('$$jest-internal-matcher');

/**
 * The one context of this worker process (Jest loads this module once per worker), reused by
 * every test file the worker runs, with its own built-ins as they were made.
 */
let shared;

class NodeEnvironmentPlainGlobal extends NodeEnvironment {
  constructor(config, context) {
    super(config, context);
    if (vm.constants?.DONT_CONTEXTIFY === undefined) return; // older Node: keep Jest's context
    const proxied = this.global;
    if (shared === undefined) {
      const context = vm.createContext(vm.constants.DONT_CONTEXTIFY);
      const builtins = new Map(
        Reflect.ownKeys(context).map((key) => [key, Reflect.getOwnPropertyDescriptor(context, key)]),
      );
      shared = { global: context, builtins, values: new Map() };
    }
    const { global, builtins } = shared;
    // What the previous test file's environment and code put on the global goes; a built-in it
    // replaced (`globalThis.Map = …`) gets its own back. Left as they are: properties a file adds
    // to a built-in object (`Math.x`, `Array.prototype.x`: no test may) and a global it made
    // non-configurable (it cannot be deleted).
    for (const key of Reflect.ownKeys(global)) {
      const own = builtins.get(key);
      if (own !== undefined) {
        if (Reflect.getOwnPropertyDescriptor(global, key)?.value !== own.value) Object.defineProperty(global, key, own);
      } else if (key !== MATCHERS_OBJECT && Reflect.getOwnPropertyDescriptor(global, key)?.configurable) {
        delete global[key];
      }
    }
    // expect's matchers and equality testers: its built-in matchers stay (expect is loaded once
    // per worker, test/shared-runtime.cjs, and registers them only then), and nothing a previous
    // file added does (jest-snapshot's matchers are added again for each file).
    const expectState = global[MATCHERS_OBJECT];
    if (expectState !== undefined) {
      const builtIn = Object.entries(expectState.matchers).filter(([, matcher]) => matcher[INTERNAL_MATCHER] === true);
      expectState.matchers = Object.assign(Object.create(null), Object.fromEntries(builtIn));
      expectState.customEqualityTesters = [];
    }
    for (const key of Reflect.ownKeys(proxied)) {
      if (key === 'global' || key === 'globalThis' || key === 'jest-symbol-do-not-touch') continue;
      if (builtins.has(key) && !HOST_GLOBALS.has(key)) continue;
      const descriptor = Reflect.getOwnPropertyDescriptor(proxied, key);
      if (descriptor === undefined) continue;
      if (descriptor.get !== undefined && descriptor.configurable) {
        // Jest's lazy getters of Node globals: resolve on first use, then a plain value.
        const { enumerable } = descriptor;
        Object.defineProperty(global, key, {
          configurable: true,
          enumerable,
          get() {
            const value = descriptor.get.call(proxied);
            Object.defineProperty(global, key, { configurable: true, enumerable, writable: true, value });
            return value;
          },
          set(value) {
            Object.defineProperty(global, key, { configurable: true, enumerable, writable: true, value });
          },
        });
      } else {
        Object.defineProperty(global, key, { ...descriptor, configurable: true });
      }
    }
    global.global = global;
    Object.defineProperty(global, 'jest-symbol-do-not-touch', {
      configurable: true,
      enumerable: false,
      value: global.Symbol,
    });
    Object.defineProperty(global, WORKER_SHARED, { configurable: true, enumerable: false, value: shared.values });
    global.Error.stackTraceLimit = 100;
    this.global = global;
    this.context = global;
    this.moduleMocker = new ModuleMocker(global);
    this.fakeTimers = new LegacyFakeTimers({
      config: config.projectConfig,
      global,
      moduleMocker: this.moduleMocker,
      timerConfig: {
        idToRef: (id) => ({
          id,
          ref() {
            return this;
          },
          unref() {
            return this;
          },
        }),
        refToId: (timer) => timer?.id,
      },
    });
    this.fakeTimersModern = new ModernFakeTimers({ config: config.projectConfig, global });
  }
}

module.exports = NodeEnvironmentPlainGlobal;
module.exports.TestEnvironment = NodeEnvironmentPlainGlobal;
