import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The minified Vega runtime (`vega/build/vega.min.js`, a UMD file defining the global `vega`),
 * to inline in a self-contained HTML chart.
 */
export function readVegaRuntime(): string {
  return readFileSync(join(dirname(require.resolve('vega')), 'vega.min.js'), 'utf8');
}
