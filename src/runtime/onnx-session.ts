/**
 * Running ONNX models in onnxruntime-node (CPU) with reproducible settings: a fixed number of
 * intra-op threads, one inter-op thread, sequential execution, all graph optimisations; seeded
 * inputs; warm-up; interleaved timing; a separate profiling session whose trace is read back.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import { float32Draws, seededRandom } from '../random/seeded-random.js';
import { UserError } from '../errors.js';

/** A model to run: its bytes and a label for messages. */
export interface RunnableModel {
  readonly label: string;
  readonly bytes: Uint8Array;
  /** Dims of the image input (batch first), for the dims the graph leaves named (dynamic); else 1. */
  readonly inputDims?: readonly number[];
}

/** An open session with its input ready. */
export interface OpenSession {
  readonly session: ort.InferenceSession;
  readonly feeds: Record<string, ort.Tensor>;
}

/** Opens a session (threads intra-op) and makes a seeded uniform [−1, 1) input for every float input. */
export async function openSession(model: RunnableModel, threads: number, profilePrefix?: string): Promise<OpenSession> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(model.bytes, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      ...(profilePrefix !== undefined ? { enableProfiling: true, profileFilePrefix: profilePrefix } : {}),
    });
  } catch (error) {
    throw new UserError(`onnxruntime cannot load the model: ${firstLine(error)}`, { location: { file: model.label } });
  }
  const random = seededRandom(7);
  const feeds: Record<string, ort.Tensor> = {};
  for (const [index, name] of session.inputNames.entries()) {
    const meta = session.inputMetadata.find((m) => m.name === name);
    const given = index === 0 ? model.inputDims : undefined;
    const shape =
      meta !== undefined && meta.isTensor
        ? meta.shape.map((d, axis) => (typeof d === 'number' && d > 0 ? d : (given?.[axis] ?? 1)))
        : [1];
    const size = shape.reduce((a, b) => a * b, 1);
    // Defined, not assigned: an input may be called __proto__ like any other name.
    Object.defineProperty(feeds, name, {
      value: new ort.Tensor(
        'float32',
        float32Draws(size, () => 2 * random.next() - 1),
        shape,
      ),
      enumerable: true,
    });
  }
  return { session, feeds };
}

/**
 * Times `runs` inferences of every session after `warmup` untimed ones, interleaved: round i
 * runs each model once, in an order rotated by i (so no model always runs first). Returns ms per
 * model per run. `progress` is called after each round.
 */
export async function timeInterleaved(
  sessions: readonly OpenSession[],
  runs: number,
  warmup: number,
  progress?: (round: number, total: number) => void,
): Promise<number[][]> {
  const times = sessions.map(() => [] as number[]);
  for (let round = 0; round < warmup + runs; round++) {
    for (let k = 0; k < sessions.length; k++) {
      const which = (k + round) % sessions.length;
      const open = sessions[which];
      if (open === undefined) continue;
      const start = performance.now();
      await open.session.run(open.feeds);
      const elapsed = performance.now() - start;
      if (round >= warmup) times[which]?.push(elapsed);
    }
    progress?.(round + 1, warmup + runs);
  }
  return times;
}

/**
 * Runs `model` `runs` times (after one warm-up run) in a profiling session and returns the parsed
 * trace (JSON events). The trace file is written to a temporary folder and removed.
 */
export async function profileRuns(
  model: RunnableModel,
  threads: number,
  runs: number,
): Promise<{ events: unknown; skipRuns: number }> {
  const folder = mkdtempSync(join(tmpdir(), 'butterflops-profile-'));
  try {
    const open = await openSession(model, threads, join(folder, 'profile'));
    for (let i = 0; i < runs + 1; i++) await open.session.run(open.feeds);
    open.session.endProfiling();
    await open.session.release();
    const file = readdirSync(folder).find((name) => name.endsWith('.json'));
    if (file === undefined) throw new Error('onnxruntime wrote no profile');
    return { events: JSON.parse(readFileSync(join(folder, file), 'utf8')) as unknown, skipRuns: 1 };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
