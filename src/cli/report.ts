import { Option, type Command } from 'commander';
import { join } from 'node:path';
import { chartFontFiles } from '../io/chart-fonts.js';
import { prepareFolderDestination, writeFilesUnder } from '../io/output.js';
import { packageRoot } from '../io/package-root.js';
import { readDataFiles } from '../io/read-data-files.js';
import { readVegaRuntime } from '../io/vega-runtime.js';
import { buildReport } from '../report/report.js';
import { announceWritten, writtenJson } from './written.js';

/** Progress appears on stderr once the report has taken longer than this (ms). */
const QUIET_MS = 300;

/**
 * `butterflops report --out reports/`: rebuilds the whole report from `data/` (see
 * `src/report/sections/`). Everything is built in memory first; then the files are written. The
 * `--out` folder is created when missing (with its parents); the folders created and every file
 * written are printed on stderr.
 */
export function register(program: Command): Command {
  return program
    .command('report')
    .description('regenerate the report (index.md, Pareto/iso-cost analysis, charts) from data/')
    .requiredOption('--out <folder>', 'report folder, e.g. reports/ (created with its parent folders when missing)')
    .option('--data <folder>', "data folder (default: the package's data/)")
    .addOption(
      new Option('--format <format>', 'stdout: nothing (text) or the files written as JSON')
        .choices(['text', 'json'])
        .default('text'),
    )
    .action(async (options: { out: string; data?: string; format: 'text' | 'json' }) => {
      prepareFolderDestination(options.out);
      const started = Date.now();
      // The sections (Vega, the cost model) are loaded only when the report runs, so other commands start fast.
      const { REPORT_SECTIONS } = await import('../report/sections/index.js');
      const { reportInputs } = await import('../report/sections/report-section.js');
      const explorerScript = async () => (await import('../io/explorer-bundle.js')).bundleExplorerScripts();
      const progress = (message: string) => {
        if (Date.now() - started > QUIET_MS) process.stderr.write(`butterflops report: ${message}\n`);
      };
      const files = await buildReport(
        reportInputs(
          readDataFiles(options.data ?? join(packageRoot(), 'data')),
          { fontFiles: chartFontFiles, vegaRuntime: readVegaRuntime },
          explorerScript,
        ),
        REPORT_SECTIONS,
        (step, total, section) => progress(`[${step}/${total}] ${section.id}`),
      );
      const written = writeFilesUnder(options.out, files);
      announceWritten(written);
      if (options.format === 'json') process.stdout.write(writtenJson(written));
      progress(`${files.size} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
}
