import { build, stop } from 'esbuild';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFERRED_GLOBAL, type ExplorerScripts } from '../report/explorer-html.js';
import { packageRoot } from './package-root.js';

/** The explorer page's entry module, relative to the package root. */
export const EXPLORER_ENTRY = 'src/explorer/page.ts';

/** The deferred bundle's entry (mathjs, vega-embed, protobufjs), relative to the package root. */
export const EXPLORER_DEFERRED_ENTRY = 'src/explorer/deferred-packages.ts';

/**
 * The explorer page's scripts, bundled by esbuild from the package's TypeScript sources:
 * `src/explorer/page.ts` with the core (ONNX importer and exporter included), yaml and csv-parse
 * as one minified classic script (an IIFE), and `src/explorer/deferred-packages.ts` (mathjs, Vega,
 * Vega-Lite, vega-embed, protobufjs: most of the code) as a second IIFE that sets `DEFERRED_GLOBAL`, gzip-compressed (level 9) and
 * base64-encoded. The page parses and runs only the first to paint its first views, then
 * decompresses and evaluates the second. Neither has imports left, so the HTML page inlines both
 * and works from `file://`.
 *
 * Bundled at `explore` time, so the page always runs the code of the installed version; the same
 * input gives the same bytes (esbuild's output is deterministic, paths are relative to the package
 * root, and Node's gzip writes no time stamp), which keeps `reports/explorer.html` byte-stable.
 * Takes 3–4 s on this shared 2-core machine; the alternative, bundling at `npm run build` into
 * `dist/`, would make `explore` instant but let a stale build put old code in the page and in the
 * committed report.
 */
export async function bundleExplorerScripts(): Promise<ExplorerScripts> {
  const root = packageRoot();
  const options = {
    absWorkingDir: root,
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    charset: 'utf8',
    legalComments: 'eof',
    logLevel: 'silent',
    // csv-parse's Node build uses Node's Buffer; its browser build carries its own.
    alias: { 'csv-parse/sync': 'csv-parse/browser/esm/sync' },
  } as const;
  try {
    const [page, deferred] = await Promise.all([
      build({ ...options, entryPoints: [join(root, EXPLORER_ENTRY)] }),
      build({ ...options, entryPoints: [join(root, EXPLORER_DEFERRED_ENTRY)], globalName: DEFERRED_GLOBAL }),
    ]);
    const pageText = page.outputFiles[0]?.text;
    const deferredText = deferred.outputFiles[0]?.text;
    if (pageText === undefined || deferredText === undefined)
      throw new Error('esbuild produced no output for the explorer page');
    return {
      page: pageText,
      deferredGzipBase64: gzipSync(Buffer.from(deferredText, 'utf8'), { level: 9 }).toString('base64'),
    };
  } finally {
    await stop(); // esbuild's helper process would otherwise outlive the call (and hold test workers open)
  }
}
