import { defaultModelSource } from '../io/file-model-source.js';
import { isOnnxReference, readOnnxModel } from '../io/onnx-file.js';
import type { ModelDescription } from '../model/model-source.js';

/** A model reference from the command line: a `.onnx` file through the ONNX reader, anything else through the default source. */
export function resolveModelReference(reference: string): ModelDescription {
  return isOnnxReference(reference) ? readOnnxModel(reference) : defaultModelSource().resolve(reference);
}
