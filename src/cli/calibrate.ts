import type { Command } from 'commander';
import { writeFileAtomic } from '../io/output.js';
import { stringifyExact } from '../text/json.js';
import { integerAtLeast } from './options.js';

/** `butterflops calibrate --out device.json`: this machine's roofline profile on onnxruntime. */
export function register(program: Command): Command {
  return program
    .command('calibrate')
    .description(
      "measure this machine's device profile on onnxruntime (peak MAC/s of a large MatMul, bandwidth of a large Add) and write it",
    )
    .requiredOption('--out <file>', 'the JSON device profile to write (use it with `latency --device`)')
    .option('--threads <n>', 'intra-op threads', integerAtLeast(1), 1)
    .option('--runs <n>', 'timed runs of each kernel', integerAtLeast(1), 7)
    .action(async (options: { out: string; threads: number; runs: number }) => {
      const { calibrate } = await import('../runtime/calibrate.js'); // loads onnxruntime only here
      const profile = await calibrate(options.threads, options.runs);
      writeFileAtomic(options.out, `${stringifyExact(profile)}\n`);
      process.stdout.write(
        `wrote ${options.out}: peak ${(profile.peakMacsPerSecond / 1e9).toFixed(1)} GMAC/s, bandwidth ${(profile.bandwidthBytesPerSecond / 1e9).toFixed(1)} GB/s (${profile.threads} thread(s), load ${profile.loadAverage.join('/')})\n`,
      );
    });
}
