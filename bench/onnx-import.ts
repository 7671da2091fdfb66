/**
 * ONNX import benchmark (issue 10): counting a ~100 MB ResNet-50 export must take under 2 s cold
 * and under 600 MB of memory. The export is synthesised from the zoo's ResNet-50 v1.5 (BN kept,
 * every weight with its full float32 raw_data, zero-filled: ~102 MB), written to a temporary
 * file, and counted by a fresh Node process (`onnx-count-child.ts`) per round: wall time of the
 * whole process (start-up, module loading, reading, decoding, counting) and its peak RSS.
 * Run: `npm run build && node dist/bench/onnx-import.js`; `run.ts` includes it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNetwork } from '../src/index.js';
import type { Network } from '../src/model/network.js';
import { ONNX_MODEL_PROTO } from '../src/onnx/onnx-schema.js';
import { median } from './timing.js';

/** An ONNX model of a zoo network with full-size zero weights (conv, BN, relu, pools, add, Gemm). */
export function networkToOnnx(network: Network): Uint8Array {
  const nodes: object[] = [];
  const initializers: object[] = [];
  const tensorName = (id: number) => (id === 0 ? 'input' : `t${id}`);
  const weight = (name: string, dims: number[]) => {
    initializers.push({ name, dims, dataType: 1, rawData: new Uint8Array(4 * dims.reduce((a, b) => a * b, 1)) });
    return name;
  };
  for (const [index, layer] of network.layers.entries()) {
    const inputs = layer.reads.map(tensorName);
    const output = tensorName(layer.writes);
    const name = `/${layer.name}`;
    const record = layer.layer;
    const ints = (name: string, values: number[]) => ({ name, type: 7, ints: values });
    switch (record.kind) {
      case 'conv2d': {
        const w = weight(`${name}.weight`, [
          record.outChannels,
          record.inChannels / record.groups,
          record.kernelH,
          record.kernelW,
        ]);
        const pad =
          record.padding.mode === 'explicit'
            ? [ints('pads', Array<number>(4).fill(record.padding.size))]
            : [{ name: 'auto_pad', type: 3, s: new TextEncoder().encode('SAME_UPPER') }];
        nodes.push({
          name,
          opType: 'Conv',
          input: [...inputs, w],
          output: [output],
          attribute: [
            ints('kernel_shape', [record.kernelH, record.kernelW]),
            ints('strides', [record.stride, record.stride]),
            { name: 'group', type: 2, i: record.groups },
            ...pad,
          ],
        });
        break;
      }
      case 'batchnorm':
        nodes.push({
          name,
          opType: 'BatchNormalization',
          input: [...inputs, ...['scale', 'bias', 'mean', 'var'].map((s) => weight(`${name}.${s}`, [record.channels]))],
          output: [output],
        });
        break;
      case 'activation':
        nodes.push({ name, opType: 'Relu', input: inputs, output: [output] });
        break;
      case 'pool': {
        const pads = record.padding.mode === 'explicit' ? record.padding.size : 0;
        nodes.push({
          name,
          opType: record.op === 'max' ? 'MaxPool' : 'AveragePool',
          input: inputs,
          output: [output],
          attribute: [
            ints('kernel_shape', [record.kernel, record.kernel]),
            ints('strides', [record.stride, record.stride]),
            ints('pads', Array<number>(4).fill(pads)),
          ],
        });
        break;
      }
      case 'add':
        nodes.push({ name, opType: 'Add', input: inputs, output: [output] });
        break;
      case 'global-pool':
        nodes.push({ name, opType: 'GlobalAveragePool', input: inputs, output: [output] });
        break;
      case 'linear': {
        nodes.push({ name: `${name}/Flatten`, opType: 'Flatten', input: inputs, output: [`flat${index}`] });
        nodes.push({
          name,
          opType: 'Gemm',
          input: [
            `flat${index}`,
            weight(`${name}.weight`, [record.outFeatures, record.inFeatures]),
            weight(`${name}.bias`, [record.outFeatures]),
          ],
          output: [output],
          attribute: [{ name: 'transB', type: 2, i: 1 }],
        });
        break;
      }
      default:
        throw new Error(`bench synthesiser: no ONNX form for ${record.kind}`);
    }
  }
  const dim = (d: number) => ({ dimValue: d });
  const message = {
    irVersion: 8,
    producerName: 'butterflops-bench',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: network.model,
      node: nodes,
      initializer: initializers,
      input: [
        {
          name: 'input',
          type: {
            tensorType: {
              elemType: 1,
              shape: { dim: [1, network.input.channels, network.input.height, network.input.width].map(dim) },
            },
          },
        },
      ],
      output: [{ name: tensorName(network.layers[network.layers.length - 1]?.writes ?? 0) }],
    },
  };
  return ONNX_MODEL_PROTO.encode(ONNX_MODEL_PROTO.fromObject(message)).finish();
}

