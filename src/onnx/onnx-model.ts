/**
 * An ONNX model as a {@link ModelDescription}: decoded once from bytes, then built into networks
 * on demand. Pure (the bytes are read by `io/onnx-file.ts`).
 *
 * Parameters: `resolution`, the height and width of the image input (or of a video clip's
 * frames; default: the graph's own when it declares a square one, else 224). Networks have no symbolic twins yet.
 */
import { UserError } from '../errors.js';
import type {
  BuildRequest,
  ModelDescription,
  ModelParameter,
  ModelProvenance,
  SourceBytes,
} from '../model/model-source.js';
import { buildOnnxNetwork } from './build-onnx-network.js';
import { decodeOnnx } from './decode-onnx.js';
import type { OnnxModel } from './onnx-graph.js';
import type { OpRule } from './op-rule.js';

/** Options of an ONNX import. */
export interface OnnxImportOptions {
  /** Dims of graph inputs by name, batch first (`--input name=1x3x224x224`). */
  readonly inputs?: Readonly<Record<string, readonly number[]>>;
  /** Operator rules replacing or extending `ONNX_OP_RULES`. */
  readonly rules?: Readonly<Record<string, OpRule>>;
  /**
   * Whether the bytes hold the whole file (default true). The sparse reader of `io/onnx-file.ts`
   * leaves large weights unread (zeros) and says false: then no layer keeps its weights and the
   * description offers no `source` to rewrite, unless `source` is given.
   */
  readonly complete?: boolean;
  /**
   * The file as an export rewrites it (default: `bytes` when complete, else none): the sparse
   * reader's bytes with the stretches it left unread, which the export's writer copies from the
   * file (`io/write-onnx-pieces.ts`), so the weights are never all in memory.
   */
  readonly source?: SourceBytes;
  /** Bounds of data-dependent sizes by node name (`--bound name=N`), see `OnnxBuildOptions.bounds`. */
  readonly bounds?: Readonly<Record<string, number>>;
}

/** Resolution used when the image's height and width are named dims and no `--input` gives them. */
export const DEFAULT_ONNX_RESOLUTION = 224;

/** The model id of a file reference: its base name without `.onnx`. */
export function onnxModelId(reference: string): string {
  const base = reference.split(/[\\/]/).pop() ?? reference;
  return base.replace(/\.onnx$/i, '') || 'model';
}

/**
 * Describes the ONNX model in `bytes`. Throws a UserError (naming `provenance.path` or the
 * reference) when the bytes are not a supported ONNX model. O(file size) to decode.
 */
export function onnxModelDescription(
  bytes: Uint8Array,
  provenance: ModelProvenance,
  options: OnnxImportOptions = {},
): ModelDescription {
  const file = provenance.path ?? provenance.reference;
  const model = decodeOnnx(bytes, file);
  const id = onnxModelId(provenance.reference);
  const declared = declaredResolution(model, options);
  const resolutionDefault = declared ?? DEFAULT_ONNX_RESOLUTION;
  const parameters: ModelParameter[] = [
    {
      name: 'resolution',
      description: 'height and width of the image input, in pixels',
      default: resolutionDefault,
      values: [],
      rule: 'a positive integer',
    },
  ];
  return {
    id,
    title:
      model.graph.name !== ''
        ? `${id} (ONNX graph "${model.graph.name}"${model.producer ? `, ${model.producer}` : ''})`
        : id,
    provenance,
    parameters,
    ...(options.source !== undefined
      ? { source: options.source }
      : options.complete !== false
        ? { source: { bytes, unread: [] } }
        : {}),
    build(request: BuildRequest = {}) {
      const field = request.parameterField ?? ((name: string) => name);
      for (const name of request.free ?? []) {
        throw new UserError(`cannot keep "${name}" symbolic: ONNX models are counted concretely`, {
          location: { field: 'symbolic' },
        });
      }
      const given = request.parameters ?? {};
      for (const name of Object.keys(given)) {
        if (name !== 'resolution')
          throw new UserError(`ONNX model ${id} has no parameter "${name}"`, {
            location: { field: field(name) },
            expected: 'resolution',
          });
      }
      const resolution = given['resolution'];
      if (
        resolution !== undefined &&
        (typeof resolution !== 'number' || !Number.isInteger(resolution) || resolution < 1)
      ) {
        throw new UserError('resolution must be a positive integer', {
          location: { field: field('resolution') },
          received: resolution,
        });
      }
      return buildOnnxNetwork(model, {
        file,
        model: id,
        ...(options.inputs ? { inputs: options.inputs } : {}),
        ...(options.rules ? { rules: options.rules } : {}),
        ...(options.bounds ? { bounds: options.bounds } : {}),
        ...(resolution !== undefined ? { resolution } : {}),
        defaultResolution: DEFAULT_ONNX_RESOLUTION,
        parameters: { resolution: resolution ?? resolutionDefault },
        keepWeights: options.complete !== false,
      });
    },
  };
}

/** The image's declared (or `--input`-given) square height and width, if any. */
function declaredResolution(model: OnnxModel, options: OnnxImportOptions): number | undefined {
  const image = model.graph.inputs.find((input) => !model.graph.initializers.has(input.name));
  if (image === undefined) return undefined;
  const dims = options.inputs?.[image.name] ?? image.dims;
  // An image N × C × H × W or a clip N × C × T × H × W: the last two dims.
  if (dims === undefined || (dims.length !== 4 && dims.length !== 5)) return undefined;
  const [h, w] = dims.slice(-2);
  return typeof h === 'number' && h === w ? h : undefined;
}
