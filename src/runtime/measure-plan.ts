/**
 * Times the candidate plans of each channel-fusion shape in onnxruntime (issue 18): one model per
 * candidate holding exactly that layer (its squares, padding, concat or sum — the nodes
 * `butterflops export` writes for it, `emitButterflyLayer`) at the layer's real size, next to the
 * dense 1×1 Conv of the same shape, all timed interleaved like `latency`. Medians in ms.
 * Measurements can be cached in a JSON file keyed by shape, radices, form, threads and machine:
 * a cached entry is not measured again.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { float32Draws, seededRandom } from '../random/seeded-random.js';
import { UserError } from '../errors.js';
import { emitButterflyLayer } from '../export/export-network.js';
import { onnxGraphBuilder } from '../export/onnx-graph-builder.js';
import { summarize } from '../latency/statistics.js';
import type { ButterflyForm, ButterflyLayer, ButterflyShapePolicy } from '../model/layer.js';
import type { PlanShape } from '../search/plan-candidates.js';
import { machineDescription } from './machine.js';
import { openSession, timeInterleaved } from './onnx-session.js';

/** Settings of the measurements. */
export interface PlanTiming {
  readonly threads: number;
  readonly runs: number;
  readonly warmup: number;
  readonly shapePolicy: ButterflyShapePolicy;
  readonly residual: boolean;
  /** Cache file (read when present, written after each shape). */
  readonly cache?: string;
  readonly progress?: (line: string) => void;
}

/** What is asked per shape: candidates as (radices, form). */
export interface TimingRequest {
  readonly shape: PlanShape;
  readonly candidates: readonly { readonly radices: readonly number[]; readonly form: ButterflyForm }[];
}

/** Per shape: the dense 1×1 Conv's ms and each candidate's ms (request order). */
export interface ShapeTimes {
  readonly denseMs: number;
  readonly candidateMs: readonly number[];
  /** How many of these numbers were measured now (the rest came from the cache). */
  readonly measured: number;
}

function shapeKey(shape: PlanShape, threads: number): string {
  return `${shape.inChannels}>${shape.outChannels}@${shape.height}x${shape.width}/t${threads}`;
}

function candidateKey(
  radices: readonly number[],
  form: ButterflyForm,
  policy: ButterflyShapePolicy,
  residual: boolean,
): string {
  return `${radices.join('x')}/${form}/${policy}${residual ? '/residual' : ''}`;
}

/** The model of one planned layer on input 1 × n_in × H × W. */
function plannedLayerModel(
  shape: PlanShape,
  radices: readonly number[],
  form: ButterflyForm,
  timing: PlanTiming,
): Uint8Array {
  const graph = onnxGraphBuilder('plan-candidate');
  const layer: ButterflyLayer = {
    kind: 'butterfly',
    inChannels: shape.inChannels,
    outChannels: shape.outChannels,
    base: 2,
    logMode: 'ceil',
    shapePolicy: timing.shapePolicy,
    residual: timing.residual && shape.inChannels === shape.outChannels,
    plan: { radices, form },
  };
  const output = { channels: shape.outChannels, height: shape.height, width: shape.width };
  const y = emitButterflyLayer(graph, 'layer', 'x', layer, output, form, seededRandom(1));
  const [out = ''] = graph.node('Identity', 'output', [y]);
  return graph.encode(
    { name: 'x', dims: [1, shape.inChannels, shape.height, shape.width] },
    { name: out, dims: [1, shape.outChannels, shape.height, shape.width] },
  );
}

/** The dense 1×1 Conv of the shape. */
function denseModel(shape: PlanShape): Uint8Array {
  const graph = onnxGraphBuilder('plan-dense');
  const random = seededRandom(2);
  const scale = 1 / Math.sqrt(shape.inChannels);
  const w = graph.floats(
    'w',
    [shape.outChannels, shape.inChannels, 1, 1],
    float32Draws(shape.outChannels * shape.inChannels, () => (2 * random.next() - 1) * scale),
  );
  const [y = ''] = graph.node('Conv', 'dense/Conv', ['x', w], { kernel_shape: [1, 1] });
  return graph.encode(
    { name: 'x', dims: [1, shape.inChannels, shape.height, shape.width] },
    { name: y, dims: [1, shape.outChannels, shape.height, shape.width] },
  );
}

interface CacheFile {
  readonly machine: string;
  readonly entries: Record<string, Record<string, number>>;
}

function readCache(path: string | undefined, machine: string): CacheFile {
  if (path === undefined || !existsSync(path)) return { machine, entries: {} };
  let data: CacheFile;
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
  } catch (error) {
    throw new UserError(`the plan cache is not JSON: ${error instanceof Error ? error.message : String(error)}`, {
      location: { file: path },
    });
  }
  if (typeof data?.entries !== 'object' || data.entries === null)
    throw new UserError('the plan cache has no "entries" object', {
      location: { file: path },
      expected: 'a file written by butterflops plan --cache',
    });
  // measurements from another machine do not apply here
  return data.machine === machine ? data : { machine, entries: {} };
}

function writeCache(path: string, cache: CacheFile): void {
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, `${JSON.stringify(cache, null, 1)}\n`);
  renameSync(temporary, path);
}

/** Measures (or reads from the cache) every candidate of every shape. */
export async function measurePlanCandidates(
  requests: readonly TimingRequest[],
  timing: PlanTiming,
): Promise<ShapeTimes[]> {
  const m = machineDescription();
  const machine = `${m.cpu} / ${m.cores} cores / onnxruntime ${m.onnxruntime}`;
  const cache = readCache(timing.cache, machine);
  const results: ShapeTimes[] = [];
  for (const [index, request] of requests.entries()) {
    const key = shapeKey(request.shape, timing.threads);
    const known = cache.entries[key] ?? {};
    const wanted = [
      { name: 'dense', bytes: () => denseModel(request.shape) },
      ...request.candidates.map((c) => ({
        name: candidateKey(c.radices, c.form, timing.shapePolicy, timing.residual),
        bytes: () => plannedLayerModel(request.shape, c.radices, c.form, timing),
      })),
    ];
    const missing = wanted.filter((w) => known[w.name] === undefined);
    timing.progress?.(
      `shape ${index + 1}/${requests.length} (${request.shape.inChannels}→${request.shape.outChannels} at ${request.shape.height}×${request.shape.width}): timing ${missing.length} model(s)`,
    );
    if (missing.length > 0) {
      const sessions = [];
      for (const w of missing) sessions.push(await openSession({ label: w.name, bytes: w.bytes() }, timing.threads));
      const times = await timeInterleaved(sessions, timing.runs, timing.warmup);
      missing.forEach((w, i) => {
        known[w.name] = summarize(times[i] ?? []).median;
      });
      for (const s of sessions) await s.session.release();
      cache.entries[key] = known;
      if (timing.cache !== undefined) writeCache(timing.cache, cache);
    }
    results.push({
      denseMs: known['dense'] ?? NaN,
      candidateMs: wanted.slice(1).map((w) => known[w.name] ?? NaN),
      measured: missing.length,
    });
  }
  return results;
}
