/**
 * The `export` command's summary: where the file went, its size, and the MACs and params of the
 * exported graph next to those of the network as requested.
 */
import type { ButterflyOps } from '../export/butterfly-nodes.js';
import type { ModelExport } from '../export/export-model.js';
import type { ExportedModel } from '../export/export-network.js';
import type { PiecedModel } from '../export/onnx-pieces.js';
import { stringifyExact } from '../text/json.js';
import { withSuffix, withThousands } from '../text/numbers.js';

/** How each `--bft-ops` form is written, in words. */
const BUTTERFLY_OPS_TEXT: Readonly<Record<ButterflyOps, string>> = {
  conv: 'channel shuffle + grouped 1×1 Conv',
  matmul: 'channel shuffle + batched MatMul',
  elementwise: 'channel shuffle + Mul + ReduceSum',
};

/** Summary formats. */
export const EXPORT_FORMATS = ['table', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** An export held in memory or in pieces. */
type AnyExport = ModelExport<ExportedModel | PiecedModel>;

/** The summary of an export written to `path`, as text lines or JSON. */
export function formatExport(result: AnyExport, path: string, format: ExportFormat): string {
  const { exported, requested, realised, relabelled, options } = result;
  const bytes = 'bytes' in exported ? exported.bytes.length : exported.byteLength;
  if (format === 'json') {
    return `${stringifyExact({
      file: path,
      bytes,
      input: exported.input,
      output: exported.output,
      options,
      realised: { macs: realised.macs, params: realised.params },
      requested: { macs: requested.macs, params: requested.params },
      relabelled,
      rewritten: result.rewritten,
      weights: { kept: exported.weightsKept, drawn: exported.weightsDrawn },
    })}\n`;
  }
  const lines = [
    `wrote ${path} (${withThousands(BigInt(bytes))} bytes; input ${exported.input.name} ${exported.input.dims.join('×')}, output ${exported.output.dims.join('×')})`,
    `graph: ${withThousands(realised.macs)} MACs (${withSuffix(realised.macs)}), ${withThousands(realised.params)} params; butterflies as ${BUTTERFLY_OPS_TEXT[options.butterflyOps]}, ${result.rewritten ? 'the file rewritten (its other nodes as they were)' : `BN ${options.foldBatchNorm ? 'folded' : 'kept'}`}, ${weightsText(result)}`,
  ];
  if (relabelled.length > 0 && (realised.macs !== requested.macs || realised.params !== requested.params)) {
    const built = (mode: string) =>
      exported.network.layers.filter(
        (l) => relabelled.includes(l.name) && l.layer.kind === 'butterfly' && l.layer.logMode === mode,
      ).length;
    const how = [
      ...(built('padded') > 0 ? [`${built('padded')} zero-padded to the next power of the base`] : []),
      ...(built('mixed-radix') > 0
        ? [`${built('mixed-radix')} as mixed-radix butterflies (one layer per prime factor)`]
        : []),
    ].join(' and ');
    lines.push(
      `note: ${relabelled.length} butterfly layer(s) have a size that is not a power of the base; the --log-mode count (${withThousands(requested.macs)} MACs, ${withThousands(requested.params)} params) has no construction there, so they are built ${how}, whichever has fewer MACs (first: ${relabelled[0] ?? ''}); \`count\` prints this graph's count as "buildable"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** "weights seeded 1", or how many layers kept the trained values of an imported file. */
function weightsText({ exported, options }: AnyExport): string {
  const kept = exported.weightsKept.length;
  if (kept === 0) return `weights seeded ${options.seed}`;
  const drawn = exported.weightsDrawn.length;
  return `weights of ${kept} of ${kept + drawn} layers as imported${drawn > 0 ? `, ${drawn} drawn from seed ${options.seed} (new or changed layers)` : ''}`;
}
