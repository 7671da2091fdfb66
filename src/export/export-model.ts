/**
 * The export command's core: a count request (model, parameters, fusion) → network → ONNX bytes,
 * with the MACs and params of what was asked for and of what the graph realises.
 */
import { analyze } from '../cost/analyze.js';
import { buildFusedNetwork, type CountRequest } from '../count/count-request.js';
import { PAPER_CONVENTION } from '../model/convention.js';
import type { CostTotals } from '../model/cost.js';
import { DEFAULT_EXPORT_OPTIONS, exportNetwork, type ExportedModel, type ExportOptions } from './export-network.js';
import { joinPieces, type PiecedModel } from './onnx-pieces.js';
import { rewriteOnnx } from './rewrite-onnx.js';
import { UserError } from '../errors.js';
import type { Network } from '../model/network.js';

/**
 * The layer-record export; for an ONNX file (named by `onnxFile`) that came here because it does
 * not store its weights, a layer without an export says so and what would work instead.
 */
function exportFromRecords(network: Network, options: ExportOptions, onnxFile: string | undefined): ExportedModel {
  try {
    return exportNetwork(network, options);
  } catch (error) {
    if (onnxFile === undefined || !(error instanceof UserError)) throw error;
    const problem = error.message.split('; expected')[0] ?? error.message;
    throw new UserError(
      `${onnxFile} does not store its weights (stripped, external data or export_params=False), so it is rebuilt from its layer records, and ${problem}`,
      {
        expected:
          'the file with its weights (torch.onnx.export with export_params=True): that is rewritten node by node, every operator kept',
      },
    );
  }
}

/**
 * An export and its counts (paper convention). The exported model is held in memory
 * ({@link exportModel}), or in pieces that a writer puts together ({@link exportModelPieces}).
 */
export interface ModelExport<Exported extends ExportedModel | PiecedModel = ExportedModel> {
  readonly exported: Exported;
  readonly options: ExportOptions;
  /** Totals of the network as requested (its butterflies counted by the requested log mode). */
  readonly requested: CostTotals;
  /** Totals of the network the graph realises (equal to `requested` unless a butterfly was realised otherwise). */
  readonly realised: CostTotals;
  /** Butterfly layers realised with another log mode than requested (their names). */
  readonly relabelled: readonly string[];
  /** Whether the export is the model's own ONNX file rewritten (rather than rebuilt from layer records). */
  readonly rewritten: boolean;
}

/**
 * Builds the request's network and exports it in pieces: an ONNX model that stores its weights
 * by rewriting its own file (`rewrite-onnx.ts`: every other node and weight kept; the weights a
 * sparse read left unread are stretches of the file to copy), anything else — a zoo model, an
 * architecture file, an ONNX file without its weights — from its layer records
 * (`export-network.ts`, seeded weights; one piece). `io/write-onnx-pieces.ts` writes the
 * result. O(parameters) for the layer records; a rewrite holds no weight it did not draw.
 */
export function exportModelPieces(
  request: CountRequest,
  options: ExportOptions = DEFAULT_EXPORT_OPTIONS,
): ModelExport<PiecedModel> {
  const network = buildFusedNetwork(request);
  const model = request.model;
  const file = model.provenance.path ?? model.provenance.reference;
  const rewritten =
    model.provenance.kind === 'onnx' && model.source !== undefined
      ? rewriteOnnx(model.source, file, network, options)
      : undefined;
  let exported: PiecedModel;
  if (rewritten !== undefined) exported = rewritten;
  else {
    const { bytes, ...rest } = exportFromRecords(network, options, model.provenance.kind === 'onnx' ? file : undefined);
    exported = { ...rest, pieces: [bytes], byteLength: bytes.length };
  }
  const convention = request.convention ?? PAPER_CONVENTION;
  const relabelled = network.layers
    .filter((entry, i) => entry.layer.kind === 'butterfly' && exported.network.layers[i]?.layer !== entry.layer)
    .map((entry) => entry.name);
  return {
    exported,
    options,
    requested: analyze(network, convention).total,
    realised: analyze(exported.network, convention).total,
    relabelled,
    rewritten: rewritten !== undefined,
  };
}

/**
 * {@link exportModelPieces} with the model in memory: what runs it in onnxruntime, measures it
 * or offers it for download needs its bytes. The source of an ONNX model must have been read
 * whole (a sparse read is written with `io/write-onnx-pieces.ts` instead; asked here, an Error).
 */
export function exportModel(request: CountRequest, options: ExportOptions = DEFAULT_EXPORT_OPTIONS): ModelExport {
  const unread = request.model.source?.unread.length ?? 0;
  if (unread > 0)
    throw new Error(`exportModel needs the model's file read whole (${unread} stretches were left unread)`);
  const result = exportModelPieces(request, options);
  const { pieces, byteLength: _length, ...exported } = result.exported;
  return { ...result, exported: { ...exported, bytes: joinPieces(pieces) } };
}
