/**
 * `JSON.stringify(value, null, 2)` in pieces, for outputs too large for one string (V8 caps a
 * string at about 2^29 characters; a million-row Pareto analysis as JSON is about 1 GB).
 * Joined, the pieces equal `JSON.stringify(value, null, 2)` for plain JSON data (objects,
 * arrays, strings, finite numbers, booleans, null; no undefined, functions or toJSON).
 */

/**
 * The pieces of `value` as indented JSON: arrays and objects that hold arrays are opened up,
 * every other value is one piece (an object without arrays — a result row — is one piece).
 * O(size of the output); the number of pieces grows with the number of rows.
 * Example: [...jsonChunks({a: [1, {b: 2}]})].join('') === JSON.stringify({a: [1, {b: 2}]}, null, 2).
 */
export function* jsonChunks(value: unknown, indent = ''): Generator<string> {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      yield inner;
      yield* jsonChunks(value[i], inner);
      yield i + 1 < value.length ? ',\n' : '\n';
    }
    yield `${indent}]`;
    return;
  }
  if (value !== null && typeof value === 'object' && Object.values(value).some((v) => Array.isArray(v))) {
    const entries: [string, unknown][] = Object.entries(value as Record<string, unknown>);
    yield '{\n';
    for (let i = 0; i < entries.length; i++) {
      const [key, v]: [string, unknown] = entries[i] ?? ['', null];
      yield `${inner}${JSON.stringify(key)}: `;
      yield* jsonChunks(v, inner);
      yield i + 1 < entries.length ? ',\n' : '\n';
    }
    yield `${indent}}`;
    return;
  }
  const text = JSON.stringify(value, null, 2);
  yield indent === '' ? text : text.replaceAll('\n', `\n${indent}`);
}
