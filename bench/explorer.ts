/**
 * `npm run bench:explorer`: how fast the explorer page is in Chromium (issue 13's targets: first
 * render under 1 s, an update under 100 ms for zoo models). Builds the page from the current
 * sources, opens it from disk once per zoo model and changes a few controls, and writes
 * bench/explorer-results.json and bench/explorer-results.md. Not part of the test suite.
 *
 * Wall times are the page's own (`performance` marks and `window.butterflopsExplorer.timings`);
 * main-thread CPU time comes from Chromium's `Performance.getMetrics` (`ThreadTime`), which a
 * busy shared machine inflates much less than wall time.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleExplorerScripts } from '../src/io/explorer-bundle.js';
import { readDataFiles } from '../src/io/read-data-files.js';
import { zooSource } from '../src/arch/zoo-source.js';
import { explorerDataFiles, explorerHtml } from '../src/report/explorer-html.js';
import { launchChromium } from './chromium.js';

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

interface ModelRow {
  model: string;
  modulesReadyMs: number;
  firstViewsMs: number;
  allViewsMs: number;
  loadCpuMs: number;
  updateFirstViewsMs: number[];
  updateAllViewsMs: number[];
}

async function main(): Promise<void> {
  const loadStart = loadavg();
  const bundleStart = performance.now();
  const script = await bundleExplorerScripts();
  const bundleMs = performance.now() - bundleStart;
  const dataFiles = readDataFiles('data');
  const html = explorerHtml(script, explorerDataFiles(dataFiles));
  const folder = mkdtempSync(join(tmpdir(), 'butterflops-bench-'));
  const file = join(folder, 'explorer.html');
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  const browser = await launchChromium();
  const rows: ModelRow[] = [];
  try {
    for (const model of zooSource(dataFiles).list()) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(`${url}#model=${model}`);
      await page.waitForFunction(() => document.documentElement.dataset['status'] === 'ready', null, {
        timeout: 300_000,
      });
      const metrics = (await cdp.send('Performance.getMetrics')).metrics;
      const threadTime = metrics.find((m) => m.name === 'ThreadTime')?.value ?? Number.NaN;
      const marks = await page.evaluate(() =>
        Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
      );
      // Updates: the fusion and the resolution, each set through its control, waiting for every view.
      const steps: [string, string][] = [
        ['#fusion', 'bft'],
        ['#fusion', 'pointwise'],
        ['#fusion', 'bft'],
        ['#fusion', 'pointwise'],
      ];
      if ((await page.locator('#param-resolution').count()) > 0)
        steps.push(['#param-resolution', '192'], ['#param-resolution', '160'], ['#param-resolution', '224']);
      for (const [selector, value] of steps) {
        const before = await page.evaluate(() => window.butterflopsExplorer.timings.length);
        if (selector === '#fusion') await page.selectOption(selector, value);
        else await page.fill(selector, value);
        await page.waitForFunction(
          (n) =>
            window.butterflopsExplorer.timings.length > n && document.documentElement.dataset['status'] === 'ready',
          before,
          { timeout: 300_000 },
        );
      }
      const timings = await page.evaluate(() => window.butterflopsExplorer.timings.slice(1));
      rows.push({
        model,
        modulesReadyMs: marks['explorer:modules-ready'] ?? Number.NaN,
        firstViewsMs: marks['explorer:first-views'] ?? Number.NaN,
        allViewsMs: marks['explorer:first-render'] ?? Number.NaN,
        loadCpuMs: threadTime * 1000,
        updateFirstViewsMs: timings.map((t) => t.firstViewsMs),
        updateAllViewsMs: timings.map((t) => t.allViewsMs),
      });
      process.stdout.write(`${model}: first views ${rows.at(-1)?.firstViewsMs.toFixed(0)} ms\n`);
      await page.close();
    }
  } finally {
    await browser.close();
    rmSync(folder, { recursive: true, force: true });
  }
  const loadEnd = loadavg();
  const bytes = statSync('reports/explorer.html', { throwIfNoEntry: false })?.size ?? Buffer.byteLength(html);
  const f = (value: number) => value.toFixed(0);
  const md = [
    '# Explorer benchmark (`npm run bench:explorer`)',
    '',
    `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, Debian Chromium (headless).`,
    `Shared machine: load average (1, 5, 15 min) ${loadStart.map((v) => v.toFixed(2)).join(', ')} at the start, ${loadEnd.map((v) => v.toFixed(2)).join(', ')} at the end;`,
    'wall times on a loaded 2-core machine are several times what an idle one shows: read the main-thread CPU column as the idle estimate.',
    '',
    `Page: ${html.length.toLocaleString('en-US')} characters, ${Buffer.byteLength(html).toLocaleString('en-US')} bytes (reports/explorer.html: ${bytes.toLocaleString('en-US')} bytes); bundling with esbuild took ${f(bundleMs)} ms.`,
    '',
    'Load = a fresh page with `#model=<id>` opened from disk: the page script evaluated (the core; mathjs and Vega come in the deferred bundle),',
    'first views (totals, per-layer table) painted, every view done (deferred bundle decompressed and evaluated, charts, formula, equal-cost search);',
    'main-thread CPU over the whole load. Update = a control changed (fusion, resolution):',
    'median time to the first views and to every view.',
    '',
    '| model | modules ready ms | first views ms | all views ms | load main-thread CPU ms | update: first views ms (median) | update: all views ms (median) |',
    '|:---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.model} | ${f(r.modulesReadyMs)} | ${f(r.firstViewsMs)} | ${f(r.allViewsMs)} | ${f(r.loadCpuMs)} | ${f(median(r.updateFirstViewsMs))} | ${f(median(r.updateAllViewsMs))} |`,
    ),
    '',
  ].join('\n');
  writeFileSync('bench/explorer-results.md', md);
  writeFileSync(
    'bench/explorer-results.json',
    `${JSON.stringify({ loadStart, loadEnd, bundleMs, htmlBytes: Buffer.byteLength(html), rows }, null, 2)}\n`,
  );
  process.stdout.write(md);
}

await main();
