import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { UserError } from '../../src/errors.js';
import { withFlag } from '../../src/cli/main.js';
import { generateStructure } from '../../src/graph/generate.js';
import { runInProcess as run } from './run-main.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/*
 * The bad inputs of bound and criteria (bound.test.ts and criteria.test.ts check exit 2 and one
 * line): the line must name the option at fault, repeat the value received and say what is
 * allowed, so a user can fix the command from the message alone.
 */
describe('bad input names the option, the value and the rule', () => {
  it.each([
    [['bound', '--samples', '0'], /^butterflops: --samples: invalid samples; received "0"; expected an integer >= 1$/],
    [['bound', '--max-n', '1'], /^butterflops: --max-n: invalid max-n; received "1"; expected an integer >= 2$/],
    [['bound', '--bases', '1,2'], /^butterflops: --bases: invalid bases; received "1,2"; expected integers >= 2/],
    [['bound', '--bases', '2,x'], /^butterflops: --bases: invalid bases; received "2,x"; expected integers >= 2/],
    [['bound', '--pad', '--mixed'], /^butterflops: --mixed: choose one of --pad and --mixed$/],
    // the core names its fields (samples, bases); the CLI names the flags
    [
      ['bound', '--samples', '100001'],
      /^butterflops: --samples: must be an integer in \[1, 100000\]; received 100001$/,
    ],
    [
      ['bound', '--mixed', '--bases', '6'],
      /^butterflops: --bases: mixed mode needs bases that are primes or 4 .*; received 6$/,
    ],
    [
      ['criteria', '--structure', 'bft', '--n', '1'],
      /^butterflops: --n: invalid n; received "1"; expected an integer from 2 to 65536$/,
    ],
    [
      ['criteria', '--structure', 'bft', '--n', '65537'],
      /^butterflops: --n: invalid n; received "65537"; expected an integer from 2 to 65536$/,
    ],
    [
      ['criteria', '--structure', 'bft', '--n', '64', '--base', '1'],
      /^butterflops: --base: invalid base; received "1"; expected an integer >= 2$/,
    ],
    [
      ['criteria', '--structure', 'bft', '--n', '48', '--base', '4'],
      /^butterflops: --n: n = 48 is not a power of the base 4; expected a power of 4 such as 16 or 64/,
    ],
    // fusion/plan-file and training/trainable-layers name the fields radices and freeze
    [
      ['count', 'mobilenet-v1', '--fusion', 'bft', '--radices', 'base:1'],
      /^butterflops: --radices: the base of a base:K radix rule must be >= 2; received "base:1"$/,
    ],
    [
      ['count', 'mobilenet-v1', '--training', '--freeze', 'nothing*'],
      /^butterflops: --freeze: "nothing\*" matches no layer with parameters; expected a glob/,
    ],
  ])('%j', async (args, message) => {
    const result = await run(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.endsWith('\n')).toBe(true);
    expect(result.stderr.trimEnd()).toMatch(message);
  });
});

describe('the core names fields, the CLI names flags', () => {
  it('a core error carries the field of the request, not a flag', () => {
    expect(() => generateStructure('bft', 1)).toThrow(expect.objectContaining({ location: { field: 'n' } }));
  });

  it("maps a field to the running command's flag, keeps received and expected, and leaves other fields alone", () => {
    const command = new Command('bound').option('--max-n <n>', 'largest width');
    const error = new UserError('too small', { location: { field: 'maxN' }, received: 1, expected: 'more' });
    expect(withFlag(error, command).message).toBe('--max-n: too small; received 1; expected more');
    const column = new UserError('not a number', { location: { file: 'a.csv', field: 'top1' } });
    expect(withFlag(column, command)).toBe(column);
    expect(withFlag(error, undefined)).toBe(error);
  });

  it('maps a request field named otherwise than its option (foldBatchNorm → --fold-bn)', () => {
    const command = new Command('export').option('--fold-bn', 'fold BN');
    const error = new UserError('cannot fold', { location: { file: 'a.onnx', field: 'foldBatchNorm' } });
    expect(withFlag(error, command).message).toBe('a.onnx --fold-bn: cannot fold');
  });

  it('no core module outside the CLI and the explorer names a flag as the field of an error', () => {
    const offenders: string[] = [];
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) {
          if (!['cli', 'explorer'].includes(entry.name)) walk(path);
        } else if (entry.name.endsWith('.ts')) {
          readFileSync(path, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              if (/field(: | = )'--|location: \{ field: `--/.test(line)) offenders.push(`${path}:${i + 1}`);
            });
        }
      }
    };
    walk(join(ROOT, 'src'));
    expect(offenders).toEqual([]);
  });
});
