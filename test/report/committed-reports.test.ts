import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { chartFontFiles } from '../../src/io/chart-fonts.js';
import { bundleExplorerScripts } from '../../src/io/explorer-bundle.js';
import { readDataFiles } from '../../src/io/read-data-files.js';
import { readVegaRuntime } from '../../src/io/vega-runtime.js';
import { buildReport } from '../../src/report/report.js';
import { REPORT_SECTIONS } from '../../src/report/sections/index.js';
import { EXPLORER_SCREENSHOT } from '../../src/report/sections/explorer-section.js';
import { reportInputs } from '../../src/report/sections/report-section.js';

/** Files under `root`, relative, with `/` separators. */
function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(root, path).split(sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

describe('committed reports/', () => {
  it('is what `npm run report` generates now (text files byte for byte; PNGs only by name)', async () => {
    const files = await buildReport(
      reportInputs(
        readDataFiles('data'),
        { fontFiles: chartFontFiles, vegaRuntime: readVegaRuntime },
        bundleExplorerScripts,
      ),
      REPORT_SECTIONS,
    );
    const stale = 'reports/ is stale: run `npm run report` and commit the result';
    // The explorer's screenshot is written by the browser tests (test/explorer/), not by the report.
    expect({ files: listFiles('reports').filter((file) => file !== EXPLORER_SCREENSHOT), hint: stale }).toEqual({
      files: [...files.keys()],
      hint: stale,
    });
    for (const [path, contents] of files) {
      if (typeof contents !== 'string') continue; // PNG bytes differ across machines
      expect({ path, contents: readFileSync(join('reports', path), 'utf8') }).toEqual({ path, contents });
    }
  }, 300_000); // the whole report, the explorer's esbuild bundle included: ~1 min on a busy 2-core machine
});
