/**
 * JSON files are located by `arch/json-positions.ts` instead of the YAML parser. Oracle: the YAML
 * path (`parseWithYaml`, what every file went through before) must give the same value and the
 * same location for every pointer into the document and for pointers that leave it.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseStructuredText, parseWithYaml } from '../../src/arch/structured-text.js';
import { BROKEN_CASES } from './broken-files.js';

const DATA = fileURLToPath(new URL('../../data/', import.meta.url));

/** Every pointer of a JSON value, plus pointers that leave it below each container. */
function pointers(value: unknown, prefix = ''): string[] {
  const escape = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');
  const result = [prefix];
  if (Array.isArray(value)) {
    value.forEach((item, i) => result.push(...pointers(item, `${prefix}/${i}`)));
    result.push(
      `${prefix}/${value.length}`,
      `${prefix}/-1`,
      `${prefix}/01`,
      `${prefix}/`,
      `${prefix}/x`,
      `${prefix}/0.5`,
    );
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) result.push(...pointers(item, `${prefix}/${escape(key)}`));
    result.push(`${prefix}/no-such-key`, `${prefix}/0`);
  } else {
    result.push(`${prefix}/below-a-scalar`);
  }
  return result;
}

function compare(text: string): number {
  let slow: ReturnType<typeof parseWithYaml>;
  try {
    slow = parseWithYaml(text, 'doc.json', true);
  } catch (error) {
    // what YAML refuses (a repeated key) must still be refused, with the same message
    expect(() => parseStructuredText(text, 'doc.json')).toThrow((error as Error).message);
    return 0;
  }
  const fast = parseStructuredText(text, 'doc.json');
  expect(fast.value).toEqual(slow.value);
  const all = pointers(slow.value);
  expect(all.map((pointer) => [pointer, fast.locate(pointer)])).toEqual(
    all.map((pointer) => [pointer, slow.locate(pointer)]),
  );
  return all.length;
}

const CRAFTED = [
  '{}',
  '[]',
  '  \n\n  {"a": 1}\n',
  '{"a":{"b":[1,2,{"c":null}],"d":[]},"e":{}}',
  '{\r\n  "crlf": [\r\n    1,\r\n    "two"\r\n  ]\r\n}\r\n',
  '{"esc\\"aped": "va\\\\lue\\"", "sl/ash": {"ti~lde": [true, false]}, "uni\\u00e9": "\\u2028"}',
  '[1.5e3, -0, 12345678901234567890, -2.5E-7, 0]',
  '\t{\t"tab":\t[\t1\t]\t}',
  '"just a string"',
  '42',
  'null',
  '{"description": "ünïcödé 😀 — ×", "next": [1, {"k": "𝔵"}],\n "after": 2}',
];

describe('JSON positions equal the YAML locator', () => {
  it('on every zoo file and example', () => {
    const files = [
      ...readdirSync(`${DATA}architectures`).map((f) => `${DATA}architectures/${f}`),
      `${DATA}examples/tiny-net.json`,
    ];
    let checked = 0;
    for (const file of files) checked += compare(readFileSync(file, 'utf8'));
    expect(checked).toBeGreaterThan(1000);
  });

  it('on the broken-file cases that are valid JSON, and on crafted documents', () => {
    const texts = [...BROKEN_CASES.filter((c) => c.extension === 'json').map((c) => c.text), ...CRAFTED];
    let compared = 0;
    for (const text of texts) {
      try {
        JSON.parse(text);
      } catch {
        continue;
      }
      compare(text);
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
  });

  it('a repeated key still goes to the YAML parser, which reports it', () => {
    expect(() => parseStructuredText('{"a": 1, "a": 2}', 'doc.json')).toThrow(/Map keys must be unique/);
  });
});
