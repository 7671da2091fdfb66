/**
 * Typed errors. A `UserError` is a mistake in what the user gave us (a file, a flag, a value):
 * the CLI prints its one-line `message` and exits with code 2, never a stack trace.
 * Anything else that escapes is a bug in butterflops and is reported as such.
 */

/** Where in the user's input a problem was found. Every field is optional; give what is known. */
export interface ErrorLocation {
  /** File path as the user wrote it. */
  readonly file?: string;
  /** 1-based line number in that file. */
  readonly line?: number;
  /** 1-based column number in that file. */
  readonly column?: number;
  /** JSON pointer (RFC 6901) to the offending value, e.g. `/layers/3/stride`. */
  readonly path?: string;
  /**
   * The field of a request (`n`, `maxN`; the CLI shows the option's flag, `--n`, `--max-n`), a
   * command-line option (`--width`) or a CSV column name (`top1`).
   */
  readonly field?: string;
}

/** A mistake in user input: one line, where it is, what was received, what is allowed. */
export class UserError extends Error {
  override readonly name = 'UserError';
  /** The problem alone, without location, received and expected. */
  readonly problem: string;
  readonly location: ErrorLocation;
  readonly received?: string;
  readonly expected?: string;

  constructor(problem: string, details: { location?: ErrorLocation; received?: unknown; expected?: string } = {}) {
    const location = details.location ?? {};
    const received = details.received === undefined ? undefined : describeValue(details.received);
    super(formatUserErrorMessage(problem, location, received, details.expected));
    this.problem = problem;
    this.location = location;
    if (received !== undefined) this.received = received;
    if (details.expected !== undefined) this.expected = details.expected;
  }

  /**
   * The same error at `location` (problem, received and expected kept): how the CLI names the
   * flag of a field the core reported (`n` → `--n`).
   */
  at(location: ErrorLocation): UserError {
    const moved = new UserError(this.problem, {
      location,
      ...(this.expected === undefined ? {} : { expected: this.expected }),
    });
    if (this.received === undefined) return moved;
    return Object.assign(moved, {
      received: this.received,
      message: formatUserErrorMessage(this.problem, location, this.received, this.expected),
    });
  }
}

/** Renders a value for an error message: strings quoted, long values cut. */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'bigint') text = `${value}`;
  else if (value === undefined) text = 'nothing';
  else text = JSON.stringify(value) ?? `a ${typeof value}`;
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function formatUserErrorMessage(
  problem: string,
  location: ErrorLocation,
  received: string | undefined,
  expected: string | undefined,
): string {
  const where: string[] = [];
  if (location.file !== undefined) {
    let place = location.file;
    if (location.line !== undefined) place += `:${location.line}`;
    if (location.line !== undefined && location.column !== undefined) place += `:${location.column}`;
    where.push(place);
  }
  if (location.path !== undefined) where.push(`at ${location.path === '' ? '/' : location.path}`);
  if (location.field !== undefined) where.push(location.field);
  let message = where.length > 0 ? `${where.join(' ')}: ${problem}` : problem;
  if (received !== undefined) message += `; received ${received}`;
  if (expected !== undefined) message += `; expected ${expected}`;
  return message.replace(/\s*\n\s*/g, ' ');
}

/**
 * `values[index]`, checked: an index outside `values` is a bug in butterflops and throws an
 * internal `RangeError`, instead of a silent `0` or `''` standing in for the missing value. O(1).
 * Example: valueAt([5, 7], 1) = 7; valueAt([5, 7], 2) throws.
 */
export function valueAt<T>(values: ArrayLike<T>, index: number): T {
  if (!Number.isInteger(index) || index < 0 || index >= values.length) {
    throw new RangeError(`index ${index} outside 0…${values.length - 1}`);
  }
  return values[index] as T;
}

/** Exhaustiveness guard for `switch` over discriminated unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
