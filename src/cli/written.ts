import type { WriteResult } from '../io/output.js';

/**
 * Says what a command wrote, on stderr (stdout keeps only the command's own output, so
 * `bound --csv s.csv --format json | jq` still works): one `created folder PATH` line per folder
 * that did not exist, then one `wrote PATH` line per file, paths as the user spelled them.
 */
export function announceWritten(result: WriteResult): void {
  const lines = [
    ...result.createdFolders.map((folder) => `created folder ${folder}`),
    ...result.written.map((file) => `wrote ${file}`),
  ];
  if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`);
}

/** What was written, as the JSON document `chart`/`report` print with `--format json`. */
export function writtenJson(result: WriteResult): string {
  return `${JSON.stringify({ wrote: result.written, createdFolders: result.createdFolders }, null, 2)}\n`;
}
