import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Vega-Lite spec → Vega spec → SVG text, headless (no browser, no canvas). Vega measures text
 * with its built-in estimate when no canvas is present, so the output is the same on every
 * machine. Pure apart from Vega's internal work.
 */

/** The Vega spec a Vega-Lite spec compiles to (what the HTML page runs). */
export function compileToVega(spec: TopLevelSpec): object {
  return compile(spec).spec;
}

/** Renders `spec` to an SVG document. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
