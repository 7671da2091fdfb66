/**
 * Positions of the values of a JSON text, for error locations without loading the YAML parser:
 * a single pass records where every object, array and scalar starts. `read-structured.ts` uses
 * it for `.json` files; `test/io/json-positions.test.ts` checks that it answers exactly as the
 * YAML-based locator does.
 */
import { survivesDouble } from '../expr/exact-literal.js';

/** A value of the document: where it starts and, for containers, its members. */
interface PositionedValue {
  readonly offset: number;
  readonly members?: ReadonlyMap<string, PositionedValue>;
  readonly items?: readonly PositionedValue[];
}

/** The start offsets of a JSON document's values, addressed by JSON pointer. */
export interface JsonPositions {
  /**
   * Offset of the value at `pointer` (RFC 6901); where the pointer leaves the document, the
   * offset of the deepest value it reaches (as the YAML locator does).
   */
  offsetOf(pointer: string): number;
  /** 1-based line and column of an offset (lines end at `\n`). */
  linePosition(offset: number): { line: number; col: number };
  /**
   * The number literals a double does not hold exactly (`9007199254740993`,
   * `16.0000000000000001`), by JSON pointer, with their text: JSON.parse rounded them.
   */
  readonly inexactNumbers: readonly { readonly pointer: string; readonly text: string }[];
}

/**
 * Scans `text`, which must already be valid JSON (JSON.parse accepted it). Returns undefined when
 * an object repeats a key — the YAML path reports that as an error. O(length of the text).
 */
export function jsonPositions(text: string): JsonPositions | undefined {
  let i = 0;
  let duplicate = false;
  const skipSpace = (): void => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const stringEnd = (start: number): number => {
    let j = start + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  };
  const inexactNumbers: { pointer: string; text: string }[] = [];
  const value = (pointer: string): PositionedValue => {
    skipSpace();
    const offset = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const members = new Map<string, PositionedValue>();
      skipSpace();
      if (text[i] === '}') {
        i++;
        return { offset, members };
      }
      for (;;) {
        skipSpace();
        const keyEnd = stringEnd(i);
        const key = JSON.parse(text.slice(i, keyEnd)) as string;
        i = keyEnd;
        skipSpace();
        i++; // ':'
        const member = value(`${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`);
        if (members.has(key)) duplicate = true;
        members.set(key, member);
        skipSpace();
        if (text[i++] === '}') return { offset, members };
      }
    }
    if (c === '[') {
      i++;
      const items: PositionedValue[] = [];
      skipSpace();
      if (text[i] === ']') {
        i++;
        return { offset, items };
      }
      for (;;) {
        items.push(value(`${pointer}/${items.length}`));
        skipSpace();
        if (text[i++] === ']') return { offset, items };
      }
    }
    if (c === '"') {
      i = stringEnd(i);
      return { offset };
    }
    while (i < text.length && !/[\s,\]}]/.test(text[i] ?? '')) i++;
    const literal = text.slice(offset, i);
    if (/^-?\d/.test(literal) && !survivesDouble(literal)) inexactNumbers.push({ pointer, text: literal });
    return { offset };
  };
  const root = value('');
  if (duplicate) return undefined;
  const lineStarts = [0];
  for (let j = text.indexOf('\n'); j >= 0; j = text.indexOf('\n', j + 1)) lineStarts.push(j + 1);
  return {
    inexactNumbers,
    offsetOf(pointer) {
      let node = root;
      const parts =
        pointer === ''
          ? []
          : pointer
              .split('/')
              .slice(1)
              .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
      for (const part of parts) {
        let next: PositionedValue | undefined;
        if (node.members !== undefined) next = node.members.get(part);
        else if (node.items !== undefined) {
          const index = Number(part);
          next = Number.isInteger(index) && index >= 0 ? node.items[index] : undefined;
        }
        if (next === undefined) return node.offset;
        node = next;
      }
      return node.offset;
    },
    linePosition(offset) {
      let low = 0;
      let high = lineStarts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if ((lineStarts[mid] ?? 0) <= offset) low = mid;
        else high = mid - 1;
      }
      return { line: low + 1, col: offset - (lineStarts[low] ?? 0) + 1 };
    },
  };
}
