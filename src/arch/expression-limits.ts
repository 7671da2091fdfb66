/**
 * Bounds on the expressions of an architecture file, checked before one is parsed: the parsers
 * and evaluators recurse once per level of parentheses, exponents and signs, so a text nested
 * thousands deep would exhaust the stack, and a formula that doubles with every definition
 * would exhaust memory. Real files stay far below every bound.
 */
import { UserError, type ErrorLocation } from '../errors.js';

/** Longest expression text in a file (the longest in the zoo is under 200 characters). */
export const MAX_EXPRESSION_LENGTH = 10_000;
/** Deepest nesting of parentheses, exponents and leading signs in one expression. */
export const MAX_EXPRESSION_DEPTH = 100;
/** Longest symbolic formula a value may have (a formula doubled at every definition grows past it fast). */
export const MAX_FORMULA_LENGTH = 20_000;

/**
 * Refuses an expression text over {@link MAX_EXPRESSION_LENGTH} characters or nested deeper
 * than {@link MAX_EXPRESSION_DEPTH}: the depth counts open parentheses, `^` (right-associative,
 * so `2^2^2` nests) and runs of signs (`- - - x`). O(length).
 */
export function checkExpressionText(text: string, location: ErrorLocation): void {
  const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new UserError(`the expression "${shown}" is ${text.length} characters long`, {
      location,
      expected: `at most ${MAX_EXPRESSION_LENGTH} (split it into definitions)`,
    });
  }
  let parentheses = 0;
  let powers = 0;
  let signs = 0;
  for (const c of text) {
    if (c === '(') parentheses++;
    else if (c === ')') parentheses--;
    else if (c === '^') powers++;
    if (c === '-' || c === '+') signs++;
    else if (c !== ' ' && c !== '(') signs = 0;
    if (parentheses + powers + signs > MAX_EXPRESSION_DEPTH) {
      throw new UserError(`the expression "${shown}" nests more than ${MAX_EXPRESSION_DEPTH} deep`, {
        location,
        expected: `at most ${MAX_EXPRESSION_DEPTH} levels of parentheses, exponents and signs`,
      });
    }
  }
}

/** Refuses a symbolic formula over {@link MAX_FORMULA_LENGTH} characters, naming where it was made. */
export function checkFormulaLength(formula: string, location: ErrorLocation): void {
  if (formula.length > MAX_FORMULA_LENGTH) {
    throw new UserError(`the formula of this value grows to ${formula.length} characters`, {
      location,
      expected: `at most ${MAX_FORMULA_LENGTH} (a definition that doubles the one before, again and again?)`,
    });
  }
}
