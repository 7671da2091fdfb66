import { describe, expect, it } from '@jest/globals';
import AjvModule from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ARCHITECTURE_SCHEMA } from '../../src/arch/schema.js';
import { architectureSchemaText } from '../../src/cli/schema.js';
import { runCli } from '../cli/run-cli.js';

// ajv is CommonJS; under NodeNext its default export is the module object.
const Ajv = AjvModule.default;

const DATA = fileURLToPath(new URL('../../data/', import.meta.url));
const committed = readFileSync(`${DATA}architecture.schema.json`, 'utf8');
const zooFiles = readdirSync(`${DATA}architectures`)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('data/architecture.schema.json', () => {
  it('equals the schema of src/arch/schema.ts (regenerate: butterflops schema > data/architecture.schema.json)', () => {
    expect(committed).toBe(architectureSchemaText());
    expect(JSON.parse(committed)).toEqual(ARCHITECTURE_SCHEMA);
    expect(committed.endsWith('}\n')).toBe(true);
    expect(committed.split('\n')[1]).toBe('  "$schema": "http://json-schema.org/draft-07/schema#",');
  });

  it('is what `butterflops schema` prints', () => {
    const run = runCli(['schema']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(committed);
  });

  it('a stale copy would fail: any change to the schema text differs from the committed file', () => {
    const stale = committed.replace('"conv2d",', '"conv3d",');
    expect(stale).not.toBe(architectureSchemaText());
  });

  it('every zoo file and both examples reference it and validate against the committed copy', () => {
    const validate = new Ajv({ strict: false }).compile(JSON.parse(committed) as object);
    expect(zooFiles.length).toBeGreaterThanOrEqual(8);
    for (const file of zooFiles) {
      const value = JSON.parse(readFileSync(`${DATA}architectures/${file}`, 'utf8')) as Record<string, unknown>;
      expect([file, value['$schema']]).toEqual([file, '../architecture.schema.json']);
      expect([file, validate(value), validate.errors ?? null]).toEqual([file, true, null]);
    }
    const example = JSON.parse(readFileSync(`${DATA}examples/tiny-net.json`, 'utf8')) as Record<string, unknown>;
    expect(example['$schema']).toBe('../architecture.schema.json');
    expect(validate(example)).toBe(true);
  });

  it('the committed copy rejects an unknown field and a missing required field', () => {
    const validate = new Ajv({ strict: false }).compile(JSON.parse(committed) as object);
    const base = { name: 'x', parameters: {}, input: { channels: 3, height: 8, width: 8 } };
    expect(validate({ ...base, layers: [{ kind: 'conv2d', out: 4, kernel: 3, foo: 1 }] })).toBe(false);
    expect(validate({ ...base, layers: [{ kind: 'conv2d', kernel: 3 }] })).toBe(false);
    expect(validate(base)).toBe(false);
    expect(validate({ ...base, layers: [{ kind: 'conv2d', out: 4, kernel: 3 }] })).toBe(true);
  });
});
