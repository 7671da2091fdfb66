import { build, stop } from 'esbuild';
import { join } from 'node:path';
import { packageRoot } from './package-root.js';

/** The explorer page's entry module, relative to the package root. */
export const EXPLORER_ENTRY = 'src/explorer/page.ts';

/**
 * The explorer page's script: `src/explorer/page.ts` with everything it imports (the core, Vega,
 * Vega-Lite, vega-embed, mathjs, yaml, ajv) bundled by esbuild into one minified ES module for
 * the browser, with no imports left, so the HTML page can inline it and work from `file://`.
 *
 * Bundled from the package's TypeScript sources (shipped with the package) at `explore` time, so
 * the page always runs the code of the installed version; the same input gives the same bytes
 * (esbuild's output is deterministic; paths are relative to the package root), which keeps
 * `reports/explorer.html` byte-stable. Takes 3–4 s (0.6 s of it CPU in this process, the rest in
 * esbuild's own process) on this shared 2-core machine under load; the alternative, bundling at
 * `npm run build` into `dist/`, would make `explore` instant but let a stale build put old code in
 * the page and in the committed report.
 */
export async function bundleExplorerScript(): Promise<string> {
  const root = packageRoot();
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(root, EXPLORER_ENTRY)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    charset: 'utf8',
    legalComments: 'eof',
    logLevel: 'silent',
    // csv-parse's Node build uses Node's Buffer; its browser build carries its own.
    alias: { 'csv-parse/sync': 'csv-parse/browser/esm/sync' },
  }).finally(() => stop()); // esbuild's helper process would otherwise outlive the call (and hold test workers open)
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error('esbuild produced no output for the explorer page');
  return output.text;
}
