import { mkdirSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { FILE_PROBLEMS, fileProblem } from './file-problems.js';

/**
 * Writing output files. Two rules, the same for every command:
 * - a single output file (`chart --out`, `bound --csv`) goes into a folder that exists; a missing
 *   folder is a `UserError` ("folder … not found"), never created silently;
 * - an output folder (`report --out`) is created when missing, with its missing parents, and the
 *   folders created are returned so the command can say so.
 * Every file is written atomically (a temporary sibling renamed into place), so a failure never
 * leaves a half-written file; every failure is a one-line `UserError` naming the path.
 */

/** What a write did: the files written and the folders created, in the order they happened. */
export interface WriteResult {
  readonly written: readonly string[];
  readonly createdFolders: readonly string[];
}

/** `statSync` that returns undefined for a path that does not exist (ENOENT or ENOTDIR). */
function statIfExists(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new UserError(fileProblem(code, 'write'), { location: { file: path } });
  }
}

/**
 * The nearest existing ancestor of `path` (itself included) and the missing folders below it,
 * outermost first. O(depth) stats.
 */
function existingAncestor(path: string): {
  readonly existing: string;
  readonly stats: Stats;
  readonly missing: string[];
} {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    const stats = statIfExists(current);
    if (stats !== undefined) return { existing: current, stats, missing };
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) throw new UserError(FILE_PROBLEMS.folderNotFound, { location: { file: path } });
    current = parent;
  }
}

/**
 * Checks, before any work, that `path` can be written as one file: its folder exists and is a
 * folder, and `path` is not a folder. Throws a one-line `UserError` otherwise. O(depth) stats.
 */
export function checkFileDestination(path: string): void {
  const folder = dirname(path);
  const { existing, stats, missing } = existingAncestor(folder);
  if (!stats.isDirectory()) {
    throw new UserError(FILE_PROBLEMS.isAFile, { location: { file: existing }, expected: `a folder to hold ${path}` });
  }
  if (missing.length > 0) {
    throw new UserError(FILE_PROBLEMS.folderNotFound, {
      location: { file: folder },
      expected: `an existing folder for ${path} (the folder of an output file is not created)`,
    });
  }
  if (statIfExists(path)?.isDirectory() === true)
    throw new UserError(FILE_PROBLEMS.isAFolder, { location: { file: path } });
}

/**
 * Checks, before any work, that `folder` is a folder or can be created: no file stands at its
 * place or at any ancestor's. Returns the folders that writing into it will create, outermost
 * first (empty when it exists). O(depth) stats.
 */
export function checkFolderDestination(folder: string): string[] {
  const { existing, stats, missing } = existingAncestor(folder);
  if (!stats.isDirectory()) {
    throw new UserError(FILE_PROBLEMS.isAFile, {
      location: { file: existing },
      ...(existing === folder ? {} : { expected: `a folder to hold ${folder}` }),
    });
  }
  return missing;
}

/** Writes one file through a temporary sibling renamed into place; failures are `UserError`s. */
function writeAtomically(path: string, contents: string | Uint8Array): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was created where the temporary file would be (e.g. the folder is a file).
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new UserError(fileProblem(code, 'write'), { location: { file: path } });
  }
}

/**
 * Writes one output file atomically into its existing folder (see {@link checkFileDestination};
 * a missing folder is an error, not created). Returns what was written.
 */
export function writeFileAtomic(path: string, contents: string | Uint8Array): WriteResult {
  checkFileDestination(path);
  writeAtomically(path, contents);
  return { written: [path], createdFolders: [] };
}

/**
 * Writes files whose paths are relative to `folder` (`/`-separated, e.g. `pareto/figure-1.png`),
 * only after all of them were produced in memory (the caller builds the map first, so bad input
 * stops before anything is written). `folder` and any subfolder are created when missing, with
 * their missing parents; each file is written atomically. Returns the files written (as
 * `join(folder, path)`) and the folders created, outermost first.
 */
export function writeFilesUnder(folder: string, files: ReadonlyMap<string, string | Uint8Array>): WriteResult {
  const createdFolders = [...checkFolderDestination(folder)];
  const written: string[] = [];
  for (const [relative, contents] of files) {
    const path = join(folder, ...relative.split('/'));
    const missing = checkFolderDestination(dirname(path));
    try {
      if (missing.length > 0) mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw new UserError(fileProblem((error as NodeJS.ErrnoException).code, 'write'), {
        location: { file: dirname(path) },
      });
    }
    for (const created of missing) if (!createdFolders.includes(created)) createdFolders.push(created);
    writeAtomically(path, contents);
    written.push(path);
  }
  return { written, createdFolders };
}
