/**
 * A {@link ModelSource} over the text of a data folder (the report's `dataFiles`: paths such as
 * `data/architectures/mobilenet-v1.json` → contents). Pure: nothing is read from disk here, so
 * `report --data DIR` means that folder's architectures everywhere.
 */
import { UserError } from '../errors.js';
import type { ModelDescription, ModelSource } from '../model/model-source.js';
import { architectureModel } from './architecture-model.js';
import { parseStructuredText } from './structured-text.js';

const ARCHITECTURE_PATH = /^data\/architectures\/([^/]+)\.(json|ya?ml)$/;

/** The zoo of `dataFiles` (keys `data/architectures/<id>.<json|yaml|yml>`); descriptions are cached. */
export function zooSource(dataFiles: ReadonlyMap<string, string>): ModelSource {
  const paths = new Map<string, string>();
  for (const path of dataFiles.keys()) {
    const match = ARCHITECTURE_PATH.exec(path);
    if (match && !paths.has(match[1] ?? '')) paths.set(match[1] ?? '', path);
  }
  const ids = [...paths.keys()].sort();
  const cache = new Map<string, ModelDescription>();
  return {
    list: () => ids,
    resolve(reference) {
      let model = cache.get(reference);
      if (model === undefined) {
        const path = paths.get(reference);
        if (path === undefined) {
          throw new UserError(`unknown model "${reference}"`, { expected: `one of ${ids.join(', ')}` });
        }
        model = architectureModel(parseStructuredText(dataFiles.get(path) ?? '', path), {
          kind: 'zoo',
          reference,
          path,
        });
        cache.set(reference, model);
      }
      return model;
    },
  };
}
