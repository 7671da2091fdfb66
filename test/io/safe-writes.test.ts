import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../src/errors.js';
import { userErrorMessage } from '../user-error-message.js';
import {
  checkFileDestination,
  prepareFolderDestination,
  writeFileAtomic,
  writeFilesUnder,
} from '../../src/io/output.js';
import { runInProcess as run } from '../cli/run-main.js';

/*
 * Issue 23, item 5: an output replaces only a regular file (or takes a new path), through a
 * temporary file renamed into place; a device, FIFO or symbolic link is written through, never
 * replaced; a report folder is written whole beside its place and swapped in; an unwritable
 * target stops before any work.
 */
const fresh = () => mkdtempSync(join(tmpdir(), 'butterflops-writes-'));

describe('one output file', () => {
  it('a character device stays a device (written in place, not replaced by a file)', () => {
    const before = statSync('/dev/null');
    writeFileAtomic('/dev/null', 'x');
    const after = lstatSync('/dev/null');
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.rdev).toBe(before.rdev);
  });

  it('a symbolic link is kept and the file it points to is replaced', () => {
    const folder = fresh();
    const target = join(folder, 'real.csv');
    const link = join(folder, 'link.csv');
    writeFileSync(target, 'old');
    symlinkSync(target, link);
    writeFileAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(folder).sort()).toEqual(['link.csv', 'real.csv']);
  });

  it('a link to nothing is refused', () => {
    const folder = fresh();
    const link = join(folder, 'dangling.csv');
    symlinkSync(join(folder, 'none'), link);
    expect(userErrorMessage(() => writeFileAtomic(link, 'x'))).toMatch(/dangling\.csv: is a symbolic link to nothing/);
  });

  const fifoFolder = fresh();
  const fifo = join(fifoFolder, 'out.csv');
  (spawnSync('mkfifo', [fifo]).status === 0 ? it : it.skip)(
    'a FIFO without a reader stops at the check, before any work',
    () => {
      expect(userErrorMessage(() => checkFileDestination(fifo))).toBe(`${fifo}: is a FIFO with no reader`);
      expect(lstatSync(fifo).isFIFO()).toBe(true);
    },
  );

  it('a regular file keeps its permissions and no temporary file is left', () => {
    const folder = fresh();
    const path = join(folder, 'out.csv');
    writeFileSync(path, 'old', { mode: 0o640 });
    writeFileAtomic(path, 'new');
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(folder)).toEqual(['out.csv']);
  });
});

describe('an output folder', () => {
  it('replaces an earlier report whole, keeping the files the new one does not write', () => {
    const parent = fresh();
    const out = join(parent, 'report');
    writeFilesUnder(
      out,
      new Map([
        ['index.md', 'old'],
        ['pareto/a.md', 'old a'],
        ['notes.txt', 'mine'],
      ]),
    );
    const result = writeFilesUnder(
      out,
      new Map([
        ['index.md', 'new'],
        ['pareto/a.md', 'new a'],
        ['zoo/z.md', 'z'],
      ]),
    );
    expect(result.createdFolders).toEqual([join(out, 'zoo')]);
    expect(readFileSync(join(out, 'index.md'), 'utf8')).toBe('new');
    expect(readFileSync(join(out, 'pareto', 'a.md'), 'utf8')).toBe('new a');
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(parent)).toEqual(['report']);
  });

  it('a run that fails while writing leaves the old report whole and nothing beside it', () => {
    const parent = fresh();
    const out = join(parent, 'report');
    writeFilesUnder(
      out,
      new Map([
        ['index.md', 'old'],
        ['pareto/a.md', 'old a'],
      ]),
    );
    // 'x' is written as a file, then 'x/y' needs it to be a folder: the write fails midway.
    expect(() =>
      writeFilesUnder(
        out,
        new Map([
          ['index.md', 'new'],
          ['x', '1'],
          ['x/y', '2'],
        ]),
      ),
    ).toThrow(UserError);
    expect(readFileSync(join(out, 'index.md'), 'utf8')).toBe('old');
    expect(readFileSync(join(out, 'pareto', 'a.md'), 'utf8')).toBe('old a');
    expect(existsSync(join(out, 'x'))).toBe(false);
    expect(readdirSync(parent)).toEqual(['report']);
  });

  it('a folder holding other things than a report is refused, untouched', () => {
    const folder = fresh();
    writeFileSync(join(folder, 'thesis.tex'), 'mine');
    expect(userErrorMessage(() => prepareFolderDestination(folder))).toBe(
      `${folder}: holds files but no index.md: not a report folder; expected a new or empty folder, or an earlier report (it is replaced whole)`,
    );
    expect(readdirSync(folder)).toEqual(['thesis.tex']);
  });

  it('report --out in an unwritable place stops before any work, in one line', async () => {
    const result = await run(['report', '--out', '/proc/butterflops-report']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^butterflops: \/proc\/butterflops-report: [^\n]+\n$/);
    const parent = fresh();
    mkdirSync(join(parent, 'locked'), { mode: 0o500 });
    if (process.getuid?.() !== 0) {
      const locked = await run(['report', '--out', join(parent, 'locked', 'r')]);
      expect(locked.status).toBe(2);
      expect(locked.stderr).toMatch(/permission denied/);
    }
  });
});
