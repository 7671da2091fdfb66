/**
 * Measures a device profile on onnxruntime-node: the MAC rate of a large dense MatMul
 * (1024 × 1024 weights times 1024 × 3136 activations, 3.3 G MACs) and the bandwidth of a large
 * element-wise Add (two 1 M-element Float32 inputs, one output: 12 MiB moved, the size of a large
 * activation). Medians of `runs`
 * runs after two warm-ups, with `threads` intra-op threads.
 */
import { loadavg } from 'node:os';
import { float32Draws, seededRandom } from '../random/seeded-random.js';
import { onnxGraphBuilder } from '../export/onnx-graph-builder.js';
import type { DeviceProfile } from '../latency/device-profile.js';
import { summarize } from '../latency/statistics.js';
import { machineDescription } from './machine.js';
import { openSession, timeInterleaved } from './onnx-session.js';

const N = 1024;
const PIXELS = 3136;
const ELEMENTS = 1024 * 1024;

function matmulModel(): Uint8Array {
  const graph = onnxGraphBuilder('calibrate-matmul');
  const random = seededRandom(1);
  const w = graph.floats(
    'w',
    [N, N],
    float32Draws(N * N, () => (2 * random.next() - 1) / 32),
  );
  const [y = ''] = graph.node('MatMul', 'MatMul', [w, 'x']);
  return graph.encode({ name: 'x', dims: [N, PIXELS] }, { name: y, dims: [N, PIXELS] });
}

function addModel(): Uint8Array {
  const graph = onnxGraphBuilder('calibrate-add');
  // x + x would read x from memory once: the second operand is a separate constant tensor.
  const b = graph.floats('b', [ELEMENTS], new Float32Array(ELEMENTS).fill(0.5));
  const [y = ''] = graph.node('Add', 'Add', ['x', b]);
  return graph.encode({ name: 'x', dims: [ELEMENTS] }, { name: y, dims: [ELEMENTS] });
}

/** Measures this machine's profile. O(runs · 3.3 GMAC). */
export async function calibrate(threads: number, runs: number): Promise<DeviceProfile> {
  const loadBefore = loadavg();
  const matmul = await openSession({ label: 'calibrate-matmul', bytes: matmulModel() }, threads);
  const add = await openSession({ label: 'calibrate-add', bytes: addModel() }, threads);
  const [matmulTimes = [], addTimes = []] = await timeInterleaved([matmul, add], runs, 2);
  await matmul.session.release();
  await add.session.release();
  const loadAfter = loadavg();
  const machine = machineDescription();
  const seconds = (times: readonly number[]) => summarize(times).median / 1000;
  return {
    device: `${machine.cpu}, ${machine.cores} logical cores, ${machine.platform}`,
    runtime: `onnxruntime-node ${machine.onnxruntime}, Node ${machine.node}`,
    threads,
    peakMacsPerSecond: Math.round((N * N * PIXELS) / seconds(matmulTimes)),
    bandwidthBytesPerSecond: Math.round((3 * 4 * ELEMENTS) / seconds(addTimes)),
    loadAverage: loadBefore.map((l, i) => Math.round(((l + (loadAfter[i] ?? l)) / 2) * 100) / 100),
  };
}
