/**
 * Evaluation of architecture expressions. Every value carries its exact rational (or string,
 * for choice parameters) and its symbolic expression in the free parameters, so the same walk
 * over an architecture file builds the concrete network and its symbolic twin.
 *
 * Concrete values (no free parameter involved) are evaluated by the mathjs-free evaluator of
 * `expr/exact-eval.ts`; mathjs is used (and loaded) for symbolic values and for whatever that
 * evaluator refuses — in particular for every error, so messages stay those of mathjs.
 */
import { UserError, type ErrorLocation } from '../errors.js';
import { evaluateNode, inlineCalls, toScalar, type FastFunction, type ScopeInput } from '../expr/exact-eval.js';
import { freeNames, parseExact, Unsupported, type ExprNode } from '../expr/exact-parse.js';
import {
  evaluateExactValue,
  evaluateRational,
  exactMath,
  HELPER_FUNCTIONS,
  SCALAR_FUNCTIONS,
  fractionText,
  printMath,
  printNode,
  type ExactValue,
  type MathNode,
} from '../expr/math.js';
import { survivesDouble } from '../expr/exact-literal.js';
import { foldSum } from '../expr/fold-product.js';
import { freeSymbols, substituteNode } from '../expr/substitute.js';
import { MagnitudeError, MAX_RATIONAL_BITS, type Rational } from '../expr/rational.js';
import { checkExpressionText, checkFormulaLength } from './expression-limits.js';
import type { Expr } from './file-format.js';

/** A value in an expression scope. */
export interface ScopeValue {
  /** Exact value (rational), a truth value (a stored condition), or the text of a choice parameter. */
  readonly exact: ExactValue;
  /** Expression in the free parameters; for values that do not depend on them, the constant. */
  readonly expr: string;
  /** Whether `expr` mentions a free parameter. */
  readonly symbolic: boolean;
}

/** A function defined in the file (`depth(d)`), stored with its body already inlined. */
export interface UserFunction {
  readonly params: readonly string[];
  /** The body as written in the file. */
  readonly source: string;
  /** The body with the functions defined before it inlined, as a mathjs tree (built on first use). */
  readonly body: MathNode;
  /** The same for the fast evaluator; undefined when the body is outside its subset. */
  readonly fast: ExprNode | undefined;
}

export interface Scope {
  readonly values: ReadonlyMap<string, ScopeValue>;
  readonly functions: ReadonlyMap<string, UserFunction>;
}

/** A constant scope value from an exact number. */
export function constant(value: Exclude<ScopeInput, string | boolean>): ScopeValue {
  const exact = toScalar(value) as Rational;
  return { exact, expr: fractionText(exact), symbolic: false };
}

/** A new scope with `values` added (shadowing). */
export function extendScope(scope: Scope, values: Readonly<Record<string, ScopeValue>>): Scope {
  const merged = new Map(scope.values);
  for (const [name, value] of Object.entries(values)) merged.set(name, value);
  return { values: merged, functions: scope.functions };
}

const BUILTIN_CONSTANTS = new Set(['pi', 'e', 'true', 'false']);

