import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
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
 * leaves a half-written file, and an output folder is written whole beside its place and swapped
 * in; a device, FIFO or symbolic link given as the output is written through, never replaced.
 * Every failure is a one-line `UserError` naming the path.
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
  const target = statIfExists(path);
  if (target?.isDirectory() === true) throw new UserError(FILE_PROBLEMS.isAFolder, { location: { file: path } });
  // Probe now, so that an unwritable place stops the command before it computes anything: a
  // device or FIFO must be writable itself; a file is replaced within its folder.
  try {
    if (target?.isFIFO() === true) closeSync(openSync(path, constants.O_WRONLY | (constants.O_NONBLOCK ?? 0)));
    else if (target !== undefined && !target.isFile()) accessSync(path, constants.W_OK);
    else rmdirSync(mkdtempSync(join(dirname(target === undefined ? path : realpathSync(path)), '.butterflops-probe-')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENXIO')
      throw new UserError('is a FIFO with no reader', { location: { file: path } });
    throw writeProblem(error, path);
  }
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

/** A `UserError` for a failed write of `path`; errors without a code (bugs) pass unchanged. */
function writeProblem(error: unknown, path: string): unknown {
  if (error instanceof UserError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined) return error;
  return new UserError(fileProblem(code, 'write'), { location: { file: path } });
}

/**
 * What a file is written with: text, bytes, or a function that writes it into an open file
 * descriptor (pieces copied from elsewhere, `write-onnx-pieces.ts`); such a function throws a
 * `UserError` for anything it reads that fails.
 */
export type FileContents = string | Uint8Array | ((fd: number) => void);

/** Writes `contents` into the open file descriptor `fd`. */
function writeContents(fd: number, contents: FileContents): void {
  if (typeof contents === 'function') contents(fd);
  else writeFileSync(fd, contents);
}

/** A fresh name beside `path` for a temporary file or folder. */
function temporarySibling(path: string, kind: 'tmp' | 'old'): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.${kind}`);
}

/**
 * Writes one file. A new path or a regular file is written through a temporary sibling renamed
 * into place (created exclusively, so nothing planted at the temporary name is followed): a
 * failure never leaves a half-written file. A symbolic link is kept: the file it points to is
 * written that way instead. A device or FIFO (`/dev/null`, `/dev/stdout`) is written in place, as
 * asked — never replaced by a file; a FIFO without a reader is an error rather than a wait.
 * Failures are `UserError`s naming the path.
 */
function writeAtomically(path: string, contents: FileContents): void {
  let target = path;
  const link = lstatIfExists(path);
  if (link?.isSymbolicLink() === true) {
    const stats = statIfExists(path);
    if (stats === undefined)
      throw new UserError('is a symbolic link to nothing', { location: { file: path }, expected: 'a link to a file' });
    if (stats.isDirectory()) throw new UserError(FILE_PROBLEMS.isAFolder, { location: { file: path } });
    if (!stats.isFile()) return writeInPlace(path, contents, stats);
    target = realpathSync(path);
  } else if (link !== undefined && !link.isFile() && !link.isDirectory()) {
    return writeInPlace(path, contents, link);
  }
  const temporary = temporarySibling(target, 'tmp');
  try {
    const fd = openSync(temporary, 'wx', link?.isFile() === true ? link.mode & 0o777 : 0o666);
    try {
      writeContents(fd, contents);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, target);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was created where the temporary file would be (e.g. the folder is a file).
    }
    throw writeProblem(error, path);
  }
}

/** Writes into a device or FIFO as it is (no temporary file: it cannot be renamed over). */
function writeInPlace(path: string, contents: FileContents, stats: Stats): void {
  let fd: number | undefined;
  try {
    if (stats.isFIFO()) {
      // A FIFO without a reader would block the open forever: ENXIO says there is none.
      closeSync(openSync(path, constants.O_WRONLY | (constants.O_NONBLOCK ?? 0)));
    }
    fd = openSync(path, constants.O_WRONLY);
    writeContents(fd, contents);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENXIO')
      throw new UserError('is a FIFO with no reader', { location: { file: path } });
    throw writeProblem(error, path);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** `lstatSync` that returns undefined for a path that does not exist. */
function lstatIfExists(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new UserError(fileProblem(code, 'write'), { location: { file: path } });
  }
}

/**
 * Writes one output file into its existing folder (see {@link checkFileDestination}; a missing
 * folder is an error, not created), atomically unless it is a device or FIFO (see
 * `writeAtomically`): contents written by a function that fails leave nothing behind either.
 * Returns what was written.
 */
export function writeFileAtomic(path: string, contents: FileContents): WriteResult {
  checkFileDestination(path);
  writeAtomically(path, contents);
  return { written: [path], createdFolders: [] };
}

/**
 * Checks, before any work, that the output folder can be made where asked: {@link
 * checkFolderDestination}, then a probe — a temporary folder created and removed in the nearest
 * existing ancestor — so an unwritable place (`/proc/x`, a read-only mount) stops the command
 * before it computes anything. An existing folder must be empty or hold an earlier report
 * (`marker`, e.g. `index.md`): the report replaces it whole. Returns the folders that writing
 * will create, outermost first.
 */
export function prepareFolderDestination(folder: string, marker = 'index.md'): string[] {
  const missing = checkFolderDestination(folder);
  const existing = missing.length > 0 ? dirname(missing[0] ?? folder) : folder;
  try {
    rmdirSync(mkdtempSync(join(existing, '.butterflops-probe-')));
  } catch (error) {
    throw writeProblem(error, missing.length > 0 ? (missing[0] ?? folder) : folder);
  }
  if (missing.length === 0) {
    const entries = readdirSync(folder);
    if (entries.length > 0 && !entries.includes(marker)) {
      throw new UserError(`holds files but no ${marker}: not a report folder`, {
        location: { file: folder },
        expected: 'a new or empty folder, or an earlier report (it is replaced whole)',
      });
    }
  }
  return missing;
}

/**
 * Writes files whose paths are relative to `folder` (`/`-separated, e.g. `pareto/figure-1.png`),
 * only after all of them were produced in memory (the caller builds the map first, so bad input
 * stops before anything is written). The files go into a fresh temporary folder beside `folder`,
 * which then takes its place: a run killed before that leaves the old folder whole, never a mix
 * of old and new files. Files of the old folder that the new one does not hold are kept (linked,
 * or copied, into the new one). `folder`'s missing parents are created. Returns the files written
 * (as `join(folder, path)`) and the folders created, outermost first.
 */
export function writeFilesUnder(folder: string, files: ReadonlyMap<string, string | Uint8Array>): WriteResult {
  const missing = prepareFolderDestination(folder);
  const createdFolders = [...missing];
  const exists = missing.length === 0;
  const written: string[] = [];
  const staging = temporarySibling(folder, 'tmp');
  try {
    if (missing.length > 1) mkdirSync(dirname(folder), { recursive: true });
    mkdirSync(staging);
    const made = new Set<string>();
    for (const [path, contents] of files) {
      const parts = path.split('/');
      if (parts.some((part) => part === '' || part === '.' || part === '..'))
        throw new Error(`report file path ${JSON.stringify(path)} leaves its folder`);
      for (let depth = 1; depth < parts.length; depth++) {
        const sub = parts.slice(0, depth);
        const key = sub.join('/');
        if (made.has(key)) continue;
        made.add(key);
        mkdirSync(join(staging, ...sub));
        if (!exists || !existsSync(join(folder, ...sub))) createdFolders.push(join(folder, ...sub));
      }
      writeFileSync(join(staging, ...parts), contents, { flag: 'wx' });
      written.push(join(folder, ...parts));
    }
    if (exists) keepOtherFiles(folder, staging);
    swapInto(staging, folder);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw writeProblem(error, folder);
  }
  return { written, createdFolders };
}

/**
 * Brings into `staging` what `folder` holds and `staging` does not (hard links where the file
 * system allows, else copies; folders made, symbolic links recreated), leaving `folder` as it
 * was. Iterative. O(entries of folder).
 */
function keepOtherFiles(folder: string, staging: string): void {
  const pending: string[][] = [[]];
  for (let parts = pending.pop(); parts !== undefined; parts = pending.pop()) {
    for (const entry of readdirSync(join(folder, ...parts), { withFileTypes: true })) {
      const inner = [...parts, entry.name];
      const from = join(folder, ...inner);
      const to = join(staging, ...inner);
      if (entry.isDirectory()) {
        if (!existsSync(to)) mkdirSync(to);
        pending.push(inner);
      } else if (lstatIfExists(to) === undefined) {
        if (entry.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
        else if (entry.isFile()) {
          try {
            linkSync(from, to);
          } catch {
            copyFileSync(from, to);
          }
        }
      }
    }
  }
}

/**
 * Puts the folder `staging` at `folder`'s place: one rename when `folder` is new; else the old
 * folder is renamed aside, the new one renamed in, and the old one removed (if the second rename
 * fails, the old folder is put back).
 */
function swapInto(staging: string, folder: string): void {
  if (!existsSync(folder)) {
    renameSync(staging, folder);
    return;
  }
  const old = temporarySibling(folder, 'old');
  renameSync(folder, old);
  try {
    renameSync(staging, folder);
  } catch (error) {
    renameSync(old, folder);
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
}
