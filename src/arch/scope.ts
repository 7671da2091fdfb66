/**
 * Evaluation of architecture expressions. Every value carries its exact rational (or string,
 * for choice parameters) and its symbolic expression in the free parameters, so the same walk
 * over an architecture file builds the concrete network and its symbolic twin.
 */
import { UserError, type ErrorLocation } from '../errors.js';
import {
  evaluateExact, evaluateExactValue, exactMath, fractionText, toFraction, printMath, printNode, type ExactValue, type Fraction, type MathNode,
} from '../expr/math.js';
import { foldSum } from '../expr/fold-product.js';
import { freeSymbols, substituteNode } from '../expr/substitute.js';
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
  readonly body: MathNode;
}

export interface Scope {
  readonly values: ReadonlyMap<string, ScopeValue>;
  readonly functions: ReadonlyMap<string, UserFunction>;
}

/** A constant scope value from an exact number. */
export function constant(value: Fraction | number | bigint): ScopeValue {
  const exact = toFraction(value);
  return { exact, expr: fractionText(exact), symbolic: false };
}

/** A new scope with `values` added (shadowing). */
export function extendScope(scope: Scope, values: Readonly<Record<string, ScopeValue>>): Scope {
  const merged = new Map(scope.values);
  for (const [name, value] of Object.entries(values)) merged.set(name, value);
  return { values: merged, functions: scope.functions };
}

const BUILTIN_CONSTANTS = new Set(['pi', 'e', 'true', 'false']);

function parseExpression(text: string, location: ErrorLocation): MathNode {
  try {
    return printMath.parse(text);
  } catch (error) {
    throw new UserError(`invalid expression "${text}": ${(error as Error).message}`, { location });
  }
}

/** Replaces calls of file-defined functions by their bodies with the arguments substituted. */
export function inlineFunctions(node: MathNode, functions: ReadonlyMap<string, UserFunction>, location: ErrorLocation): MathNode {
  return node.transform((child) => {
    if (!printMath.isFunctionNode(child)) return child;
    const name = child.fn.name;
    const fn = functions.get(name);
    if (fn === undefined) {
      if (typeof (exactMath as unknown as Record<string, unknown>)[name] !== 'function') {
        throw new UserError(`unknown function "${name}"`, {
          location,
          expected: `a mathjs function (floor, ceil, max, min, round …), make_divisible, ceil_log, sopfr, or one defined under "definitions"`,
        });
      }
      return child;
    }
    if (child.args.length !== fn.params.length) {
      throw new UserError(`function "${name}" takes ${fn.params.length} argument(s), got ${child.args.length}`, { location });
    }
    const args: Record<string, string> = {};
    fn.params.forEach((param, i) => {
      const arg = child.args[i];
      if (arg !== undefined) args[param] = printNode(inlineFunctions(arg, functions, location));
    });
    return new printMath.ParenthesisNode(substituteNode(fn.body, args));
  });
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

function prepared(value: string, functions: ReadonlyMap<string, UserFunction>, location: ErrorLocation): Prepared {
  let functionsKey = functionKeys.get(functions);
  if (functionsKey === undefined) {
    functionsKey = JSON.stringify([...functions].map(([name, fn]) => [name, fn.params, printNode(fn.body)]));
    functionKeys.set(functions, functionsKey);
  }
  let cache = preparedCache.get(functionsKey);
  if (cache === undefined) {
    cache = new Map();
    preparedCache.set(functionsKey, cache);
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
      symbolicBindings[name] = bound.expr;
    } else {
      // constants: rationals as their text, choices and truth values as their literal
      symbolicBindings[name] = typeof bound.exact === 'object' ? fractionText(bound.exact) : bound.expr;
    }
  }
  let exact: ExactValue;
  try {
    exact = evaluateExactValue(text, exactScope);
  } catch (error) {
    const message = (error as Error).message;
    // mathjs's exact (Fraction) mode refuses log, sqrt, exp … with a conversion message.
    const reason = /implicitly convert a Fraction/.test(message)
      ? 'log, sqrt, exp and other functions that can leave the rationals are not available (use ceil_log(m, k) for an integer logarithm)'
      : message;
    throw new UserError(`cannot evaluate "${value}": ${reason}`, { location });
  }
  if (typeof exact !== 'object') return { exact, expr: JSON.stringify(exact), symbolic: false };
  if (!symbolic) return { exact, expr: fractionText(exact), symbolic: false };
  return { exact, expr: foldSum(printNode(substituteNode(node, symbolicBindings))), symbolic: true };
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
    bindings[name] = input.expr;
    symbolic ||= input.symbolic;
  }
  const exact = evaluateExact(template, exactScope);
  if (!symbolic) return { exact, expr: fractionText(exact), symbolic: false };
  return { exact, expr: foldSum(printNode(substituteNode(printMath.parse(template), bindings))), symbolic: true };
}
