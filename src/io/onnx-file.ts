/**
 * Reads an ONNX file into a {@link ModelDescription}. Only the model file is read: weights
 * stored in external-data files are never needed (the importer reads shapes only), so a missing
 * external file is fine. The bytes are kept as one buffer; weight data stays views into it.
 */
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import type { ModelDescription } from '../model/model-source.js';
import { onnxModelDescription, type OnnxImportOptions } from '../onnx/onnx-model.js';

/** Whether a model reference names an ONNX file (by its `.onnx` extension). */
export function isOnnxReference(reference: string): boolean {
  return /\.onnx$/i.test(reference);
}

/**
 * The description of the ONNX model at `path` (the reference as the user gave it). A missing or
 * unreadable file, or bytes that are not an ONNX model, are a UserError naming the file.
 */
export function readOnnxModel(path: string, options: OnnxImportOptions = {}): ModelDescription {
  let bytes: Uint8Array;
  try {
    const buffer = readFileSync(path);
    bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot read (${code ?? 'unknown error'})`;
    throw new UserError(problem, { location: { file: path } });
  }
  return onnxModelDescription(bytes, { kind: 'onnx', reference: path, path }, options);
}
