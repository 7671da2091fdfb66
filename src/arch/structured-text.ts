import type * as Yaml from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { UserError, type ErrorLocation } from '../errors.js';
import { loadPackage } from '../expr/lazy-package.js';
import { exactLiteral, MAX_LITERAL_EXPONENT, plainDecimal, survivesDouble } from '../expr/exact-literal.js';
import { jsonPositions } from './json-positions.js';

let yamlModule: typeof Yaml | undefined;

/** The `yaml` package, loaded on first use (JSON files without duplicate keys never need it). */
function yaml(): typeof Yaml {
  return (yamlModule ??= loadPackage<typeof Yaml>('yaml'));
}

/** A parsed JSON or YAML file and a way back from a JSON pointer to its line and column. */
export interface StructuredFile {
  readonly file: string;
  readonly value: unknown;
  /** Location of the value at `pointer` (RFC 6901), as precise as the file allows. */
  locate(pointer: string): ErrorLocation;
  /**
   * Number literals a double does not hold exactly, by JSON pointer, with their text as written.
   * In `value` each is the string of its exact decimal (`"9007199254740993"`), which an
   * expression field reads exactly; a field that takes only a number refuses it by name.
   */
  readonly exactNumbers?: ReadonlyMap<string, string>;
}

/**
 * Parses a JSON or YAML text; every value keeps its position for error messages. `file` names
 * the text in errors and selects JSON vs YAML by its extension. JSON must be strict; it is read
 * by JSON.parse and located by `json-positions.ts`, and only JSON that repeats a key goes to the
 * YAML 1.2 parser (JSON is a subset), which reports the repetition. Syntax errors become a
 * UserError with file, line and column. Pure (the file reading is `io/read-structured.ts`); the
 * `yaml` package is loaded on first use.
 */
export function parseStructuredText(text: string, file: string): StructuredFile {
  const isJson = !/\.ya?ml$/i.test(file);
  if (isJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new UserError(`malformed JSON: ${jsonProblem(error)}`, {
        location: { file, ...jsonPosition(error, text) },
      });
    }
    checkNesting(parsed, file);
    const positions = jsonPositions(text);
    if (positions !== undefined) {
      const located = new Map<string, ErrorLocation>();
      const locate = (pointer: string): ErrorLocation => {
        const { line, col } = positions.linePosition(positions.offsetOf(pointer));
        return { file, line, column: col, path: pointer };
      };
      const exactNumbers = new Map<string, string>();
      for (const { pointer, text: literal } of positions.inexactNumbers) {
        parsed = replaceAt(parsed, pointer, exactDecimal(literal, locate(pointer)));
        exactNumbers.set(pointer, literal);
      }
      return {
        file,
        value: parsed,
        exactNumbers,
        locate(pointer) {
          let location = located.get(pointer);
          if (location === undefined) {
            const { line, col } = positions.linePosition(positions.offsetOf(pointer));
            location = { file, line, column: col, path: pointer };
            located.set(pointer, location);
          }
          return location;
        },
      };
    }
  }
  return parseWithYaml(text, file, isJson);
}

/**
 * Parses `text` with the YAML 1.2 parser (also for JSON, so that duplicate keys are errors);
 * exported for the test that checks `json-positions.ts` against it.
 */
