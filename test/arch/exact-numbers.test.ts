import { describe, expect, it } from '@jest/globals';
import { buildNetwork } from '../../src/arch/build.js';
import { parseStructuredText } from '../../src/arch/structured-text.js';
import { validateArchitecture } from '../../src/arch/validate.js';
import { userErrorMessage } from '../user-error-message.js';
import { exactLiteral, plainDecimal, survivesDouble } from '../../src/expr/exact-literal.js';
import type { Network } from '../../src/model/network.js';

/*
 * Issue 23, item 2: numbers in architecture files are read exactly from their text — in
 * expressions and as JSON/YAML numbers — and anything not an integer where one is required is
 * refused. Oracles: the integers and fractions written out by hand (2^53 + 1 = 9007199254740993
 * has no double; its nearest double is 9007199254740992).
 */

describe('number literals read from their text', () => {
  it.each([
    ['9007199254740993', '9007199254740993'],
    ['16.0000000000000001', '160000000000000001/10000000000000000'],
    ['1.5e-3', '3/2000'],
    ['2E3', '2000'],
    ['-0.75', '-3/4'],
  ])('%s is exactly %s', (text, value) => {
    expect(exactLiteral(text)?.toString()).toBe(value);
  });

  it.each([
    ['224', true],
    ['0.1', true],
    ['1e3', true],
    ['9007199254740992', true],
    ['9007199254740993', false],
    ['16.0000000000000001', false],
  ])('a double holds %s: %s', (text, holds) => {
    expect(survivesDouble(text)).toBe(holds);
  });

  it('writes a literal without exponent', () => {
    expect(plainDecimal('1.5e-3')).toBe('0.0015');
    expect(plainDecimal('2e20')).toBe('200000000000000000000');
    expect(plainDecimal('-16.0000000000000001')).toBe('-16.0000000000000001');
    expect(plainDecimal('1e99999')).toBeUndefined();
  });
});

/** A one-conv architecture whose conv has `out` (the JSON text of the value) and `kernel`. */
function convFile(out: string, kernel = '1', extra = ''): string {
  return `{
  "name": "t",
  "parameters": {"resolution": {"description": "r", "default": 8, "integer": true, "minimum": 1}${extra}},
  "input": {"channels": 3, "height": "resolution", "width": "resolution"},
  "layers": [{"name": "c", "kind": "conv2d", "out": ${out}, "kernel": ${kernel}}]
}`;
}

function build(text: string, file = 'net.json', parameters: Record<string, number | string> = {}): Network {
  const source = parseStructuredText(text, file);
  return buildNetwork(validateArchitecture(source), { parameters, locate: (pointer) => source.locate(pointer) });
}

describe('architecture numbers are exact', () => {
  it('an expression of literals beyond 2^53 evaluates exactly: 9007199254740993 - 9007199254740977 = 16', () => {
    expect(build(convFile('"9007199254740993 - 9007199254740977"')).layers[0]?.output.channels).toBe(16);
  });

  it('a JSON number beyond 2^53 in an expression field is read from its text', () => {
    // 9007199254740993 - 9007199254740977 written with the first literal as a JSON number.
    const text = convFile('"w - 9007199254740977"').replace(
      '"layers"',
      '"definitions": {"w": 9007199254740993}, "layers"',
    );
    expect(build(text).layers[0]?.output.channels).toBe(16);
  });

  it.each([
    [
      'a JSON number',
      convFile('16.0000000000000001'),
      'net.json',
      /^net\.json:5:\d+ at \/layers\/0\/out: out must be a positive integer; received "160000000000000001\/10000000000000000"$/,
    ],
    [
      'an expression',
      convFile('"16.0000000000000001"'),
      'net.json',
      /at \/layers\/0\/out: out must be a positive integer; received "160000000000000001\/10000000000000000"$/,
    ],
    [
      'a YAML number',
      'name: t\nparameters: {}\ninput: {channels: 3, height: 8, width: 8}\nlayers:\n  - {name: c, kind: conv2d, out: 16.0000000000000001, kernel: 1}\n',
      'net.yaml',
      /^net\.yaml:5:\d+ at \/layers\/0\/out: out must be a positive integer; received "160000000000000001\/10000000000000000"$/,
    ],
    [
      'a kernel',
      convFile('16', '1.0000000000000000001'),
      'net.json',
      /at \/layers\/0\/kernel: kernel\w* must be a positive integer/,
    ],
  ])('16.0000000000000001 is not 16 (%s)', (_, text, file, message) => {
    expect(userErrorMessage(() => build(text, file))).toMatch(message);
  });

  it('an integer beyond 2^53 - 1 is refused with its exact digits', () => {
    expect(userErrorMessage(() => build(convFile('9007199254740993')))).toMatch(
      /out must be a positive integer of at most 9007199254740991; received 9007199254740993$/,
    );
  });

  it('a parameter default a double cannot hold is refused by name', () => {
    const text = convFile('16').replace('"default": 8,', '"default": 8.0000000000000000001,');
    expect(userErrorMessage(() => build(text))).toMatch(
      /^net\.json:3:\d+ at \/parameters\/resolution\/default: the number 8\.0000000000000000001 cannot be held exactly here/,
    );
  });

  it('a parameter value (--set) a double cannot hold is refused', () => {
    expect(userErrorMessage(() => build(convFile('16'), 'net.json', { resolution: '9007199254740993' }))).toMatch(
      /invalid resolution; received "9007199254740993"/,
    );
  });

  it('a long literal where the formula stays symbolic is refused, not rounded', () => {
    const text = convFile('"resolution * 9007199254740993 - resolution * 9007199254740977"');
    const source = parseStructuredText(text, 'net.json');
    const arch = validateArchitecture(source);
    expect(
      userErrorMessage(() => buildNetwork(arch, { free: ['resolution'], locate: (pointer) => source.locate(pointer) })),
    ).toMatch(/the number 9007199254740993 in ".*" cannot be kept exactly in this expression/);
  });
});
