/**
 * The committed `reports/` folder is what `butterflops report` writes now. The report is built
 * once, by the CLI in this process (`report --out <temporary folder> --format json`), so the same
 * run also checks that `--format json` lists exactly the files written and the folder created.
 * Nothing is written under `reports/`: a stale report fails here and is regenerated with
 * `npm run report`.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { EXPLORER_SCREENSHOT } from '../../src/report/sections/explorer-section.js';
import { runInProcess } from '../cli/run-main.js';

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
  it('is what `npm run report` generates now (text files byte for byte; PNGs only by name), and report --format json lists what it wrote', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'butterflops-report-'));
    try {
      const out = join(folder, 'report');
      const run = await runInProcess(['report', '--out', out, '--format', 'json']);
      expect(run.status).toBe(0);
      const fresh = listFiles(out);
      const written = JSON.parse(run.stdout) as { wrote: string[]; createdFolders: string[] };
      expect(written.createdFolders).toContain(out);
      expect([...written.wrote].sort()).toEqual(fresh.map((file) => join(out, file)).sort());
      expect(fresh).toContain('index.md');
      for (const file of written.wrote) expect(existsSync(file)).toBe(true);

      const stale = 'reports/ is stale: run `npm run report` and commit the result';
      // The explorer's screenshot is written by the browser test on request (`npm run screenshot`), not by the report.
      expect({ files: listFiles('reports').filter((file) => file !== EXPLORER_SCREENSHOT), hint: stale }).toEqual({
        files: fresh,
        hint: stale,
      });
      for (const file of fresh) {
        if (file.endsWith('.png')) continue; // PNG bytes differ across machines
        expect({ file, contents: readFileSync(join('reports', file), 'utf8') }).toEqual({
          file,
          contents: readFileSync(join(out, file), 'utf8'),
        });
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 300_000); // the whole report, the explorer's esbuild bundle included
});
