import { describe, expect, it } from '@jest/globals';
import { vegaLiteSchemaErrors, vegaLiteSchemaMessages } from './vega-lite-schema.js';

describe('the Vega-Lite schema validator used by the chart tests', () => {
  it('compiles without a single warning (ajv warned "unknown format uri ignored" ~50 times per file)', () => {
    expect(vegaLiteSchemaMessages()).toEqual([]);
  });

  it('still rejects a spec that breaks the schema', () => {
    expect(
      vegaLiteSchemaErrors({
        data: { values: [{ a: 1 }] },
        mark: 'point',
        encoding: { x: { field: 'a', type: 'quantitative' } },
      }),
    ).toEqual([]);
    expect(vegaLiteSchemaErrors({ data: { values: [{ a: 1 }] }, mark: 'no-such-mark' })).not.toEqual([]);
  });
});
