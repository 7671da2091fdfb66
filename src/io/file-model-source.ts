import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { architectureModel } from '../arch/architecture-model.js';
import { UserError } from '../errors.js';
import type { ModelDescription, ModelSource } from '../model/model-source.js';
import { isOnnxReference, readOnnxModel, type OnnxWeights } from './onnx-file.js';
import { packageRoot } from './package-root.js';
import { readStructuredFile } from './read-structured.js';

/** Options of the file model source. */
export interface FileModelSourceOptions {
  /** Data folder whose `architectures/` is the zoo (default: the package's `data/`). */
  readonly dataFolder?: string;
  /** Dims of ONNX graph inputs by name, batch first (`--input name=1x3x224x224`), for `.onnx` references. */
  readonly onnxInputs?: Readonly<Record<string, readonly number[]>>;
  /** Bounds of data-dependent sizes by ONNX node name (`--bound node=N`), for `.onnx` references. */
  readonly onnxBounds?: Readonly<Record<string, number>>;
  /**
   * How `.onnx` files' weights are read (`onnx-file.ts`): by default not at all; `true`, whole
   * into memory (a graph run in onnxruntime); `'copied'`, copied from the file when an export is
   * written.
   */
  readonly onnxWeights?: OnnxWeights;
}

/** Whether a reference names a file rather than a zoo id: it has a slash or a known extension. */
export function isModelPath(reference: string): boolean {
  return /[/\\]/.test(reference) || /\.(json|ya?ml|onnx)$/i.test(reference);
}

/**
 * Model references resolved on disk: a zoo id (`mobilenet-v1`, a file of the data folder's
 * `architectures/`), a path to an architecture file (`./my-net.yaml`) or to an ONNX export
 * (`./net.onnx`, see `onnx-file.ts`). Each reference is read
 * and validated once per source. Unknown ids list the zoo.
 */
export function fileModelSource(options: FileModelSourceOptions = {}): ModelSource {
  const zoo = join(options.dataFolder ?? join(packageRoot(), 'data'), 'architectures');
  const cache = new Map<string, ModelDescription>();
  const list = (): string[] => {
    if (!existsSync(zoo)) return [];
    return readdirSync(zoo)
      .filter((file) => /\.(json|ya?ml)$/.test(file))
      .map((file) => file.replace(/\.(json|ya?ml)$/, ''))
      .sort();
  };
  const read = (reference: string): ModelDescription => {
    if (isOnnxReference(reference))
      return readOnnxModel(
        reference,
        {
          ...(options.onnxInputs ? { inputs: options.onnxInputs } : {}),
          ...(options.onnxBounds ? { bounds: options.onnxBounds } : {}),
        },
        options.onnxWeights ?? false,
      );
    if (isModelPath(reference)) {
      return architectureModel(readStructuredFile(reference), {
        kind: 'architecture-file',
        reference,
        path: reference,
      });
    }
    for (const extension of ['json', 'yaml', 'yml']) {
      const path = join(zoo, `${reference}.${extension}`);
      if (existsSync(path)) return architectureModel(readStructuredFile(path), { kind: 'zoo', reference, path });
    }
    throw new UserError(`unknown model "${reference}"`, {
      expected: `one of ${list().join(', ')}, or a path to an architecture file (.json/.yaml) or an ONNX file (.onnx)`,
    });
  };
  return {
    list,
    resolve(reference) {
      let model = cache.get(reference);
      if (model === undefined) {
        model = read(reference);
        cache.set(reference, model);
      }
      return model;
    },
  };
}

let defaultSource: ModelSource | undefined;

/** The package's own zoo and any path: the source the CLI and the library use by default. */
export function defaultModelSource(): ModelSource {
  defaultSource ??= fileModelSource();
  return defaultSource;
}
