import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../src/errors.js';
import { checkFileDestination, checkFolderDestination, writeFileAtomic, writeFilesUnder } from '../../src/io/output.js';
import { readDataFiles } from '../../src/io/read-data-files.js';
import { readStructuredFile } from '../../src/io/read-structured.js';
import { readTextFile } from '../../src/io/read-text-file.js';

const root = mkdtempSync(join(tmpdir(), 'butterflops-output-'));
let counter = 0;
/** A fresh empty folder for one test. */
function fresh(): string {
  const folder = join(root, `t${counter++}`);
  mkdirSync(folder);
  return folder;
}

/** The message of the UserError `action` throws (fails the test on success or any other error). */
function userError(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected a UserError');
}

describe('writeFileAtomic (one output file)', () => {
  it('writes into an existing folder, leaves no temporary file, and says what it wrote', () => {
    const folder = fresh();
    const path = join(folder, 'a.txt');
    expect(writeFileAtomic(path, 'x')).toEqual({ written: [path], createdFolders: [] });
    writeFileAtomic(path, 'y');
    expect(readFileSync(path, 'utf8')).toBe('y');
    expect(readdirSync(folder)).toEqual(['a.txt']);
  });

  it('does not create a missing folder: "folder not found", naming the folder, and nothing is created', () => {
    const folder = fresh();
    const missing = join(folder, 'missing', 'deeper');
    const message = userError(() => writeFileAtomic(join(missing, 'x.png'), 'x'));
    expect(message).toBe(
      `${missing}: folder not found; expected an existing folder for ${join(missing, 'x.png')} (the folder of an output file is not created)`,
    );
    expect(readdirSync(folder)).toEqual([]);
  });

  it('a file where its folder should be: "is a file, not a folder" (was an ENOTDIR crash)', () => {
    const folder = fresh();
    const file = join(folder, 'plain');
    writeFileSync(file, 'keep');
    expect(userError(() => writeFileAtomic(join(file, 'sub', 'x.svg'), 'x'))).toBe(
      `${file}: is a file, not a folder; expected a folder to hold ${join(file, 'sub', 'x.svg')}`,
    );
    expect(readFileSync(file, 'utf8')).toBe('keep');
  });

  it('a folder given as the file: "is a folder, not a file"', () => {
    const folder = fresh();
    expect(userError(() => checkFileDestination(folder))).toBe(`${folder}: is a folder, not a file`);
  });
});

describe('writeFilesUnder (an output folder)', () => {
  it('creates the missing folder and its parents, reports them outermost first, and writes every file', () => {
    const folder = fresh();
    const out = join(folder, 'a', 'b');
    const result = writeFilesUnder(
      out,
      new Map([
        ['index.md', '# i'],
        ['pareto/figure.svg', '<svg/>'],
        ['pareto/t.md', 't'],
      ]),
    );
    expect(result.createdFolders).toEqual([join(folder, 'a'), out, join(out, 'pareto')]);
    expect(result.written).toEqual([
      join(out, 'index.md'),
      join(out, 'pareto', 'figure.svg'),
      join(out, 'pareto', 't.md'),
    ]);
    for (const path of result.written) expect(existsSync(path)).toBe(true);
    expect(readFileSync(join(out, 'pareto', 'figure.svg'), 'utf8')).toBe('<svg/>');
    // A second run creates nothing.
    expect(writeFilesUnder(out, new Map([['index.md', '# j']])).createdFolders).toEqual([]);
  });

  it('an existing file given as the folder: one line, the file untouched (was ENOTDIR with a stack trace)', () => {
    const folder = fresh();
    const file = join(folder, 'report.md');
    writeFileSync(file, 'keep');
    expect(userError(() => checkFolderDestination(file))).toBe(`${file}: is a file, not a folder`);
    expect(userError(() => writeFilesUnder(file, new Map([['bound/bound.png', 'x']])))).toBe(
      `${file}: is a file, not a folder`,
    );
    expect(readFileSync(file, 'utf8')).toBe('keep');
  });
});

describe('the same words for the same fault, reading or writing', () => {
  it('a missing file is "file not found" for every reader', () => {
    const missing = join(fresh(), 'none.csv');
    expect(userError(() => readTextFile(missing))).toBe(`${missing}: file not found`);
    expect(userError(() => readStructuredFile(missing))).toBe(`${missing}: file not found`);
  });

  it('a folder given as a file is "is a folder, not a file" for every reader and writer', () => {
    const folder = fresh();
    expect(userError(() => readTextFile(folder))).toBe(`${folder}: is a folder, not a file`);
    expect(userError(() => readStructuredFile(folder))).toBe(`${folder}: is a folder, not a file`);
    expect(userError(() => writeFileAtomic(folder, 'x'))).toBe(`${folder}: is a folder, not a file`);
  });

  it('a file given as a folder is "is a file, not a folder"; a missing folder "folder not found"', () => {
    const file = join(fresh(), 'plain');
    writeFileSync(file, '');
    expect(userError(() => readDataFiles(file))).toMatch(new RegExp(`^${file}: is a file, not a folder; `));
    expect(userError(() => readDataFiles(join(file, 'x')))).toMatch(/: folder not found; /);
  });
});
