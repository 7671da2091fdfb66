/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment --
   the decoded file is an untyped protobufjs object tree (see `Plain`); the rewritten model is checked
   against the schema by `fromObject` before it is encoded. */
/**
 * The export of an imported ONNX model: the file itself, rewritten. Every node the fusion leaves
 * alone is kept as it is (operator, attributes, weights, names), so any graph the importer reads
 * can be exported — attention, element-wise arithmetic, transposed convolutions included — and
 * the trained weights stay; only each 1×1 Conv the fusion replaced becomes a butterfly (the same
 * nodes as `export-network.ts` writes, seeded weights), and so does each token-wise MatMul or
 * Gemm of a transformer the fusion replaced; the butterfly's last tensor is renamed to the
 * node's output. The node's weight and bias initializers go when nothing else reads them, and so
 * do the nodes that only fed them (a weight's Transpose). Pure.
 *
 * Limits (each a one-line error): the graph is exported at the size it declares (its Reshape
 * constants were traced at that size), with batch 1 where the image's dims are named; the
 * replaced nodes must be 2-D or 3-D Convs, or token-wise MatMul / Gemm nodes (`tokenwise-butterfly.ts`:
 * the rows go to the pixel axis and back); butterflies that need `Split` or `ReduceSum` (n_in > n_out
 * under the official policy, `--bft-ops elementwise`) need opset 13, `Pad`/`Slice` opset 11;
 * BatchNormalization nodes stay (no `--fold-bn`). Fields outside the importer's schema subset
 * (`onnx/onnx-schema.ts`: doc strings, metadata, functions, training info, sparse
 * initializers) are not carried over.
 */
import { seededRandom } from '../random/seeded-random.js';
import { UserError } from '../errors.js';
import type { Network } from '../model/network.js';
import { shapeElements, shapeTuple } from '../model/shape.js';
import { ONNX_MODEL_PROTO } from '../onnx/onnx-schema.js';
import type { ByteRange, SourceBytes } from '../model/model-source.js';
import { emitButterflyLayer, layerSeed, type ExportOptions } from './export-network.js';
import { onnxGraphBuilder } from './onnx-graph-builder.js';
import { piecesLength, RAW_DATA_PLACEHOLDER, spliceRawData, type OnnxPiece, type PiecedModel } from './onnx-pieces.js';
import { realisedNetwork } from './realise-butterfly.js';
import { emitTokenwiseButterfly, replacedForm } from './tokenwise-butterfly.js';

/**
 * A message of the ModelProto as protobufjs's `toObject` gives it (fields by their camelCase
 * names). `any` because the tree is untyped data from the file: its fields are read and
 * rewritten one by one below, and `ONNX_MODEL_PROTO.fromObject` checks the result against the
 * schema before it is encoded.
 */
type Plain = Record<string, any>;

/** Opset each emitted operator form needs in the default domain. */
const OPSET_NEEDED: Readonly<Record<string, number>> = { Split: 13, ReduceSum: 13, Pad: 11, Slice: 11 };

/** The dims of a value info (numbers; a named or absent dim is undefined). */
function declaredDims(info: Plain | undefined): (number | undefined)[] {
  const dims = (info?.['type']?.['tensorType']?.['shape']?.['dim'] ?? []) as Plain[];
  return dims.map((dim) => (dim['dimValue'] !== undefined ? Number(dim['dimValue']) : undefined));
}

/**
 * Whether the file stores every weight it uses: float initializers carry their data (raw or
 * typed), none lives in an external file, and no graph input other than the image stands for a
 * weight (PyTorch's `export_params=False`). A file without its weights cannot be rewritten into
 * a runnable graph; it is exported from its layer records instead (seeded weights). O(file size).
 */
export function storesAllWeights(bytes: Uint8Array): boolean {
  return storesAll(decodePlain(bytes));
}

/** The file as a plain object tree (int64 fields as decimal strings, so none loses precision). */
function decodePlain(bytes: Uint8Array): Plain {
  return ONNX_MODEL_PROTO.toObject(ONNX_MODEL_PROTO.decode(bytes), { longs: String });
}

