import type { Command } from 'commander';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/output.js';
import { packageRoot } from '../io/package-root.js';
import { readDataFiles } from '../io/read-data-files.js';

/**
 * `butterflops explore --out reports/explorer.html`: writes the explorer, one self-contained
 * HTML page (the core, Vega, Vega-Lite and vega-embed bundled; the zoo and the paper's results
 * embedded) that counts in the browser and works offline from disk. Open it with a hash such as
 * `#model=mobilenet-v1&width=2&fusion=bft`.
 */
export function register(program: Command): Command {
  return program
    .command('explore')
    .description('write the explorer: one offline HTML page that counts models live in the browser')
    .requiredOption('--out <file>', 'HTML file to write, e.g. reports/explorer.html')
    .option(
      '--data <folder>',
      "data folder whose architectures and results the page embeds (default: the package's data/)",
    )
    .action(async (options: { out: string; data?: string }) => {
      // esbuild and the page's HTML are loaded only when the command runs, so other commands start fast.
      const { bundleExplorerScripts } = await import('../io/explorer-bundle.js');
      const { explorerDataFiles, explorerHtml } = await import('../report/explorer-html.js');
      const dataFiles = explorerDataFiles(readDataFiles(options.data ?? join(packageRoot(), 'data')));
      writeFileAtomic(options.out, explorerHtml(await bundleExplorerScripts(), dataFiles));
    });
}
