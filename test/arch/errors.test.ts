import { describe, expect, it } from '@jest/globals';
import { buildNetwork } from '../../src/arch/build.js';
import { validateArchitecture } from '../../src/arch/validate.js';
import { UserError } from '../../src/errors.js';
import { parseStructuredText } from '../../src/arch/structured-text.js';
import { BROKEN_CASES } from './broken-files.js';

/** Parses, validates and builds `text` as the file `file`; returns the error thrown, if any. */
function failure(text: string, file: string, parameters: Record<string, number | string> = {}): unknown {
  try {
    const source = parseStructuredText(text, file);
    const arch = validateArchitecture(source);
    buildNetwork(arch, { parameters, locate: (pointer) => source.locate(pointer) });
  } catch (error) {
    return error;
  }
  return undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('broken architecture files give one precise UserError', () => {
  for (const c of BROKEN_CASES) {
    it(c.name, () => {
      const file = `my-net.${c.extension}`;
      const error = failure(c.text, file);
      expect(error).toBeInstanceOf(UserError);
      const message = (error as UserError).message;
      expect(message).toMatch(new RegExp(`^${escape(file)}:\\d+:\\d+ ${escape(c.message)}$`));
      expect(message).not.toContain('\n');
    });
  }

  it('points at the line and column of the offending value (hand-counted)', () => {
    // YAML line 6 is `  - {kind: conv2d, out: c_in / 3, kernel: 1}`; the value starts in column 25.
    const yaml = BROKEN_CASES.find((c) => c.name === 'a semantic error in YAML');
    expect((failure(yaml?.text ?? '', 'net.yaml') as Error).message).toBe(
      'net.yaml:6:25 at /layers/1/out: out must be a positive integer; received "16/3"',
    );
    // JSON.stringify(…, null, 2): line 1 `{`, 2 name, 3 parameters, 4 width, 5–7 its fields,
    // 8 `}`, 9 `},`, 10 input, 11–13 its fields, 14 `},`, 15 `"layers": [`, 16 `{` of layer 0 (column 5).
    const unknownField = BROKEN_CASES.find((c) => c.name === 'unknown field');
    expect((failure(unknownField?.text ?? '', 'net.json') as Error).message).toBe(
      'net.json:16:5 at /layers/0: invalid architecture: unknown field "foo"',
    );
  });

  it('malformed JSON names the line and column', () => {
    // Line 3 is `  "layers": [1, 2` and the next line starts with `}` where `,` or `]` belongs.
    expect((failure('{\n  "name": "x",\n  "layers": [1, 2\n}\n', 'net.json') as Error).message).toBe(
      "net.json:4:1: malformed JSON: Expected ',' or ']' after array element",
    );
    expect((failure('{\n  "name": "x",\n}', 'net.json') as Error).message).toBe(
      'net.json:3:1: malformed JSON: Expected double-quoted property name',
    );
    // Node names no position for an unexpected token; it is found from the quoted snippet.
    expect((failure('{"name": "x",\n "layers": [ ,]}', 'net.json') as Error).message).toMatch(
      /^net\.json:2:14: malformed JSON: Unexpected token ','/,
    );
    expect((failure('{"a": [1, 2,]}', 'net.json') as Error).message).toMatch(/^net\.json:1:13: /);
  });

  it('malformed YAML names the line and column', () => {
    expect((failure('name: x\n  bad: 1\n', 'net.yaml') as Error).message).toBe(
      'net.yaml:1:7: malformed YAML: Nested mappings are not allowed in compact mappings',
    );
    expect((failure('name: x\nname: y\n', 'net.yml') as Error).message).toBe(
      'net.yml:2:1: malformed YAML: Map keys must be unique',
    );
  });

  it('a duplicate key in JSON is an error, not a silent overwrite', () => {
    expect((failure('{"name": "a",\n "name": "b"}', 'net.json') as Error).message).toBe(
      'net.json:2:2: malformed JSON: Map keys must be unique',
    );
  });

  it('a document that is not an object', () => {
    expect((failure('[]\n', 'net.json') as Error).message).toBe(
      'net.json:1:1 at /: invalid architecture: must be object',
    );
  });

  it('parameters given to the builder are checked against the file (the core names the parameter; the CLI, its flag)', () => {
    const text = BROKEN_CASES[0]?.text.replace('"foo": 1', '"bias": true') ?? '';
    expect((failure(text, 'net.json', { foo: 1 }) as Error).message).toBe(
      'foo: model broken has no parameter "foo"; expected one of width, classes',
    );
    expect((failure(text, 'net.json', { width: 0 }) as Error).message).toBe(
      'width: invalid width; received 0; expected a number > 0',
    );
  });
});
