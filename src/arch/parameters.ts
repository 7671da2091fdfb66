/**
 * Resolves the parameter values a user asked for against a model's parameter specs:
 * defaults filled in, unknown names and out-of-range values rejected with a one-line error.
 */
import { survivesDouble } from '../expr/exact-literal.js';
import { UserError } from '../errors.js';
import type { ArchitectureFile, ParameterSpec } from './file-format.js';

export type { ParameterValue } from '../model/model-source.js';
import type { ParameterValue } from '../model/model-source.js';

/**
 * The parameter every model has: classifier outputs, visible to expressions as `classes`
 * (1000 for torchvision/ImageNet, 1001 for TF-slim with its background class). A file may
 * declare its own `classes` parameter instead.
 */
export const CLASSES_PARAMETER: ParameterSpec = {
  description: 'classifier outputs (1000 torchvision, 1001 TF-slim)',
  default: 1000,
  integer: true,
  minimum: 1,
};

/** The parameters of a model: those its file declares, plus `classes` unless declared. */
export function parameterSpecs(arch: ArchitectureFile): Readonly<Record<string, ParameterSpec>> {
  return 'classes' in arch.parameters ? arch.parameters : { ...arch.parameters, classes: CLASSES_PARAMETER };
}

/** Human-readable rule of one parameter, e.g. "a number > 0" or "one of official, torchvision". */
export function describeParameter(spec: ParameterSpec): string {
  if (typeof spec.default === 'string') return `one of ${(spec.values ?? [spec.default]).join(', ')}`;
  const parts: string[] = [spec.integer ? 'an integer' : 'a number'];
  if (spec.exclusiveMinimum !== undefined) parts.push(`> ${spec.exclusiveMinimum}`);
  if (spec.minimum !== undefined) parts.push(`>= ${spec.minimum}`);
  if (spec.maximum !== undefined) parts.push(`<= ${spec.maximum}`);
  if (spec.values !== undefined) parts.push(`${spec.strict ? 'one of' : 'typically'} ${spec.values.join(', ')}`);
  return parts.join(' ');
}

/**
 * Checks `given` against `arch.parameters` and returns every parameter's value.
 * `field` names how the user passes a parameter in messages (default: the parameter's own name,
 * which the CLI shows as its flag, `--width`).
 */
export function resolveParameters(
  arch: ArchitectureFile,
  given: Readonly<Record<string, ParameterValue>>,
  field: (name: string) => string = (name) => name,
): Record<string, ParameterValue> {
  const resolved: Record<string, ParameterValue> = {};
  const specs = parameterSpecs(arch);
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(specs, name)) {
      const known = Object.keys(specs);
      throw new UserError(`model ${arch.name} has no parameter "${name}"`, {
        location: { field: field(name) },
        expected: known.length > 0 ? `one of ${known.join(', ')}` : 'no parameters',
      });
    }
  }
  for (const [name, spec] of Object.entries(specs)) {
    const value = (Object.hasOwn(given, name) ? given[name] : undefined) ?? spec.default;
    // Defined, not assigned: a parameter may be called __proto__ like any other name.
    Object.defineProperty(resolved, name, {
      value: checkParameter(name, spec, value, field(name)),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return resolved;
}

function checkParameter(name: string, spec: ParameterSpec, value: ParameterValue, field: string): ParameterValue {
  const fail = (): never => {
    throw new UserError(`invalid ${name}`, { location: { field }, received: value, expected: describeParameter(spec) });
  };
  if (typeof spec.default === 'string') {
    const text = String(value);
    if (spec.values !== undefined && !spec.values.includes(text)) fail();
    return text;
  }
  const number = typeof value === 'number' ? value : Number(value);
  if (typeof value === 'string' && value.trim() === '') fail();
  // A value a double does not hold (9007199254740993 read as …992) is refused, not rounded.
  if (typeof value === 'string' && /^\s*[+-]?(\d|\.\d)/.test(value) && !survivesDouble(value.trim())) fail();
  if (!Number.isFinite(number)) fail();
  if (spec.integer && !Number.isSafeInteger(number)) fail();
  if (spec.minimum !== undefined && number < spec.minimum) fail();
  if (spec.exclusiveMinimum !== undefined && number <= spec.exclusiveMinimum) fail();
  if (spec.maximum !== undefined && number > spec.maximum) fail();
  if (spec.strict && spec.values !== undefined && !spec.values.includes(number)) fail();
  return number;
}
