import { Ajv, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { workerShared } from '../worker-shared.js';

const require = createRequire(import.meta.url);

/** The Vega-Lite JSON schema shipped with the installed vega-lite. */
function vegaLiteSchema(): object {
  return JSON.parse(readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8')) as object;
}

/**
 * The ajv options for that schema. It is draft-07 with some non-standard keywords, which strict
 * mode would reject. It names three string formats (uri, uri-reference, color-hex) that ajv does
 * not define; left unknown, ajv warns about each use on every compile (about 50 warnings with
 * stack traces per test file). Declared as `true` they are known and not checked: our specs hold
 * no URIs, and colours are checked by rendering.
 */
const VEGA_LITE_AJV_OPTIONS = {
  strict: false,
  allErrors: false,
  formats: { uri: true, 'uri-reference': true, 'color-hex': true },
  // How the validator is generated, not what it accepts: each $ref becomes a function of its own
  // instead of being inlined at every use, and ajv's optimisation pass over the generated code is
  // skipped. Compiling the schema then takes 0.8 s of CPU instead of 2.0 s (vega-lite 6.4's schema).
  inlineRefs: false,
  code: { optimize: false },
} as const;

/** The compiled schema and what ajv logged while compiling it. */
interface CompiledSchema {
  readonly validate: ValidateFunction;
  readonly messages: readonly string[];
}

/** The schema compiled once per Jest worker (compiling it takes about a second). */
function compiled(): CompiledSchema {
  return workerShared('vega-lite schema', () => {
    const messages: string[] = [];
    const record = (...args: unknown[]) => {
      messages.push(args.map(String).join(' '));
    };
    const logger = { log: record, warn: record, error: record };
    return { validate: new Ajv({ ...VEGA_LITE_AJV_OPTIONS, logger }).compile(vegaLiteSchema()), messages };
  });
}

/** What ajv logged (warnings included) while compiling the schema: nothing, with these options. */
export function vegaLiteSchemaMessages(): readonly string[] {
  return compiled().messages;
}

/**
 * Validates a spec against the Vega-Lite JSON schema shipped with the installed vega-lite
 * (`vega-lite/vega-lite-schema.json`); returns the error messages (empty when valid).
 */
export function vegaLiteSchemaErrors(spec: unknown): string[] {
  const { validate } = compiled();
  if (validate(spec)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