/** {@link storesAllWeights} on a decoded file. */
function storesAll(model: Plain): boolean {
  const graph = (model['graph'] ?? {}) as Plain;
  const initializers = (graph['initializer'] ?? []) as Plain[];
  const names = new Set(initializers.map((t) => String(t['name'])));
  const otherInputs = ((graph['input'] ?? []) as Plain[]).filter((info) => !names.has(String(info['name'])));
  // One image input, or several frames of its type (RAFT's two); any other is a weight passed as an input.
  const [image, ...frames] = otherInputs;
  if (image === undefined || frames.some((info) => !sameType(info, image))) return false;
  return initializers.every((tensor) => {
    if ((tensor['externalData'] ?? []).length > 0 || Number(tensor['dataLocation'] ?? 0) === 1) return false;
    const count = ((tensor['dims'] ?? []) as unknown[]).reduce<number>((product, dim) => product * Number(dim), 1);
    if (count === 0) return true;
    const typed = ['floatData', 'int32Data', 'int64Data', 'doubleData'].some(
      (field) => (tensor[field] ?? []).length > 0,
    );
    return typed || ((tensor['rawData'] as Uint8Array | undefined)?.length ?? 0) > 0;
  });
}

/** Whether two graph inputs declare the same element type and dims (a second frame of the image). */
function sameType(a: Plain, b: Plain): boolean {
  return JSON.stringify(a['type'] ?? null) === JSON.stringify(b['type'] ?? null);
}

/** The nodes none of whose outputs is read by another node or is a graph output. O(nodes). */
function deadNodes(nodes: readonly Plain[], graphOutputs: readonly string[]): Set<Plain> {
  const read = new Set<string>(graphOutputs);
  for (const node of nodes) for (const name of node['input'] ?? []) read.add(String(name));
  return new Set(nodes.filter((node) => !((node['output'] ?? []) as unknown[]).some((name) => read.has(String(name)))));
}

/**
 * `rewritten` without the nodes the rewrite left unread (a Transpose or Constant that fed only a
 * replaced product's weight), repeatedly; a node already unread in the `source` graph stays, so
 * an untouched file is written back as it was. O(nodes · depth of the removed chains).
 */
function withoutNewlyDead(
  source: readonly Plain[],
  rewritten: readonly Plain[],
  graphOutputs: readonly string[],
): Plain[] {
  const deadBefore = deadNodes(source, graphOutputs);
  let kept = [...rewritten];
  for (;;) {
    const dead = [...deadNodes(kept, graphOutputs)].filter((node) => !deadBefore.has(node));
    if (dead.length === 0) return kept;
    const drop = new Set(dead);
    kept = kept.filter((node) => !drop.has(node));
  }
}

/** A `raw_data` of at least this many bytes (64 KiB) is a piece of its own, never copied into the encoding. */
const PIECE_BYTES = 64 * 1024;

/**
 * The initializers with a placeholder ({@link RAW_DATA_PLACEHOLDER}) for each `raw_data` that is
 * to be a piece of its own (`onnx-pieces.ts`), and each one's piece by position in the list: a
 * payload the source's reader left unread is that stretch of the file, any other of at least
 * {@link PIECE_BYTES} is its bytes. A `raw_data` decodes as a view into the source's bytes
 * (`onnx/onnx-schema.ts`), so its offset there is its offset in the file; every other `raw_data`
 * of `decoded` (every initializer of the file) must be a view clear of the unread stretches, or
 * the zeros left in the bytes could be written as weights: that is an Error. A stretch no decoded
 * `raw_data` names is one the decoder dropped. O(initializers × stretches).
 */
