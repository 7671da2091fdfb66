/**
 * Counting a 1.2 GB transformer (issue 17, item 8): the synthetic ViT-L/16 of `vit-onnx.ts` with
 * full-size float32 weights (zeros) is written to a temporary file and counted by fresh Node
 * processes (`onnx-count-child.ts`); targets under 3 s and 1 GB peak RSS. The expected MACs are
 * the closed form (checked in test/onnx/synthetic-vit.test.ts). Run alone:
 * `npm run build && node dist/bench/vit-import-bench.js`; `run.ts` includes it.
 */
import { fileURLToPath } from 'node:url';
import '../src/io/node-packages.js';
import { countInFreshProcesses, type OnnxImportBench } from './onnx-import.js';
import { VIT_L_16, vitOnnx } from './vit-onnx.js';

/** ViT-L/16 at 224: 24 blocks of 4·T·d² + 2·T²·d + 2·T·d·m, patch embedding, head (T 197, d 1024, m 4096). */
const VIT_L_MACS = (
  24n * (4n * 197n * 1024n * 1024n + 2n * 197n * 197n * 1024n + 2n * 197n * 1024n * 4096n) +
  3n * 256n * 1024n * 196n +
  1024n * 1000n
).toString();

/** Runs it: `rounds` fresh processes. */
export function vitImportBench(rounds = 3): OnnxImportBench {
  return countInFreshProcesses('vit_l_16-full.onnx', vitOnnx(VIT_L_16, true), rounds, VIT_L_MACS);
}

/** One line for the benchmark output. */
export function describeVitImportBench(result: OnnxImportBench): string {
  const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
  return (
    `ONNX import, transformer: ${result.fileMB.toFixed(0)} MB ViT-L/16 in a fresh process: wall ${result.coldMs.toFixed(0)} ms (target 3000: ${met(result.coldMs < 3000)}), ` +
    `${result.coldCpuMs.toFixed(0)} ms CPU (start-up ${result.startupCpuMs.toFixed(0)} ms, read + decode + count ${result.countCpuMs.toFixed(0)} ms CPU / ${result.countMs.toFixed(0)} ms wall), ` +
    `peak RSS ${result.maxRssMB.toFixed(0)} MB (target 1024: ${met(result.maxRssMB < 1024)}), MACs ${result.macs} (closed form ${result.expectedMacs})`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${describeVitImportBench(vitImportBench())}\n`);
}