export function parseWithYaml(text: string, file: string, isJson: boolean): StructuredFile {
  const { LineCounter, parseDocument } = yaml();
  checkYamlNesting(text, file);
  const lineCounter = new LineCounter();
  const document = withinStack(file, () =>
    parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, keepSourceTokens: true }),
  );
  const firstError = document.errors[0];
  if (firstError !== undefined) {
    // With prettyErrors off the parser leaves linePos unset; the line counter has the offsets.
    const position = firstError.linePos?.[0] ?? lineCounter.linePos(firstError.pos[0]);
    throw new UserError(`malformed ${isJson ? 'JSON' : 'YAML'}: ${firstError.message.split('\n')[0] ?? ''}`, {
      location: { file, ...(position ? { line: position.line, column: position.col } : {}) },
    });
  }
  const exactNumbers = withinStack(file, () =>
    keepExactNumbers(document, (offset) => {
      const { line, col } = lineCounter.linePos(offset);
      return { file, line, column: col };
    }),
  );
  const value: unknown = withinStack(file, () => document.toJS() as unknown);
  checkNesting(value, file);
  // Networks ask for the same pointers on every build (locations are prepared before they are
  // needed), so the answers are kept.
  const located = new Map<string, ErrorLocation>();
  return {
    file,
    value,
    exactNumbers,
    locate(pointer) {
      let location = located.get(pointer);
      if (location === undefined) {
        const node = nodeAt(document.contents, pointer);
        const offset = node?.range?.[0];
        if (offset === undefined) location = { file, path: pointer };
        else {
          const { line, col } = lineCounter.linePos(offset);
          location = { file, line, column: col, path: pointer };
        }
        located.set(pointer, location);
      }
      return location;
    },
  };
}

function nodeAt(root: YamlNode | null, pointer: string): YamlNode | null {
  const { isMap, isSeq } = yaml();
  let node = root;
  const parts =
    pointer === ''
      ? []
      : pointer
          .split('/')
          .slice(1)
          .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  for (const part of parts) {
    if (isMap(node)) {
      const next = node.get(part, true) as YamlNode | undefined;
      if (next === undefined) return node;
      node = next;
    } else if (isSeq(node)) {
      const next = node.get(Number(part), true) as YamlNode | undefined;
      if (next === undefined) return node;
      node = next;
    } else {
      return node;
    }
  }
  return node;
}

function jsonProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
}