/** Number literals in an expression's text (a sign is an operator, not part of the literal). */
const LITERALS = /(?<![\w$.])(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/g;

/**
 * Parses an expression for mathjs's path, which reads literals as doubles: a literal a double
 * does not hold exactly (`9007199254740993`, `16.0000000000000001`) is refused here, where the
 * exact evaluator could not take it (a symbolic formula, a function outside its subset).
 */
function parseExpression(text: string, location: ErrorLocation): MathNode {
  for (const [literal] of text.matchAll(LITERALS)) {
    if (!survivesDouble(literal))
      throw new UserError(`the number ${literal} in "${text}" cannot be kept exactly in this expression`, {
        location,
        expected:
          'at most 15 significant digits where a formula stays symbolic or uses functions beyond + - * / ^ floor ceil min max',
      });
  }
  try {
    return printMath.parse(text);
  } catch (error) {
    throw new UserError(`invalid expression "${text}": ${(error as Error).message}`, { location });
  }
}

/** Replaces calls of file-defined functions by their bodies with the arguments substituted. */
export function inlineFunctions(
  node: MathNode,
  functions: ReadonlyMap<string, UserFunction>,
  location: ErrorLocation,
): MathNode {
  return node.transform((child) => {
    if (!printMath.isFunctionNode(child)) return child;
    const name = child.fn.name;
    const fn = functions.get(name);
    if (fn === undefined) {
      // Object.prototype's members (constructor, toString …) are names like any other: unknown.
      if (name in Object.prototype || typeof (exactMath as unknown as Record<string, unknown>)[name] !== 'function') {
        throw new UserError(`unknown function "${name}"`, {
          location,
          expected: `a mathjs function (floor, ceil, max, min, round …), make_divisible, ceil_log, sopfr, or one defined under "definitions"`,
        });
      }
      // mathjs's arrays, matrices and random numbers have no place in a count, and some take
      // unbounded memory or time (range(1, 1e9)): only scalar functions are called.
      if (!SCALAR_FUNCTIONS.has(name) && !(HELPER_FUNCTIONS as readonly string[]).includes(name)) {
        throw new UserError(`function "${name}" is not available in an architecture file`, {
          location,
          expected: `scalar functions: ${[...SCALAR_FUNCTIONS].sort().join(', ')}, ${HELPER_FUNCTIONS.join(', ')}, or one defined under "definitions"`,
        });
      }
      return child;
    }
    if (child.args.length !== fn.params.length) {
      throw new UserError(`function "${name}" takes ${fn.params.length} argument(s), got ${child.args.length}`, {
        location,
      });
    }
    const args: Record<string, string> = {};
    fn.params.forEach((param, i) => {
      const arg = child.args[i];
      if (arg !== undefined) define(args, param, printNode(inlineFunctions(arg, functions, location)));
    });
    return new printMath.ParenthesisNode(substituteNode(fn.body, args));
  });
}

/**
 * A function of the file, `name(params) = source`, with the functions defined before it.
 * Errors in the body (syntax, unknown functions, wrong argument counts) are reported here, at
 * the definition, as a UserError at `location`.
 */
export function defineFunction(
  params: readonly string[],
  source: string,
  functions: ReadonlyMap<string, UserFunction>,
  location: ErrorLocation,
): UserFunction {
  checkExpressionText(source, location);
  let fast: ExprNode | undefined;
  try {
    fast = inlineCalls(parseExact(source), fastFunctions(functions));
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
  }
  let body: MathNode | undefined;
  const build = (): MathNode => (body ??= inlineFunctions(parseExpression(source, location), functions, location));
  // Outside the fast subset, mathjs reads the body now so that its errors point at the definition.
  if (fast === undefined) build();
  return {
    params,
    source,
    fast,
    get body() {
      return build();
    },
  };
}

const fastFunctionMaps = new WeakMap<
  ReadonlyMap<string, UserFunction>,
  ReadonlyMap<string, FastFunction | undefined>
>();

/** The file's functions as the fast evaluator sees them (undefined: outside its subset). */
function fastFunctions(functions: ReadonlyMap<string, UserFunction>): ReadonlyMap<string, FastFunction | undefined> {
  let map = fastFunctionMaps.get(functions);
  if (map === undefined) {
    map = new Map(
      [...functions].map(([name, fn]) => [
        name,
        fn.fast === undefined ? undefined : { params: fn.params, body: fn.fast },
      ]),
    );
    fastFunctionMaps.set(functions, map);
  }
  return map;
}

/** A parsed expression for the fast evaluator and its free names, or undefined outside the subset. */
interface FastPrepared {
  readonly node: ExprNode;
  readonly names: readonly string[];
}

const fastCache = new Map<string, Map<string, FastPrepared | undefined>>();

function fastPrepared(value: string, functions: ReadonlyMap<string, UserFunction>): FastPrepared | undefined {
  const key = functionsKey(functions);
  let cache = fastCache.get(key);
  if (cache === undefined) {
    cache = new Map();
    fastCache.set(key, cache);
  }
  if (cache.has(value)) return cache.get(value);
  let entry: FastPrepared | undefined;
  try {
    const node = inlineCalls(parseExact(value), fastFunctions(functions));
    entry = { node, names: [...freeNames(node)] };
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
  }
  cache.set(value, entry);
  return entry;
}

/**
 * The value of an expression whose names are all bound to constants, by the fast evaluator;
 * undefined when it cannot say (symbolic inputs, unbound names, text outside its subset, or
 * any error: `evaluate` then takes the mathjs path, which reports errors as it always did).
 */
function evaluateConcrete(value: string, scope: Scope): ScopeValue | undefined {
  const prepared = fastPrepared(value, scope.functions);
  if (prepared === undefined) return undefined;
  const bound = new Map<string, ExactValue>();
  for (const name of prepared.names) {
    const entry = scope.values.get(name);
    if (entry === undefined || entry.symbolic) return undefined;
    bound.set(name, entry.exact);
  }
  let exact: ExactValue;
  try {
    exact = evaluateNode(prepared.node, (name) => bound.get(name));
  } catch (error) {
    if (error instanceof MagnitudeError) throw error;
    return undefined;
  }
  if (typeof exact !== 'object') return { exact, expr: JSON.stringify(exact), symbolic: false };
  return { exact, expr: fractionText(exact), symbolic: false };
}

/** An expression parsed, with the file's functions inlined: its node, free names and text. */
interface Prepared {
  readonly node: MathNode;
  readonly names: ReadonlySet<string>;
  readonly text: string;
}

// Parsing dominates building a network, and the same expressions come back for every block,
// repeat and build: prepared expressions are kept per set of function definitions (keyed by
// their printed bodies, so that rebuilding the same file reuses them).
const preparedCache = new Map<string, Map<string, Prepared>>();
const functionKeys = new WeakMap<ReadonlyMap<string, UserFunction>, string>();

/** The key of a set of function definitions: names, parameters and bodies in definition order. */
function functionsKey(functions: ReadonlyMap<string, UserFunction>): string {
  let key = functionKeys.get(functions);
  if (key === undefined) {
    key = JSON.stringify([...functions].map(([name, fn]) => [name, fn.params, fn.source]));
    functionKeys.set(functions, key);
  }
  return key;
}

function prepared(value: string, functions: ReadonlyMap<string, UserFunction>, location: ErrorLocation): Prepared {
  const key = functionsKey(functions);
  let cache = preparedCache.get(key);
  if (cache === undefined) {
    cache = new Map();
    preparedCache.set(key, cache);
  }
  let entry = cache.get(value);
  if (entry === undefined) {
    const node = inlineFunctions(parseExpression(value, location), functions, location);
    entry = { node, names: freeSymbols(node), text: printNode(node) };
    cache.set(value, entry);
  }
  return entry;
}

/**
 * Evaluates an expression of the file in `scope`: exactly, and symbolically in the free
 * parameters. Unknown names and functions, syntax errors and evaluation errors become a
 * UserError at `location`.
 */
export function evaluate(value: Expr, scope: Scope, location: ErrorLocation): ScopeValue {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UserError('not a finite number', { location, received: value });
    return constant(value);
  }
  checkExpressionText(value, location);
  try {
    return evaluateBounded(value, scope, location);
  } catch (error) {
    if (!(error instanceof MagnitudeError)) throw error;
    throw new UserError(`the value of "${value.length > 40 ? `${value.slice(0, 37)}...` : value}" is too large`, {
      location,
      expected: `numbers of at most ${MAX_RATIONAL_BITS} bits`,
    });
  }
}

