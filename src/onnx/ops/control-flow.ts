/**
 * If and Loop: their subgraphs are walked as part of the graph, so the layers inside are counted
 * like any other.
 * - If: the condition must be a constant at import time (folded shape arithmetic, e.g. "are
 *   there any boxes" on a size taken at its bound); its branch is walked, the other is not. A
 *   condition computed from the data is refused: which branch runs is not known.
 * - Loop: the body is walked once per iteration (unrolled). With a constant trip count M and a
 *   condition that stays constant, the count is exact. When the body's condition depends on the
 *   data, the loop runs at most M times: every layer inside is counted M times and listed as data
 *   dependent. Without M (or `--bound name=N`) such a loop is refused. Scan outputs stack the
 *   iterations' values along a new first axis (a `concat` layer).
 */
import type { DataDependentBound } from '../../model/network.js';
import { failForMissingBound } from '../missing-bound.js';
import type { OpRule } from '../op-rule.js';
import { constantData, isActivation, type TensorValue } from '../tensor-value.js';

const INT64 = 7;
const BOOL = 9;
/** Most layer walks a Loop may unroll (iterations × body nodes), to keep a count fast. */
export const MAX_UNROLLED_NODES = 100_000;

/** If(cond): the outputs of the branch the constant condition selects. */
const ifRule: OpRule = {
  infer(context) {
    const cond = context.input(0, 'cond');
    const value = isActivation(cond) ? undefined : constantData(cond);
    if (value === undefined || value.length !== 1)
      return context.fail(
        'the condition is computed from the data, so which branch runs is not known at import time',
        'a condition folded from constants and shapes',
      );
    const branch = context.subgraph(value[0] !== 0 ? 'then_branch' : 'else_branch');
    const outputs = context.runGraph(branch, []);
    if (outputs.length !== context.node.outputs.length)
      context.fail(`the branch has ${outputs.length} outputs`, `${context.node.outputs.length}, one per output of If`);
    return outputs;
  },
};

/** Loop(M, cond, v_initial…): unrolled (see the file comment). */
const loopRule: OpRule = {
  infer(context) {
    const body = context.subgraph('body');
    const node = context.node;
    const carried = node.inputs.length - 2;
    if (body.inputs.length !== carried + 2 || body.outputs.length < carried + 1)
      context.fail(
        `the body has ${body.inputs.length} inputs and ${body.outputs.length} outputs for ${carried} loop-carried values`,
        `${carried + 2} inputs (iteration, condition, carried) and at least ${carried + 1} outputs`,
      );
    const tripInput = context.inputs[0] === undefined ? undefined : context.constant(0, 'M')[0];
    const maxTrips = tripInput !== undefined && tripInput < Number.MAX_SAFE_INTEGER ? tripInput : undefined;
    const condInput = context.inputs[1];
    const initial = condInput === undefined ? 1 : isActivation(condInput) ? undefined : constantData(condInput)?.[0];
    let values: (TensorValue | undefined)[] = node.inputs
      .slice(2)
      .map((_n, i) => context.input(i + 2, `v_initial ${i}`));
    const scans: TensorValue[][] = [];
    let dependent: DataDependentBound | undefined;
    let limit = maxTrips;
    const dependOnData = (why: string): void => {
      const given = context.givenBound(maxTrips);
      if (maxTrips === undefined && given === undefined)
        failForMissingBound(
          context,
          `${why}, and the graph sets no maximum trip count`,
          `a maximum trip count M, or one given with --bound ${node.name}=N`,
        );
      limit = given ?? maxTrips ?? 0;
      dependent = {
        node: node.name,
        op: 'Loop',
        bound: limit,
        reason: given !== undefined ? `--bound ${node.name}=${given}` : `trip count M = ${limit}`,
      };
    };
    if (initial === undefined) dependOnData('its first condition depends on the data');
    else if (initial === 0) limit = 0;
    for (let iteration = 0; limit === undefined || iteration < limit; iteration++) {
      if ((iteration + 1) * Math.max(1, body.nodes.length) > MAX_UNROLLED_NODES)
        context.fail(
          `unrolling ${limit ?? 'unlimited'} iterations of ${body.nodes.length} nodes is more than ${MAX_UNROLLED_NODES} node walks`,
          'a smaller trip count',
        );
      const mark = (v: TensorValue): TensorValue => (dependent !== undefined ? { ...v, dataDependent: dependent } : v);
      const inputs: TensorValue[] = [
        mark({ dims: [], elemType: INT64, data: [iteration] }),
        mark({ dims: [], elemType: BOOL, data: [1] }),
        ...values.map((v, i) => mark(v ?? context.fail(`loop-carried value ${i} is missing`))),
      ];
      const outputs = context.runGraph(body, inputs, `${node.name.replace(/^\/+/, '')}/${iteration}/`);
      values = outputs.slice(1, carried + 1);
      outputs.slice(carried + 1).forEach((v, k) => {
        if (v !== undefined) (scans[k] ??= []).push(v);
      });
      const cond = outputs[0];
      const next = cond === undefined || isActivation(cond) ? undefined : constantData(cond)?.[0];
      if (next === 0) break;
      if (next === undefined && dependent === undefined) dependOnData('its condition depends on the data');
    }
    const scanOutputs = body.outputs.slice(carried + 1).map((_o, k) => {
      const parts = scans[k] ?? [];
      const first = parts[0];
      if (first === undefined) return { dims: [0], elemType: 0 };
      const dims = [parts.length, ...first.dims];
      const reads = parts.filter(isActivation);
      if (reads.length === 0) return { dims, elemType: first.elemType };
      return context.emit({
        layer: { kind: 'concat' },
        reads,
        dims,
        elemType: first.elemType,
        ...(dependent !== undefined ? { dataDependent: dependent } : {}),
      });
    });
    return [...values, ...scanOutputs];
  },
};

/** The control-flow rules, by ONNX op type. */
export const CONTROL_FLOW_RULES: Readonly<Record<string, OpRule>> = { If: ifRule, Loop: loopRule };
