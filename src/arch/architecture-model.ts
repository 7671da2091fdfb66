/**
 * An architecture file as a {@link ModelDescription}: validated once, then built purely for any
 * parameter values. Both model sources use it: the file source in `io/` (zoo ids and paths) and
 * the in-memory source over a data folder's text (`zoo-source.ts`, used by the report).
 */
import type { ModelDescription, ModelParameter, ModelProvenance } from '../model/model-source.js';
import { buildNetwork } from './build.js';
import { describeParameter, parameterSpecs } from './parameters.js';
import type { StructuredFile } from './structured-text.js';
import { validateArchitecture } from './validate.js';

/** Validates a parsed architecture file (a UserError names the first problem) and describes it. */
export function architectureModel(source: StructuredFile, provenance: ModelProvenance): ModelDescription {
  const arch = validateArchitecture(source);
  const parameters: ModelParameter[] = Object.entries(parameterSpecs(arch)).map(([name, spec]) => ({
    name,
    description: spec.description,
    default: spec.default,
    values: spec.values ?? [],
    rule: describeParameter(spec),
  }));
  const locate = (pointer: string) => source.locate(pointer);
  return {
    id: arch.name,
    title: arch.title ?? arch.name,
    provenance,
    parameters,
    build: (request = {}) => buildNetwork(arch, { ...request, locate }),
  };
}