function evaluateBounded(value: string, scope: Scope, location: ErrorLocation): ScopeValue {
  const concrete = evaluateConcrete(value, scope);
  if (concrete !== undefined) return concrete;
  const { node, names, text } = prepared(value, scope.functions, location);
  const exactScope = new Map<string, ExactValue>();
  const symbolicBindings: Record<string, string> = {};
  let symbolic = false;
  for (const name of names) {
    const bound = scope.values.get(name);
    if (bound === undefined) {
      if (BUILTIN_CONSTANTS.has(name)) continue;
      const known = [...scope.values.keys()].sort().join(', ');
      throw new UserError(`unknown name "${name}" in "${value}"`, { location, expected: `one of: ${known}` });
    }
    exactScope.set(name, bound.exact);
    if (bound.symbolic) {
      symbolic = true;
      define(symbolicBindings, name, bound.expr);
    } else {
      // constants: rationals as their text, choices and truth values as their literal
      define(symbolicBindings, name, typeof bound.exact === 'object' ? fractionText(bound.exact) : bound.expr);
    }
  }
  let exact: ExactValue;
  try {
    exact = evaluateExactValue(text, exactScope);
  } catch (error) {
    if (error instanceof MagnitudeError) throw error;
    const message = (error as Error).message;
    // mathjs's exact (Fraction) mode refuses log, sqrt, exp … with a conversion message.
    const reason = /implicitly convert a Fraction/.test(message)
      ? 'log, sqrt, exp and other functions that can leave the rationals are not available (use ceil_log(m, k) for an integer logarithm)'
      : message;
    throw new UserError(`cannot evaluate "${value}": ${reason}`, { location });
  }
  if (typeof exact !== 'object') return { exact, expr: JSON.stringify(exact), symbolic: false };
  if (!symbolic) return { exact, expr: fractionText(exact), symbolic: false };
  const expr = foldSum(printNode(substituteNode(node, symbolicBindings)));
  checkFormulaLength(expr, location);
  return { exact, expr, symbolic: true };
}

/**
 * Combines scope values with an expression template over their names (used for derived
 * dimensions such as `ceil(h / s)`): exact from the exact values, symbolic by substitution,
 * folded to a constant when no input is symbolic.
 */
export function derive(template: string, inputs: Readonly<Record<string, ScopeValue>>): ScopeValue {
  const exactScope = new Map<string, ExactValue>();
  const bindings: Record<string, string> = {};
  let symbolic = false;
  for (const [name, input] of Object.entries(inputs)) {
    exactScope.set(name, input.exact);
    define(bindings, name, input.expr);
    symbolic ||= input.symbolic;
  }
  const exact = evaluateRational(template, exactScope);
  if (!symbolic) return { exact, expr: fractionText(exact), symbolic: false };
  return { exact, expr: foldSum(printNode(substituteNode(printMath.parse(template), bindings))), symbolic: true };
}

/** Sets `record[name]` as an own property: `__proto__` is a name like any other, never the prototype. */
function define(record: Record<string, string>, name: string, value: string): void {
  Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
}
