import { Ajv, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let validator: ValidateFunction | undefined;

/** The schema compiled once per test file (compiling it takes a few seconds). */
function compiled(): ValidateFunction {
  if (validator === undefined) {
    const schema = JSON.parse(readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8')) as object;
    // The schema is draft-07 with some non-standard keywords; strict mode would reject those.
    validator = new Ajv({ strict: false, allErrors: false }).compile(schema);
  }
  return validator;
}

/**
 * Validates a spec against the Vega-Lite JSON schema shipped with the installed vega-lite
 * (`vega-lite/vega-lite-schema.json`); returns the error messages (empty when valid).
 */
export function vegaLiteSchemaErrors(spec: unknown): string[] {
  const validate = compiled();
  if (validate(spec)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
