import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { VEGA_LITE_AJV_OPTIONS, vegaLiteSchema } from './vega-lite-schema.js';

describe('the Vega-Lite schema validator used by the chart tests', () => {
  it('compiles without a single warning (ajv warned "unknown format uri ignored" ~50 times per file)', () => {
    const messages: string[] = [];
    const record = (...args: unknown[]) => {
      messages.push(args.map(String).join(' '));
    };
    new Ajv({ ...VEGA_LITE_AJV_OPTIONS, logger: { log: record, warn: record, error: record } }).compile(
      vegaLiteSchema(),
    );
    expect(messages).toEqual([]);
  });

  it('still rejects a spec that breaks the schema', () => {
    const validate = new Ajv({ ...VEGA_LITE_AJV_OPTIONS, logger: false }).compile(vegaLiteSchema());
    expect(
      validate({ data: { values: [{ a: 1 }] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } }),
    ).toBe(true);
    expect(validate({ data: { values: [{ a: 1 }] }, mark: 'no-such-mark' })).toBe(false);
  });
});
