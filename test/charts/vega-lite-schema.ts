import { Ajv, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let validator: ValidateFunction | undefined;

/** The Vega-Lite JSON schema shipped with the installed vega-lite. */
export function vegaLiteSchema(): object {
  return JSON.parse(readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8')) as object;
}

/**
 * The ajv options for that schema. It is draft-07 with some non-standard keywords, which strict
 * mode would reject. It names three string formats (uri, uri-reference, color-hex) that ajv does
 * not define; left unknown, ajv warns about each use on every compile (about 50 warnings with
 * stack traces per test file). Declared as `true` they are known and not checked: our specs hold
 * no URIs, and colours are checked by rendering.
 */
export const VEGA_LITE_AJV_OPTIONS = {
  strict: false,
  allErrors: false,
  formats: { uri: true, 'uri-reference': true, 'color-hex': true },
} as const;

/** The schema compiled once per test file (compiling it takes a few seconds). */
function compiled(): ValidateFunction {
  if (validator === undefined) {
    validator = new Ajv(VEGA_LITE_AJV_OPTIONS).compile(vegaLiteSchema());
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
