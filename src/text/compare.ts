/**
 * Comparators for deterministic ordering (sorted rows, keys and files make outputs byte-stable).
 * Plain `<`/`>` order: code-unit order for strings (not locale order), numeric for numbers and
 * bigints.
 */

/** −1, 0 or 1 as `a` sorts before, with or after `b`. */
export function compareValues<T extends string | number | bigint>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A comparator of records by one key, e.g. `rows.sort(byKey((row) => row.id))`. */
export function byKey<R, T extends string | number | bigint>(key: (record: R) => T): (a: R, b: R) => number {
  return (a, b) => compareValues(key(a), key(b));
}
