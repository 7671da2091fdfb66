/**
 * Vega-Lite spec → Vega spec → SVG text, headless (no browser, no canvas). Vega measures text
 * with its built-in estimate when no canvas is present, so the output is the same on every
 * machine. Pure apart from Vega's internal work.
 */
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

let modules: Promise<{ vega: typeof Vega; vegaLite: typeof VegaLite }> | undefined;

/** vega and vega-lite, imported on first use (one after the other, once) rather than at start-up. */
function vegaModules(): Promise<{ vega: typeof Vega; vegaLite: typeof VegaLite }> {
  return (modules ??= (async () => {
    const vegaLite = await import('vega-lite');
    const vega = await import('vega');
    return { vega, vegaLite };
  })());
}

/** The Vega spec a Vega-Lite spec compiles to (what the HTML page runs). */
export async function compileToVega(spec: TopLevelSpec): Promise<object> {
  const { vegaLite } = await vegaModules();
  return vegaLite.compile(spec).spec;
}

/** Renders `spec` to an SVG document. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, vegaLite } = await vegaModules();
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
