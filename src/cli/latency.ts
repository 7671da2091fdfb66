import { Option, type Command } from 'commander';
import { analyze } from '../cost/analyze.js';
import type { ButterflyOps } from '../export/butterfly-nodes.js';
import { BUTTERFLY_OPS } from '../export/butterfly-nodes.js';
import { DEFAULT_EXPORT_OPTIONS } from '../export/export-network.js';
import { exportModel } from '../export/export-model.js';
import { readBinaryFile } from '../io/read-binary-file.js';
import { isOnnxReference } from '../io/onnx-file.js';
import { parseDeviceProfile } from '../latency/device-profile.js';
import { readTextFile } from '../io/read-text-file.js';
import { UserError } from '../errors.js';
import { PAPER_CONVENTION } from '../model/convention.js';
import { decodeOnnx } from '../onnx/decode-onnx.js';
import { onnxModelDescription } from '../onnx/onnx-model.js';
import { formatLatency, LATENCY_FORMATS, type LatencyFormat } from '../format/latency-format.js';
import type { LatencyModel } from '../runtime/measure-latency.js';
import {
  addFusionOptions,
  addParameterOptions,
  fusionFrom,
  parameterField,
  parametersFrom,
  type ModelOptionValues,
} from './model-options.js';
import { fileModelSource } from '../io/file-model-source.js';
import { integerAtLeast } from './options.js';

interface LatencyOptionValues extends ModelOptionValues {
  threads: number;
  runs: number;
  warmup: number;
  profileRuns: number;
  seed: number;
  bftOps: ButterflyOps;
  format: LatencyFormat;
  device?: string;
}

/** `butterflops latency <model…>`: whole-network and per-layer time on onnxruntime (CPU). */
export function register(program: Command): Command {
  const command = program
    .command('latency')
    .description(
      'time models on onnxruntime (CPU): median and spread per model, per-layer profile next to MACs and bytes moved',
    )
    .argument(
      '<models...>',
      'zoo ids, architecture files (exported in memory with the fusion options) or .onnx files (run as they are, or rewritten with --fusion bft); several are timed interleaved',
    )
    .option('--threads <n>', 'intra-op threads', integerAtLeast(1), 1)
    .option('--runs <n>', 'timed runs per model', integerAtLeast(1), 20)
    .option('--warmup <n>', 'untimed runs first', integerAtLeast(0), 3)
    .option(
      '--profile-runs <n>',
      'runs of the per-layer profiling session (0: no per-layer table)',
      integerAtLeast(0),
      5,
    )
    .option('--device <file>', 'device profile (from `butterflops calibrate`): adds roofline predictions per layer')
    .option(
      '--seed <n>',
      'seed of the random weights of exported models',
      integerAtLeast(0),
      DEFAULT_EXPORT_OPTIONS.seed,
    )
    .addOption(
      new Option('--bft-ops <ops>', 'operators of a butterfly layer')
        .choices(BUTTERFLY_OPS)
        .default(DEFAULT_EXPORT_OPTIONS.butterflyOps),
    )
    .addOption(new Option('--format <format>', 'output format').choices(LATENCY_FORMATS).default('table'));
  addParameterOptions(command);
  addFusionOptions(command);
  return command.action(async (models: string[], options: LatencyOptionValues) => {
    const device =
      options.device !== undefined ? parseDeviceProfile(parseJsonFile(options.device), options.device) : undefined;
    const prepared = models.map((model) => prepare(model, options));
    const progress = process.stderr.isTTY ? (line: string) => process.stderr.write(`\r\x1b[K${line}`) : undefined;
    // onnxruntime's native binding loads only when a command runs it (not on every CLI start).
    const { measureLatency } = await import('../runtime/measure-latency.js');
    const result = await measureLatency(
      prepared,
      { threads: options.threads, runs: options.runs, warmup: options.warmup, profiledRuns: options.profileRuns },
      progress,
      device,
    );
    if (progress) process.stderr.write('\r\x1b[K');
    process.stdout.write(formatLatency(result, options.format));
  });
}

/**
 * A model reference → ONNX bytes and the network its graph realises: an .onnx file as it is (or,
 * with `--fusion bft`, rewritten with butterflies), anything else exported in memory.
 */
function prepare(model: string, options: LatencyOptionValues): LatencyModel {
  if (isOnnxReference(model) && options.fusion !== 'bft') {
    const bytes = readBinaryFile(model);
    const parameters = options.resolution !== undefined ? { resolution: options.resolution } : {};
    const description = onnxModelDescription(bytes, { kind: 'onnx', reference: model, path: model });
    const declared = description.build().input;
    const network = description.build({ parameters });
    if (
      options.resolution !== undefined &&
      options.resolution !== declared.height &&
      !hasNamedImageDims(bytes, model)
    ) {
      throw new UserError(
        `${model}: the file runs at the size its graph declares (${declared.height}×${declared.width}), not ${options.resolution}`,
        {
          location: { field: '--resolution' },
          expected: `no --resolution, or ${declared.height}`,
        },
      );
    }
    return { label: model, bytes, network, report: analyze(network, PAPER_CONVENTION) };
  }
  const fusion = fusionFrom(options);
  // An ONNX file under BFT: the file rewritten (its own weights kept, see export/rewrite-onnx.ts).
  const result = exportModel(
    {
      model: fileModelSource({ onnxWeights: true }).resolve(model),
      parameters: parametersFrom(options),
      fusion,
      parameterField,
    },
    { seed: options.seed, butterflyOps: options.bftOps, foldBatchNorm: false },
  );
  const label = fusion.kind === 'bft' ? `${model} (BFT base ${fusion.base})` : `${model} (pointwise)`;
  return {
    label,
    bytes: result.exported.bytes,
    network: result.exported.network,
    report: analyze(result.exported.network, PAPER_CONVENTION),
  };
}

/** Whether the graph's image input leaves its height or width named (a dynamic size). */
function hasNamedImageDims(bytes: Uint8Array, file: string): boolean {
  const { graph } = decodeOnnx(bytes, file);
  const dims = graph.inputs.find((input) => !graph.initializers.has(input.name))?.dims ?? [];
  return typeof dims[2] !== 'number' || typeof dims[3] !== 'number';
}

function parseJsonFile(path: string): unknown {
  const text = readTextFile(path);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UserError(`not JSON: ${error instanceof Error ? error.message : String(error)}`, {
      location: { file: path },
    });
  }
}
