import type { ErrorObject } from 'ajv';
import { UserError } from '../errors.js';
import type { StructuredFile } from './structured-text.js';
import { validate } from './architecture-validator.js';
import type { ArchitectureFile } from './file-format.js';

/**
 * ajv's validator of ARCHITECTURE_SCHEMA, precompiled (`architecture-validator.ts`, kept equal to
 * a fresh compilation by `test/arch/architecture-validator.test.ts`): no ajv at start-up.
 */
const validator = validate as unknown as ((data: unknown) => data is ArchitectureFile) & {
  errors?: ErrorObject[] | null;
};

/**
 * Checks a parsed architecture file against the schema. The first problem becomes a UserError
 * naming the file, line and JSON pointer, and what was expected there.
 */
export function validateArchitecture(source: StructuredFile): ArchitectureFile {
  if (validator(source.value)) {
    // Parameters are numbers (doubles): a literal a double cannot hold is refused there.
    for (const [pointer, literal] of source.exactNumbers ?? []) {
      if (pointer.startsWith('/parameters/')) refuseInexact(source, pointer, literal);
    }
    return source.value;
  }
  const errors = validator.errors ?? [];
  const error = errors.find((e) => e.keyword !== 'if') ?? errors[0];
  if (error === undefined) throw new UserError('invalid architecture file', { location: source.locate('') });
  const literal = source.exactNumbers?.get(error.instancePath);
  if (literal !== undefined && error.keyword === 'type') refuseInexact(source, error.instancePath, literal);
  throw new UserError(`invalid architecture: ${describeAjvError(error)}`, {
    location: source.locate(error.instancePath),
  });
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

function refuseInexact(source: StructuredFile, pointer: string, literal: string): never {
  throw new UserError(`the number ${literal} cannot be held exactly here`, {
    location: source.locate(pointer),
    expected: 'a number a double holds exactly (at most 15 significant digits)',
  });
}
