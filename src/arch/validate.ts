import AjvModule, { type ErrorObject } from 'ajv';
import { UserError } from '../errors.js';
import type { StructuredFile } from './structured-text.js';
import type { ArchitectureFile } from './file-format.js';
import { ARCHITECTURE_SCHEMA } from './schema.js';

// ajv is published as CommonJS; under NodeNext its default export is the module object.
const Ajv = AjvModule.default;
const validator = new Ajv({ allErrors: false, strict: false }).compile<ArchitectureFile>(ARCHITECTURE_SCHEMA);

/**
 * Checks a parsed architecture file against the schema. The first problem becomes a UserError
 * naming the file, line and JSON pointer, and what was expected there.
 */
export function validateArchitecture(source: StructuredFile): ArchitectureFile {
  if (validator(source.value)) return source.value;
  const errors = validator.errors ?? [];
  const error = errors.find((e) => e.keyword !== 'if') ?? errors[0];
  if (error === undefined) throw new UserError('invalid architecture file', { location: source.locate('') });
  throw new UserError(`invalid architecture: ${describeAjvError(error)}`, { location: source.locate(error.instancePath) });
}

function describeAjvError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `missing required field "${String(params['missingProperty'])}"`;
    case 'additionalProperties':
      return `unknown field "${String(params['additionalProperty'])}"`;
    case 'enum':
      return `must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(params['allowedValue'])}`;
    case 'type':
      return `must be ${String(params['type']).replaceAll(',', ' or ')}`;
    default:
      return error.message ?? error.keyword;
  }
}
