/**
 * The refusal of a size that depends on the data when neither the graph nor the user bounds it
 * (a Loop without a trip count M whose condition is computed from the data): a `UserError` that
 * also says, as data, which node needs a bound — so that a caller can offer a way to give one (the
 * CLI's message names `--bound node=N`; the explorer shows a bound field for the node).
 */
import { UserError } from '../errors.js';
import type { OpContext } from './op-rule.js';

/** A node whose output size depends on the data and has no bound (see the file comment). */
export class MissingBoundError extends UserError {
  /** The ONNX node name, as `--bound` takes it. */
  readonly node: string;
  /** Its op type (`Loop`). */
  readonly op: string;

  constructor(node: string, op: string, error: UserError) {
    super(error.problem, {
      location: error.location,
      ...(error.expected !== undefined ? { expected: error.expected } : {}),
    });
    this.node = node;
    this.op = op;
  }
}

/** Refuses the context's node for a missing bound: its `fail` error (file, node, op type) as a {@link MissingBoundError}. */
export function failForMissingBound(context: OpContext, problem: string, expected: string): never {
  try {
    return context.fail(problem, expected);
  } catch (error) {
    if (error instanceof UserError) throw new MissingBoundError(context.node.name, context.node.opType, error);
    throw error;
  }
}
