import { existsSync, readdirSync, statSync } from 'node:fs';
import { UserError } from '../errors.js';
import { join, relative, sep } from 'node:path';
import { readTextFile } from './read-text-file.js';
import { compareValues } from '../text/compare.js';
import { FILE_PROBLEMS } from './file-problems.js';

/**
 * Reads every file under the folder `root` (recursively, UTF-8) into a map keyed
 * `data/<path inside root>` with `/` separators, sorted: the report's `dataFiles` input, the same
 * keys wherever the data folder lives. Hidden files are skipped.
 */
export function readDataFiles(root: string): Map<string, string> {
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new UserError(existsSync(root) ? FILE_PROBLEMS.isAFile : FILE_PROBLEMS.folderNotFound, {
      location: { file: root },
      expected: "a data folder holding architectures/ and results/ (the default is the package's data/)",
    });
  }
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.set(`data/${relative(root, path).split(sep).join('/')}`, readTextFile(path));
    }
  };
  walk(root);
  return new Map([...files].sort(([a], [b]) => compareValues(a, b)));
}
