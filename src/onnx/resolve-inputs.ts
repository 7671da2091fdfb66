/**
 * The dims of a graph's inputs. Inputs that also have an initializer are weights with data.
 * Of the others, the first is the image (an activation), as is any input named in `overrides`,
 * declared with a named (symbolic) dim, or of the first one's element type and declared dims (a
 * second frame); the rest are weights passed as graph inputs (their
 * declared shapes are used, their data is never needed).
 *
 * Dims: an override wins; a named batch dim (dim 0 of an activation) is 1; the image's height
 * and width (the last two dims of a rank-4 image or a rank-5 clip N × C × T × H × W), and a
 * second frame's, take `resolution` when given (declared sizes too),
 * else `defaultResolution` where they are named; any other named or
 * unknown dim is a UserError naming the input and the dim. Counts are per sample, so an
 * activation's batch must be 1.
 */
import { UserError } from '../errors.js';
import type { OnnxDim, OnnxGraph } from './onnx-graph.js';

/** A graph input with its resolved dims. */
export interface ResolvedInput {
  readonly name: string;
  readonly dims: readonly number[];
  readonly elemType: number;
  /** Computed per image (true) or a weight (false). */
  readonly activation: boolean;
  /** The image input is one C × H × W image without a batch dim (rank 3): one sample. */
  readonly unbatched?: true;
}

/** Resolves the graph's inputs (see the file comment). */
export function resolveGraphInputs(
  graph: OnnxGraph,
  options: {
    readonly file: string;
    readonly overrides?: Readonly<Record<string, readonly number[]>>;
    readonly resolution?: number;
    readonly defaultResolution?: number;
  },
): ResolvedInput[] {
  const location = { file: options.file };
  const candidates = graph.inputs.filter((input) => !graph.initializers.has(input.name));
  const overrides = options.overrides ?? {};
  for (const name of Object.keys(overrides)) {
    if (!candidates.some((input) => input.name === name)) {
      throw new UserError(`"${name}" is not an input of the graph`, {
        location: { ...location, field: 'input' },
        expected: `one of ${candidates.map((c) => `"${c.name}"`).join(', ') || '(no inputs)'}`,
      });
    }
  }
  let imageSeen = false;
  return candidates.map((input, index) => {
    const override = overrides[input.name];
    const symbolic = input.dims?.some((d) => typeof d !== 'number') ?? false;
    // A second input of the first one's type and declared dims is a second image (RAFT's two frames).
    const first = candidates[0];
    const likeFirst =
      first !== undefined &&
      input.elemType === first.elemType &&
      input.dims !== undefined &&
      first.dims !== undefined &&
      input.dims.length === first.dims.length &&
      input.dims.every((d, i) => sameDim(d, first.dims?.[i]));
    const activation = index === 0 || override !== undefined || symbolic || likeFirst;
    const isImage = activation && !imageSeen;
    if (activation) imageSeen = true;
    // The dims in the input field's form (the CLI's --input): name=1x3x224x224, ? where unknown.
    const hint = `${input.name}=${(input.dims ?? [1, 3, 224, 224]).map((d) => (typeof d === 'number' ? d : '?')).join('x')}`;
    let dims: number[];
    if (override !== undefined) {
      if (input.dims !== undefined && override.length !== input.dims.length) {
        throw new UserError(`${override.length} dims given for "${input.name}", which has ${input.dims.length}`, {
          location: { ...location, field: 'input' },
          expected: `${input.dims.length} dims`,
        });
      }
      dims = [...override];
    } else {
      if (input.dims === undefined) {
        throw new UserError(`graph input "${input.name}" has no declared shape`, {
          location: { ...location, field: 'input' },
          expected: `its dims, e.g. ${hint}`,
        });
      }
      dims = input.dims.map((dim, axis) => {
        if (typeof dim === 'number' && dim > 0) return dim;
        if (activation && axis === 0) return 1;
        const square = options.resolution ?? options.defaultResolution;
        const rank = input.dims?.length ?? 0;
        if ((isImage || likeFirst) && rank >= 4 && axis >= rank - 2 && square !== undefined) return square;
        const what = dim === undefined || typeof dim === 'number' ? 'unknown' : `named "${dim.param}"`;
        throw new UserError(`dim ${axis} of graph input "${input.name}" is ${what}`, {
          location: { ...location, field: 'input' },
          expected: `a size for it, e.g. ${hint}${isImage ? ', or a square resolution' : ''}`,
        });
      });
    }
    if ((isImage || likeFirst) && dims.length >= 4 && options.resolution !== undefined) {
      dims[dims.length - 2] = options.resolution;
      dims[dims.length - 1] = options.resolution;
    }
    if (dims.some((d) => !Number.isInteger(d) || d < 1)) {
      throw new UserError(`graph input "${input.name}" has dims [${dims.join(', ')}]`, {
        location,
        expected: 'positive integers',
      });
    }
    // An image input of rank 3 is one unbatched C × H × W image (torchvision's detection models
    // take a list of images); any other activation's first dim is its batch.
    const unbatched = isImage && dims.length === 3;
    if (activation && !unbatched && dims.length >= 2 && dims[0] !== 1) {
      throw new UserError(`graph input "${input.name}" has batch ${dims[0]}; counts are per sample`, {
        location: { ...location, field: 'input' },
        expected: `batch 1, e.g. ${input.name}=1x${dims.slice(1).join('x')}`,
      });
    }
    return { name: input.name, dims, elemType: input.elemType, activation, ...(unbatched ? { unbatched } : {}) };
  });
}

/** Whether two declared dims say the same: one size, or one name (`height` and `height`). */
function sameDim(a: OnnxDim, b: OnnxDim): boolean {
  return typeof a === 'object' && typeof b === 'object' ? a.param === b.param : a === b;
}
