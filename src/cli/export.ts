import { Option, type Command } from 'commander';
import { BUTTERFLY_OPS, type ButterflyOps } from '../export/butterfly-nodes.js';
import { DEFAULT_EXPORT_OPTIONS } from '../export/export-network.js';
import { exportModelPieces } from '../export/export-model.js';
import { writeOnnxPieces } from '../io/write-onnx-pieces.js';
import { EXPORT_FORMATS, formatExport, type ExportFormat } from '../format/export-format.js';
import {
  addFusionOptions,
  addParameterOptions,
  fusionFrom,
  parameterField,
  parametersFrom,
  type ModelOptionValues,
} from './model-options.js';
import { integerAtLeast } from './options.js';
import { fileModelSource } from '../io/file-model-source.js';

interface ExportOptionValues extends ModelOptionValues {
  out: string;
  seed: number;
  foldBn?: boolean;
  bftOps: ButterflyOps;
  format: ExportFormat;
}

/** `butterflops export <model> --out net.onnx`: a runnable ONNX graph with seeded random weights. */
export function register(program: Command): Command {
  const command = program
    .command('export')
    .description('write a runnable ONNX graph of a model (BFT layers as standard operators, seeded random weights)')
    .argument('<model>', 'zoo id, architecture file (.json/.yaml) or .onnx file')
    .requiredOption('--out <file>', 'the .onnx file to write')
    .option('--seed <n>', 'seed of the random weights', integerAtLeast(0), DEFAULT_EXPORT_OPTIONS.seed)
    .option('--fold-bn', 'fold each BatchNormalization into the conv before it')
    .addOption(
      new Option('--bft-ops <ops>', 'operators of a butterfly layer: grouped 1×1 Conv or batched MatMul')
        .choices(BUTTERFLY_OPS)
        .default(DEFAULT_EXPORT_OPTIONS.butterflyOps),
    )
    .addOption(new Option('--format <format>', 'summary format').choices(EXPORT_FORMATS).default('table'));
  addParameterOptions(command);
  addFusionOptions(command);
  return command.action((model: string, options: ExportOptionValues) => {
    // An ONNX file's weights go into the export: copied from the file as it is written, never all read.
    const described = fileModelSource({ onnxWeights: 'copied' }).resolve(model);
    const result = exportModelPieces(
      {
        model: described,
        parameters: parametersFrom(options),
        fusion: fusionFrom(options),
        parameterField,
      },
      { seed: options.seed, butterflyOps: options.bftOps, foldBatchNorm: options.foldBn ?? false },
    );
    const { path } = described.provenance;
    const stamp = described.source?.stamp;
    writeOnnxPieces(
      options.out,
      result.exported.pieces,
      path !== undefined && stamp !== undefined ? { path, stamp } : undefined,
    );
    process.stdout.write(formatExport(result, options.out, options.format));
  });
}
