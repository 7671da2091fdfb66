import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliRun } from '../cli/run-cli.js';
import { BROKEN_CASES } from './broken-files.js';
import { runAllCli } from '../cli/run-cli.js';

/*
 * The built CLI on bad input: exit code 2, nothing on stdout, exactly one line on stderr that
 * starts with "butterflops: ", no stack trace. All runs start together in beforeAll (each CLI
 * start loads the whole program).
 */

/** The CLI path is the same for every file case (errors.test.ts checks all messages); run a few kinds. */
const CLI_FILE_CASES = [
  'unknown field',
  'unknown layer kind',
  'a fraction where a channel count is expected',
  'add of mismatched branches',
  'unknown block',
  'a semantic error in YAML',
];

const folder = mkdtempSync(join(tmpdir(), 'butterflops-arch-'));
const fileCases = BROKEN_CASES.filter((c) => CLI_FILE_CASES.includes(c.name)).map((c, i) => {
  const file = join(folder, `case-${i}.${c.extension}`);
  writeFileSync(file, c.text);
  return { ...c, file };
});
const malformedJson = join(folder, 'malformed.json');
writeFileSync(malformedJson, '{\n  "name": "x",\n  "layers": [1, 2\n}\n');
const malformedYaml = join(folder, 'malformed.yaml');
writeFileSync(malformedYaml, 'name: x\n  bad: 1\n');

/** Argument lists and the exact stderr line each must produce. */
const OPTION_CASES: readonly { readonly args: readonly string[]; readonly stderr: string }[] = [
  {
    args: ['count', 'no-such-model'],
    stderr:
      'butterflops: unknown model "no-such-model"; expected one of convnext, mobilenet-v1, mobilenet-v2, mobilenet-v3-large, mobilenet-v3-small, resnet-18, resnet-50, shufflenet-v2, shufflenet-v2-1.25, vit, or a path to an architecture file (.json/.yaml) or an ONNX file (.onnx)',
  },
  {
    args: ['count', join(folder, 'missing.json')],
    stderr: `butterflops: ${join(folder, 'missing.json')}: file not found`,
  },
  {
    args: ['count', 'mobilenet-v1', '--set', 'foo=1'],
    stderr:
      'butterflops: --set foo: model mobilenet-v1 has no parameter "foo"; expected one of width, resolution, classes',
  },
  {
    args: ['count', 'mobilenet-v1', '--width', '0'],
    stderr: 'butterflops: --width: invalid width; received "0"; expected a number > 0, e.g. 0.75',
  },
  {
    args: ['count', 'mobilenet-v1', '--width', 'abc'],
    stderr: 'butterflops: --width: invalid width; received "abc"; expected a number > 0, e.g. 0.75',
  },
  {
    args: ['count', 'mobilenet-v1', '--resolution', '1.5'],
    stderr: 'butterflops: --resolution: invalid resolution; received "1.5"; expected an integer >= 1',
  },
  {
    args: ['count', 'mobilenet-v1', '--fusion', 'bft', '--base', '1'],
    stderr: 'butterflops: --base: invalid base; received "1"; expected an integer >= 2',
  },
  {
    args: ['count', 'mobilenet-v1', '--fusion', 'foo'],
    stderr: 'butterflops: --fusion: invalid fusion; received "foo"; expected one of pointwise, bft',
  },
  {
    args: ['count', 'shufflenet-v2', '--variant', 'nope'],
    stderr: 'butterflops: --variant: invalid variant; received "nope"; expected one of official, torchvision',
  },
];

let fileRuns: CliRun[] = [];
let optionRuns: CliRun[] = [];
let malformed: CliRun[] = [];

beforeAll(async () => {
  const all = await runAllCli(
    [
      ...fileCases.map((c) => ['count', c.file]),
      ...OPTION_CASES.map((c) => c.args),
      ['count', malformedJson],
      ['count', malformedYaml],
    ],
    2,
  );
  fileRuns = all.slice(0, fileCases.length);
  optionRuns = all.slice(fileCases.length, fileCases.length + OPTION_CASES.length);
  malformed = all.slice(fileCases.length + OPTION_CASES.length);
}, 180_000);

function expectOneLine(run: CliRun | undefined): string {
  expect(run?.status).toBe(2);
  expect(run?.stdout).toBe('');
  const lines = (run?.stderr ?? '').split('\n');
  expect(lines).toHaveLength(2); // one line and its newline
  expect(lines[1]).toBe('');
  expect(run?.stderr).not.toMatch(/^\s+at /m);
  return lines[0] ?? '';
}

describe('butterflops count <broken file>', () => {
  it('runs every selected case', () => {
    expect(fileCases.map((c) => c.name)).toEqual(CLI_FILE_CASES);
  });

  fileCases.forEach((c, i) => {
    it(`${c.name}: exit 2, one line with file:line:column and the JSON pointer`, () => {
      const line = expectOneLine(fileRuns[i]);
      expect(line.startsWith(`butterflops: ${c.file}:`)).toBe(true);
      expect(line).toMatch(/^butterflops: .+:\d+:\d+ at \//);
      expect(line.endsWith(` ${c.message}`)).toBe(true);
    });
  });

  it('malformed JSON and YAML: exit 2, one line with line and column', () => {
    expect(expectOneLine(malformed[0])).toBe(
      `butterflops: ${malformedJson}:4:1: malformed JSON: Expected ',' or ']' after array element`,
    );
    expect(expectOneLine(malformed[1])).toBe(
      `butterflops: ${malformedYaml}:1:7: malformed YAML: Nested mappings are not allowed in compact mappings`,
    );
  });
});

describe('butterflops count with a bad model or parameter', () => {
  OPTION_CASES.forEach((c, i) => {
    it(c.args.join(' '), () => {
      expect(expectOneLine(optionRuns[i])).toBe(c.stderr);
    });
  });
});