function jsonPosition(error: unknown, text: string): { line?: number; column?: number } {
  const message = error instanceof Error ? error.message : '';
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  let offset = position ? Number(position[1]) : snippetOffset(message, text);
  if (offset === undefined) return {};
  offset = Math.min(offset, text.length);
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/**
 * Node's "Unexpected token ']', …"2,]}" is not valid JSON" names no position but quotes the end
 * of the text up to a point; the unexpected token is the first occurrence of it in that snippet.
 */
function snippetOffset(message: string, text: string): number | undefined {
  const match = /^Unexpected token '(.)', (\.\.\.)?"([\s\S]*?)"(\.\.\.)? is not valid JSON/.exec(message);
  if (!match) return undefined;
  const [, token = '', leading, snippet = ''] = match;
  const start = leading ? text.lastIndexOf(snippet) : text.indexOf(snippet);
  if (start < 0) return undefined;
  const within = snippet.indexOf(token);
  return within < 0 ? undefined : start + within;
}

/** The literal as the exact decimal string an expression field reads (no exponent). */
function exactDecimal(literal: string, location: ErrorLocation): string {
  const plain = plainDecimal(literal);
  if (plain === undefined)
    throw new UserError(`the number ${literal} is too large or too small to read exactly`, {
      location,
      expected: `an exponent of at most ${MAX_LITERAL_EXPONENT}`,
    });
  return plain;
}

/** `root` with the value at `pointer` (which exists) replaced by `replacement`. */
function replaceAt(root: unknown, pointer: string, replacement: unknown): unknown {
  if (pointer === '') return replacement;
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  const last = parts.pop() ?? '';
  let node = root as Record<string, unknown>;
  for (const part of parts) node = node[part] as Record<string, unknown>;
  Object.defineProperty(node, last, { value: replacement, enumerable: true, writable: true, configurable: true });
  return root;
}

/**
 * Replaces, in a YAML document, each plain decimal scalar that a double does not hold exactly by
 * the string of its exact decimal, and returns those literals by JSON pointer.
 */
function keepExactNumbers(document: Yaml.Document, locate: (offset: number) => ErrorLocation): Map<string, string> {
  const { visit, isScalar } = yaml();
  const found = new Map<string, string>();
  visit(document, {
    Scalar(_key, node, path) {
      if (!isScalar(node) || typeof node.value !== 'number') return;
      const token = node.srcToken;
      const source = token !== undefined && 'source' in token ? token.source : undefined;
      if (typeof source !== 'string' || !/^[+-]?(\d|\.\d)/.test(source) || survivesDouble(source)) return;
      if (exactLiteral(source) === undefined && !/^[+-]?[\d.]+([eE][+-]?\d+)?$/.test(source)) return;
      node.value = exactDecimal(source, locate(node.range?.[0] ?? 0));
      found.set(yamlPointer(path, node), source);
    },
  });
  return found;
}

/** The JSON pointer of a node from its ancestors, as `yaml`'s visitor passes them. */
function yamlPointer(path: readonly unknown[], node: unknown): string {
  const { isMap, isSeq, isPair, isScalar } = yaml();
  const parts: string[] = [];
  const chain = [...path, node];
  for (let i = 0; i < chain.length - 1; i++) {
    const parent = chain[i];
    const child = chain[i + 1];
    if (isSeq(parent)) parts.push(String(parent.items.indexOf(child)));
    else if (isMap(parent) && isPair(child)) {
      const key = child.key;
      parts.push(String(isScalar(key) ? key.value : key));
    }
  }
  return parts.map((p) => '/' + p.replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

/** Deepest nesting of objects and arrays in an architecture file (real ones nest about 10 deep). */
export const MAX_FILE_NESTING = 200;

/**
 * Refuses a value nested more than {@link MAX_FILE_NESTING} deep, naming the first place too
 * deep: everything after parsing walks the file recursively. Iterative. O(values).
 */
function checkNesting(root: unknown, file: string): void {
  const stack: { value: unknown; depth: number; pointer: string }[] = [{ value: root, depth: 0, pointer: '' }];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const { value, depth, pointer } = entry;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_FILE_NESTING) {
      throw new UserError(`nested more than ${MAX_FILE_NESTING} deep`, {
        location: { file, path: pointer.length > 80 ? `${pointer.slice(0, 77)}...` : pointer },
        expected: 'a flatter file (use blocks and repeat counts)',
      });
    }
    for (const [key, child] of Object.entries(value as Record<string, unknown>))
      stack.push({
        value: child,
        depth: depth + 1,
        pointer: `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`,
      });
  }
}

/**
 * Refuses a YAML (or JSON-as-YAML) text nested more than {@link MAX_FILE_NESTING} deep before
 * the parser builds its document, which recurses once per level: with the message and limit of
 * {@link checkNesting}, at the line and column of the first collection too deep. The parser's
 * first stage (its lexer and concrete syntax tree) runs without recursion, and the tree is
 * walked here with a stack of its own. O(length of text).
 */
function checkYamlNesting(text: string, file: string): void {
  const { LineCounter, Parser } = yaml();
  const lineCounter = new LineCounter();
  type Token = Yaml.CST.Token;
  const stack: { token: Token | null | undefined; depth: number }[] = [];
  for (const token of new Parser(lineCounter.addNewLine).parse(text)) stack.push({ token, depth: 0 });
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const { token, depth } = entry;
    if (token === null || token === undefined) continue;
    switch (token.type) {
      case 'document':
        stack.push({ token: token.value, depth });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        if (depth >= MAX_FILE_NESTING) {
          const { line, col } = lineCounter.linePos(token.offset);
          throw new UserError(`nested more than ${MAX_FILE_NESTING} deep`, {
            location: { file, line, column: col },
            expected: 'a flatter file (use blocks and repeat counts)',
          });
        }
        for (const item of token.items) {
          if ('key' in item) stack.push({ token: item.key, depth: depth + 1 });
          stack.push({ token: item.value, depth: depth + 1 });
        }
        break;
      }
      default:
        break; // scalars, aliases, comments: no nesting
    }
  }
}

/**
 * Runs a step of the YAML parser, which recurses once per level of nesting: a file nested
 * thousands deep exhausts the stack there, and is refused as such.
 */
function withinStack<T>(file: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new UserError('nested too deeply to parse', {
      location: { file },
      expected: `at most ${MAX_FILE_NESTING} levels`,
    });
  }
}