function withPlaceholders(
  initializers: readonly Plain[],
  decoded: readonly Plain[],
  source: SourceBytes,
): { initializers: Plain[]; payloads: Map<number, OnnxPiece> } {
  const unread = new Map(source.unread.map((range) => [range.offset, range.length]));
  const stretch = (raw: Uint8Array | undefined): ByteRange | undefined => {
    if (raw?.buffer !== source.bytes.buffer) return undefined;
    const offset = raw.byteOffset - source.bytes.byteOffset;
    return unread.get(offset) === raw.length ? { offset, length: raw.length } : undefined;
  };
  // A stretch no decoded raw_data names was dropped by the decoder (a raw_data field repeated in
  // a tensor: the last one wins) and is never written; a raw_data that is not a view into the
  // bytes, or that overlaps a stretch without being it, could carry the zeros.
  for (const tensor of decoded) {
    const raw = tensor['rawData'] as Uint8Array | undefined;
    if (raw === undefined || raw.length === 0 || stretch(raw) !== undefined) continue;
    const offset = raw.buffer === source.bytes.buffer ? raw.byteOffset - source.bytes.byteOffset : undefined;
    const overlapped = source.unread.find(
      (range) => offset === undefined || (offset < range.offset + range.length && range.offset < offset + raw.length),
    );
    if (overlapped !== undefined)
      throw new Error(`a raw_data as decoded overlaps the ${overlapped.length} unread bytes at ${overlapped.offset}`);
  }
  const payloads = new Map<number, OnnxPiece>();
  return {
    initializers: initializers.map((tensor, index) => {
      const raw = tensor['rawData'] as Uint8Array | undefined;
      const payload = stretch(raw) ?? (raw !== undefined && raw.length >= PIECE_BYTES ? raw : undefined);
      if (payload === undefined) return tensor;
      payloads.set(index, payload);
      return { ...tensor, rawData: RAW_DATA_PLACEHOLDER };
    }),
    payloads,
  };
}

/**
 * Rewrites the ONNX file `source` into the graph of `network` (built from that file, then
 * fused); undefined when the file does not store its weights ({@link storesAllWeights}: the
 * caller rebuilds the network from its layer records instead). `file` names the file in
 * messages. The result is in pieces (`onnx-pieces.ts`): each large weight a piece of its own —
 * a stretch of the file to copy where `source` left it unread — and the rest encoded between
 * them. O(size of `source.bytes`), one decode; no weight is copied, the unread ones never touched.
 */
