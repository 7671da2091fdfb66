import type { Command } from 'commander';
import { defaultModelSource } from '../io/file-model-source.js';
import { readTextFile } from '../io/read-text-file.js';
import { writeFileAtomic } from '../io/output.js';
import { MEASUREMENTS_FILE, paperConfigurations } from '../latency/measurements.js';
import { DESIGN_SPACE_FILE } from '../latency/design-space.js';
import { parseResultsCsv } from '../results/parse-results-csv.js';
import { stringifyExact } from '../text/json.js';
import { integerAtLeast } from './options.js';

/** `butterflops measure`: latency of the paper's MobileNetV1/ShuffleNetV2 configurations, written as the report's data file. */
export function register(program: Command): Command {
  return program
    .command('measure')
    .description(
      "time the paper's MobileNetV1 and ShuffleNetV2 configurations on onnxruntime and write the measurements the report reads (slow)",
    )
    .option('--results <csv>', 'results file whose configurations to measure', 'data/results/bft-paper.csv')
    .option('--out <file>', 'measurements file to write', MEASUREMENTS_FILE)
    .option('--threads <n>', 'intra-op threads', integerAtLeast(1), 1)
    .option('--runs <n>', 'timed interleaved rounds', integerAtLeast(1), 7)
    .option('--warmup <n>', 'untimed rounds first', integerAtLeast(0), 2)
    .option(
      '--design-space-out <file>',
      'design-space measurements file to write (dense vs base 2, base 4, √n and planned BFT networks)',
      DESIGN_SPACE_FILE,
    )
    .action(
      async (options: {
        results: string;
        out: string;
        designSpaceOut: string;
        threads: number;
        runs: number;
        warmup: number;
      }) => {
        const configurations = paperConfigurations(parseResultsCsv(readTextFile(options.results), options.results));
        const progress = process.stderr.isTTY
          ? (line: string) => process.stderr.write(`\r\x1b[K${line}`)
          : () => undefined;
        const { measureConfigurations } = await import('../runtime/measure-configurations.js'); // loads onnxruntime only here
        const result = await measureConfigurations(
          defaultModelSource(),
          configurations,
          [
            [
              'MobileNetV1-1.0 @224 (pointwise)',
              { arch: 'mobilenet-v1', width: 1, resolution: 224, fusion: 'pointwise' },
            ],
            ['MobileNetV1-2.0+BFT @224', { arch: 'mobilenet-v1', width: 2, resolution: 224, fusion: 'bft' }],
          ],
          options,
          progress,
        );
        if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
        writeFileAtomic(options.out, `${stringifyExact(result)}\n`);
        process.stdout.write(
          `wrote ${options.out}: ${result.configurations.length} configurations, load ${result.loadAverage.join('/')}\n`,
        );
        const { measureDesignSpace } = await import('../runtime/measure-design-space.js');
        const space = await measureDesignSpace(defaultModelSource(), options, progress);
        if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
        writeFileAtomic(options.designSpaceOut, `${stringifyExact(space)}\n`);
        process.stdout.write(
          `wrote ${options.designSpaceOut}: ${space.points.length} networks, load ${space.loadAverage.join('/')}\n`,
        );
      },
    );
}
