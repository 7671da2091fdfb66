/**
 * `src/arch/architecture-validator.ts` is ajv's standalone code for ARCHITECTURE_SCHEMA, committed
 * so that the CLI neither loads ajv nor compiles the schema at start-up. This test regenerates it
 * and fails when the committed file is stale. Regenerate:
 *   UPDATE_VALIDATOR=1 NODE_OPTIONS=--experimental-vm-modules npx jest test/arch/architecture-validator
 * It also checks that the committed validator and a freshly compiled ajv validator agree (result
 * and first error) on every zoo file, the examples and every broken-file case.
 */
import { describe, expect, it } from '@jest/globals';
import AjvModule, { type ErrorObject } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { validate as committedValidate } from '../../src/arch/architecture-validator.js';
import { ARCHITECTURE_SCHEMA } from '../../src/arch/schema.js';
import { BROKEN_CASES } from './broken-files.js';

// ajv is CommonJS; under NodeNext its default export is the module object.
const Ajv = AjvModule.default;
const standaloneCode = standaloneModule.default;

const FILE = fileURLToPath(new URL('../../src/arch/architecture-validator.ts', import.meta.url));
const DATA = fileURLToPath(new URL('../../data/', import.meta.url));

const HEADER = `/**
 * GENERATED — do not edit. ajv's standalone validator of ARCHITECTURE_SCHEMA (src/arch/schema.ts)
 * with the options { allErrors: false, strict: false }, so that validating an architecture file
 * needs neither ajv nor compiling the schema at start-up. Regenerate after changing the schema:
 *   UPDATE_VALIDATOR=1 NODE_OPTIONS=--experimental-vm-modules npx jest test/arch/architecture-validator
 */
// @ts-nocheck
`;

/** The text the committed file must have. */
function generated(): string {
  const ajv = new Ajv({ allErrors: false, strict: false, code: { source: true, esm: true } });
  return `${HEADER}${standaloneCode(ajv, ajv.compile(ARCHITECTURE_SCHEMA))}\n`;
}

type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

describe('src/arch/architecture-validator.ts', () => {
  const fresh = generated();
  if (process.env['UPDATE_VALIDATOR'] === '1') writeFileSync(FILE, fresh);

  it('is the standalone code ajv generates from the current schema', () => {
    expect(readFileSync(FILE, 'utf8') === fresh).toBe(true);
  });

  it('agrees with a compiled ajv validator on the zoo, the examples and every broken case', () => {
    const compiled = new Ajv({ allErrors: false, strict: false }).compile(ARCHITECTURE_SCHEMA) as Validator;
    const committed = committedValidate as Validator;
    const documents: unknown[] = [
      ...readdirSync(`${DATA}architectures`).map(
        (f) => JSON.parse(readFileSync(`${DATA}architectures/${f}`, 'utf8')) as unknown,
      ),
      JSON.parse(readFileSync(`${DATA}examples/tiny-net.json`, 'utf8')) as unknown,
      parseYaml(readFileSync(`${DATA}examples/tiny-net.yaml`, 'utf8')) as unknown,
      ...BROKEN_CASES.flatMap((c) => {
        try {
          return [c.extension === 'json' ? (JSON.parse(c.text) as unknown) : (parseYaml(c.text) as unknown)];
        } catch {
          return [];
        }
      }),
      42,
      'text',
      null,
      [],
      {},
      { name: 'x', parameters: {}, input: { channels: 3, height: 1, width: 1 }, layers: [{ kind: 'conv2d' }] },
    ];
    expect(documents.length).toBeGreaterThan(20);
    let invalid = 0;
    for (const document of documents) {
      const expected = compiled(document);
      expect(committed(document)).toBe(expected);
      if (!expected) {
        invalid++;
        expect(committed.errors).toEqual(compiled.errors);
      }
    }
    expect(invalid).toBeGreaterThan(5);
  });
});
