/**
 * Values made once per Jest worker and shared by the test files it runs: for what is expensive to
 * make and never changes once made (a loaded package, a compiled JSON schema), never for state a
 * test changes. The worker's files run in one context (`node-environment.cjs`), which holds the
 * map; without it (Node < 20.18) each file makes its own.
 */
const values = (globalThis as { [key: symbol]: Map<string, unknown> | undefined })[
  Symbol.for('butterflops.test.worker-shared')
];

/** The value under `key`, made by `make` the first time any test file of this worker asks. */
export function workerShared<T>(key: string, make: () => T): T {
  if (values === undefined) return make();
  if (!values.has(key)) values.set(key, make());
  return values.get(key) as T;
}
