/**
 * `JSON.stringify(value, null, 2)` in pieces, for outputs too large for one string (V8 caps a
 * string at about 2^29 characters; a million-row Pareto analysis as JSON is about 1 GB).
 * Joined, the pieces equal `JSON.stringify(value, null, 2)` for plain JSON data (objects,
 * arrays, strings, finite numbers, booleans, null; no undefined, functions or toJSON) and
 * {@link JsonRows}.
 */

/**
 * An array whose elements are made only when they are written: `row(i)` for i < `length`, each a
 * JSON value without arrays (a result row). `jsonChunks` makes and writes them one at a time, so
 * a million rows never exist at once; `JSON.stringify` sees the whole array (through `toJSON`).
 */
export class JsonRows {
  constructor(
    readonly length: number,
    readonly row: (index: number) => unknown,
  ) {}

  /** The rows as an array, for `JSON.stringify`. */
  toJSON(): unknown[] {
    return Array.from({ length: this.length }, (_, i) => this.row(i));
  }
}

/** `items` as {@link JsonRows} made by `row`. */
export function jsonRows<T>(items: readonly T[], row: (item: T) => unknown): JsonRows {
  return new JsonRows(items.length, (i) => row(items[i] as T));
}

/** True for an array, or an object with an array among its values: these are opened up. */
function opensUp(value: unknown): boolean {
  if (Array.isArray(value) || value instanceof JsonRows) return true;
  if (value === null || typeof value !== 'object') return false;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const v = (value as Record<string, unknown>)[key];
    if (Array.isArray(v) || v instanceof JsonRows) return true;
  }
  return false;
}

/**
 * `value` as indented JSON at `depth` levels of two spaces (its lines after the first indented
 * that much): `JSON.stringify` of the value inside `depth` arrays, cut out of them, which is
 * `JSON.stringify(value, null, 2)` with every line break followed by the indentation, in one
 * native pass.
 */
function leafText(value: unknown, depth: number): string {
  let wrapped = value;
  for (let k = 0; k < depth; k++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Before the value: "[\n" and 2j spaces for j = 1…depth; after it: "\n", 2j spaces and "]" for j = depth−1…0.
  return text.slice(depth * (depth + 3), text.length - depth * (depth + 1));
}

/**
 * The pieces of `value` as indented JSON: arrays and objects that hold arrays are opened up,
 * every other value is one piece with the indentation before it and the comma after it (an
 * object without arrays — a result row — is one piece). O(size of the output); the number of
 * pieces grows with the number of rows.
 * Example: [...jsonChunks({a: [1, {b: 2}]})].join('') === JSON.stringify({a: [1, {b: 2}]}, null, 2).
 */
export function* jsonChunks(value: unknown, depth = 0): Generator<string> {
  const indent = '  '.repeat(depth);
  const inner = `${indent}  `;
  if (value instanceof JsonRows) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[\n';
    for (let i = 0; i < value.length; i++)
      yield `${inner}${leafText(value.row(i), depth + 1)}${i + 1 < value.length ? ',\n' : '\n'}`;
    yield `${indent}]`;
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      const element: unknown = value[i];
      const end = i + 1 < value.length ? ',\n' : '\n';
      if (opensUp(element)) {
        yield inner;
        yield* jsonChunks(element, depth + 1);
        yield end;
      } else {
        yield `${inner}${leafText(element, depth + 1)}${end}`;
      }
    }
    yield `${indent}]`;
    return;
  }
  if (opensUp(value)) {
    const entries: [string, unknown][] = Object.entries(value as Record<string, unknown>);
    yield '{\n';
    for (let i = 0; i < entries.length; i++) {
      const [key, v]: [string, unknown] = entries[i] ?? ['', null];
      yield `${inner}${JSON.stringify(key)}: `;
      yield* jsonChunks(v, depth + 1);
      yield i + 1 < entries.length ? ',\n' : '\n';
    }
    yield `${indent}}`;
    return;
  }
  yield leafText(value, depth);
}
