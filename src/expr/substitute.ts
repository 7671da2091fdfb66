import { Unsupported } from './exact-parse.js';
import { substituteText } from './exact-print.js';
import { printMath, printNode, type MathNode } from './math.js';

/**
 * Replaces the free symbols of `expression` named in `bindings` by the bound expressions
 * (parenthesised as needed) and returns the printed result. Function names are not touched.
 * Texts in the subset of `exact-print.ts` are handled without mathjs, the rest with mathjs;
 * both print the same. Example: substitute('k * m', {m: 'min(a, b)'}) = 'k * min(a, b)'.
 */
export function substitute(expression: string, bindings: Readonly<Record<string, string | number>>): string {
  try {
    return substituteText(expression, bindings);
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
  }
  return printNode(substituteNode(printMath.parse(expression), bindings));
}

/** Node form of `substitute`. */
export function substituteNode(node: MathNode, bindings: Readonly<Record<string, string | number>>): MathNode {
  const parsed = new Map<string, MathNode>();
  return node.transform((child, _path, parent) => {
    if (!printMath.isSymbolNode(child)) return child;
    if (parent !== null && printMath.isFunctionNode(parent) && parent.fn === child) return child;
    const bound = Object.hasOwn(bindings, child.name) ? bindings[child.name] : undefined;
    if (bound === undefined) return child;
    let replacement = parsed.get(child.name);
    if (replacement === undefined) {
      replacement = printMath.parse(`${bound}`);
      if (
        !printMath.isConstantNode(replacement) &&
        !printMath.isSymbolNode(replacement) &&
        !printMath.isFunctionNode(replacement) &&
        !printMath.isParenthesisNode(replacement)
      ) {
        replacement = new printMath.ParenthesisNode(replacement);
      }
      parsed.set(child.name, replacement);
    }
    return replacement.cloneDeep();
  });
}

/** Names of the free symbols (not function names) that occur in `node`. */
export function freeSymbols(node: MathNode): Set<string> {
  const names = new Set<string>();
  node.traverse((child, _path, parent) => {
    if (!printMath.isSymbolNode(child)) return;
    if (parent !== null && printMath.isFunctionNode(parent) && parent.fn === child) return;
    names.add(child.name);
  });
  return names;
}