/** Result of the ONNX import benchmark. */
export interface OnnxImportBench {
  readonly fileMB: number;
  readonly rounds: number;
  /** Median wall time of a whole `node` process counting the file, ms. */
  readonly coldMs: number;
  /** Median time inside the process from reading the file to the cost report, ms (wall, and CPU user + system). */
  readonly countMs: number;
  readonly countCpuMs: number;
  /** Median CPU time of the whole process (start-up and module loading included), ms: the load-independent "cold" figure. */
  readonly coldCpuMs: number;
  /** Median CPU time of start-up and module loading alone (mathjs, the cost rules, protobufjs), ms. */
  readonly startupCpuMs: number;
  /** Largest peak resident set size over the rounds, MB. */
  readonly maxRssMB: number;
  readonly macs: string;
  readonly expectedMacs: string;
}

/** Runs the benchmark: `rounds` fresh processes counting the synthesised ResNet-50. */
export function onnxImportBench(rounds = 5): OnnxImportBench {
  const network = loadNetwork({ model: 'resnet-50', parameters: { variant: 'v1.5' } });
  return countInFreshProcesses('resnet50-full.onnx', networkToOnnx(network), rounds, '4089184256');
}

/**
 * Writes `bytes` to a temporary file and counts it in `rounds` fresh Node processes
 * (`onnx-count-child.ts`): wall and CPU times, peak RSS, MACs next to `expectedMacs`. The file is
 * removed afterwards.
 */
export function countInFreshProcesses(
  name: string,
  bytes: Uint8Array,
  rounds: number,
  expectedMacs: string,
): OnnxImportBench {
  const folder = mkdtempSync(join(tmpdir(), 'butterflops-bench-'));
  const file = join(folder, name);
  try {
    writeFileSync(file, bytes);
    const child = fileURLToPath(new URL('./onnx-count-child.js', import.meta.url));
    const runs = Array.from({ length: rounds }, () => {
      const start = performance.now();
      const result = spawnSync(process.execPath, [child, file], { encoding: 'utf8' });
      const wall = performance.now() - start;
      if (result.status !== 0) throw new Error(`onnx-count-child failed: ${result.stderr}`);
      const parsed = JSON.parse(result.stdout) as {
        startupMs: number;
        startupCpuMs: number;
        ms: number;
        cpuMs: number;
        maxRssMB: number;
        macs: string;
      };
      return { wall, ...parsed };
    });
    return {
      fileMB: statSync(file).size / 1e6,
      rounds,
      coldMs: median(runs.map((r) => r.wall)),
      countMs: median(runs.map((r) => r.ms)),
      countCpuMs: median(runs.map((r) => r.cpuMs)),
      coldCpuMs: median(runs.map((r) => r.startupCpuMs + r.cpuMs)),
      startupCpuMs: median(runs.map((r) => r.startupCpuMs)),
      maxRssMB: Math.max(...runs.map((r) => r.maxRssMB)),
      macs: runs[0]?.macs ?? '',
      expectedMacs,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** One line for the benchmark output. */
export function describeOnnxImportBench(result: OnnxImportBench): string {
  return (
    `ONNX import: ${result.fileMB.toFixed(1)} MB ResNet-50 in a fresh process: ${result.coldCpuMs.toFixed(0)} ms CPU cold ` +
    `(start-up and module loading ${result.startupCpuMs.toFixed(0)} ms, read + decode + count ${result.countCpuMs.toFixed(0)} ms CPU / ${result.countMs.toFixed(0)} ms wall), ` +
    `wall ${result.coldMs.toFixed(0)} ms, peak RSS ${result.maxRssMB.toFixed(0)} MB, MACs ${result.macs} (zoo ${result.expectedMacs})`
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = onnxImportBench();
  process.stdout.write(`${describeOnnxImportBench(result)}\n`);
}
