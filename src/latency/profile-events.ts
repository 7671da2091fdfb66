/**
 * onnxruntime's profiler output (a Chrome trace: a JSON array of events) → the time of every
 * graph node per run. Node events have `cat: "Node"`, a name `<node>_kernel_time` (fences and
 * other phases have other suffixes), a duration `dur` in µs and `args.op_name`; each run is a
 * `cat: "Session"` event `model_run` whose interval contains its nodes' events. Pure.
 */
import { summarize } from './statistics.js';

/** One node's kernel time: the median over the profiled runs of its summed kernel time per run. */
export interface NodeTime {
  /** The node's name as the runtime reports it (after its graph optimisations, e.g. fused nodes). */
  readonly node: string;
  /** The op the runtime ran (`Conv`, `FusedConv`, `Transpose`, `ReorderOutput`, …). */
  readonly op: string;
  readonly microseconds: number;
}

interface TraceEvent {
  readonly cat?: unknown;
  readonly name?: unknown;
  readonly dur?: unknown;
  readonly ts?: unknown;
  readonly args?: { readonly op_name?: unknown };
}

const KERNEL = '_kernel_time';

/**
 * Per-node median kernel times from the trace `events`; the first `skipRuns` runs (warm-up) are
 * left out. Nodes are listed in the order of their first appearance. O(events · log runs).
 */
export function nodeTimes(events: unknown, skipRuns = 0): NodeTime[] {
  if (!Array.isArray(events)) throw new Error('profile: expected a JSON array of trace events');
  const list = events as readonly TraceEvent[];
  const runs = list
    .filter(
      (e) => e.cat === 'Session' && e.name === 'model_run' && typeof e.ts === 'number' && typeof e.dur === 'number',
    )
    .map((e) => ({ start: e.ts as number, end: (e.ts as number) + (e.dur as number) }))
    .sort((a, b) => a.start - b.start)
    .slice(skipRuns);
  const perNode = new Map<string, { op: string; perRun: number[] }>();
  for (const event of list) {
    if (event.cat !== 'Node' || typeof event.name !== 'string' || !event.name.endsWith(KERNEL)) continue;
    const ts = typeof event.ts === 'number' ? event.ts : NaN;
    const run = runs.findIndex((r) => ts >= r.start && ts <= r.end);
    if (run < 0) continue;
    const node = event.name.slice(0, -KERNEL.length);
    const entry = perNode.get(node) ?? {
      op: typeof event.args?.op_name === 'string' ? event.args.op_name : '?',
      perRun: runs.map(() => 0),
    };
    entry.perRun[run] = (entry.perRun[run] ?? 0) + (typeof event.dur === 'number' ? event.dur : 0);
    perNode.set(node, entry);
  }
  return [...perNode].map(([node, { op, perRun }]) => ({ node, op, microseconds: summarize(perRun).median }));
}