export function rewriteOnnx(
  source: SourceBytes,
  file: string,
  network: Network,
  options: ExportOptions,
): PiecedModel | undefined {
  const model = decodePlain(source.bytes);
  if (!storesAll(model)) return undefined;
  if (options.foldBatchNorm) {
    throw new UserError(
      'an imported model keeps its own BatchNormalization nodes (onnxruntime folds them when it loads the graph)',
      {
        location: { file, field: 'foldBatchNorm' },
        expected: 'no BatchNormalization folding for an ONNX file',
      },
    );
  }
  const graph = model['graph'] as Plain;
  const nodes = (graph['node'] ?? []) as Plain[];
  const initializers = (graph['initializer'] ?? []) as Plain[];
  const initializerNames = new Set(initializers.map((t) => String(t['name'])));
  const inputs = (graph['input'] ?? []) as Plain[];
  const [image, ...frames] = inputs.filter((info) => !initializerNames.has(String(info['name'])));
  if (image === undefined) throw new UserError(`${file}: the graph has no image input to export`);
  const opset = Number(
    ((model['opsetImport'] ?? []) as Plain[]).find((o) => (o['domain'] ?? '') === '')?.['version'] ?? 1,
  );

  // The size the graph was traced at: a declared height and width must be the network's.
  const { height, width } = network.input;
  const dims = declaredDims(image);
  const imageDims = [1, ...shapeTuple(network.input)];
  if (dims.some((d, i) => i >= 2 && d !== undefined && d !== imageDims[i])) {
    throw new UserError(
      `an imported model is exported at the size its graph declares (${dims[2]}×${dims[3]}), not ${height}×${width}`,
      {
        location: { file, field: 'resolution' },
        expected: `the declared resolution, ${dims[2]}`,
      },
    );
  }
  // The image and any further frame of its type (`storesAll`) take the network's input size.
  for (const frame of [image, ...frames])
    frame['type'] = {
      tensorType: {
        elemType: Number(image['type']?.['tensorType']?.['elemType'] ?? 1),
        shape: { dim: imageDims.map((d) => ({ dimValue: d })) },
      },
    };

  const names = new Set<string>([...initializerNames, ...inputs.map((i) => String(i['name']))]);
  for (const node of nodes)
    for (const name of [node['name'], ...(node['input'] ?? []), ...(node['output'] ?? [])])
      names.add(String(name ?? ''));
  const builder = onnxGraphBuilder(String(graph['name'] ?? 'graph'), names);

  const realised = realisedNetwork(network);
  const ranks = new Map(initializers.map((t) => [String(t['name']), ((t['dims'] ?? []) as unknown[]).length]));
  const weightRank = (name: string) => ranks.get(name);
  const replacements = new Map<number, Plain[]>();
  const added: Plain[] = [];
  const weightsKept: string[] = [];
  const weightsDrawn: string[] = [];
  realised.layers.forEach((entry, index) => {
    const layer = entry.layer;
    if (layer.kind !== 'butterfly') {
      if (layer.kind === 'conv2d' || layer.kind === 'linear' || layer.kind === 'batchnorm')
        weightsKept.push(entry.name);
      return;
    }
    const at = /^\/graph\/node\/(\d+)$/.exec(entry.source);
    const nodeIndex = at === null ? -1 : Number(at[1]);
    const node = nodes[nodeIndex];
    const form = replacedForm(node, weightRank);
    if (node === undefined || form === undefined) {
      throw new UserError(
        `${file}: layer ${entry.name} is not a 2-D or 3-D Conv, a MatMul or a Gemm node of the file (${String(node?.['opType'] ?? 'no node')}); only those can be rewritten as butterflies`,
        {
          expected: 'pointwise fusion, or a model whose channel fusions are Conv, MatMul or Gemm nodes',
        },
      );
    }
    weightsDrawn.push(entry.name);
    const random = seededRandom(layerSeed(options.seed, index));
    const input = String(node['input'][0]);
    const out =
      form === 'conv'
        ? emitButterflyLayer(
            builder,
            entry.name,
            input,
            layer,
            entry.output,
            options.butterflyOps,
            random,
            entry.batch ?? 1,
          )
        : emitTokenwiseButterfly(builder, entry.name, input, layer.inChannels, entry.output, form, (x, shape) =>
            emitButterflyLayer(builder, entry.name, x, layer, shape, options.butterflyOps, random),
          );
    const [renamed = ''] = builder.node('Identity', `${entry.name}/output`, [out]);
    const parts = builder.take();
    for (const part of parts.nodes) {
      const needed = OPSET_NEEDED[String(part['opType'])];
      if (needed !== undefined && opset < needed) {
        throw new UserError(
          `${file}: the butterfly of ${entry.name} needs ${String(part['opType'])} of opset ${needed}, but the file declares opset ${opset}`,
          {
            expected: `a model exported with opset ≥ ${needed}, or other BFT settings (shape policy square-max, operator form conv)`,
          },
        );
      }
      if ((part['output'] as string[])[0] === renamed) part['output'] = [node['output'][0]];
    }
    replacements.set(nodeIndex, parts.nodes);
    added.push(...parts.initializers);
  });

  const graphOutputs = ((graph['output'] ?? []) as Plain[]).map((info) => String(info['name']));
  const kept = withoutNewlyDead(
    nodes,
    nodes.flatMap((node, i) => replacements.get(i) ?? [node]),
    graphOutputs,
  );
  const read = new Set<string>();
  for (const node of kept) for (const name of node['input'] ?? []) read.add(String(name));
  graph['node'] = kept;
  const written = withPlaceholders(
    [...initializers.filter((t) => read.has(String(t['name']))), ...added],
    initializers,
    source,
  );
  graph['initializer'] = written.initializers;
  graph['input'] = inputs.filter(
    (info) => !initializerNames.has(String(info['name'])) || read.has(String(info['name'])),
  );
  const pieces = spliceRawData(ONNX_MODEL_PROTO.encode(ONNX_MODEL_PROTO.fromObject(model)).finish(), written.payloads);

  const output = ((graph['output'] ?? []) as Plain[])[0];
  const last = realised.layers[realised.layers.length - 1]?.output ?? network.input;
  const outputRank = declaredDims(output).length;
  const outputDims = outputRank === 2 ? [1, Number(shapeElements(last))] : [1, ...shapeTuple(last)];
  return {
    pieces,
    byteLength: piecesLength(pieces),
    network: realised,
    input: { name: String(image['name']), dims: imageDims },
    output: { name: String(output?.['name'] ?? ''), dims: outputDims },
    weightsKept,
    weightsDrawn,
  };
}
